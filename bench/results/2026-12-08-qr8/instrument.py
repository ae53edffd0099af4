# Writes an instrumented copy of the vector StackedQr (wall-clock timers around each part of factor(), public
# static long[] PT) for KernelParts.java. Usage (from the worktree root):
#   python3 bench/results/2026-12-08-qr8/instrument.py > /tmp/prof/StackedQr.java
#   cp -r kernels/target/classes /tmp/prof/classes
#   javac --add-modules jdk.incubator.vector -cp /tmp/prof/classes -d /tmp/prof/classes /tmp/prof/StackedQr.java
#   java --add-modules jdk.incubator.vector -cp /tmp/prof/classes bench/results/2026-12-08-qr8/KernelParts.java 984 100 4000
import re, sys
s = open('kernels/src/main/java/dev/linea/kernels/vector/StackedQr.java').read()
s = s.replace("final class StackedQr {", "public final class StackedQr {\n    public static final long[] PT = new long[6];\n", 1)
calls = [r"touch\(mb, n, b, bOff, ldb\);", r"subPanel\(k0, k1, [^;]*\);", r"trailing\(k0, k1, p1, [^;]*\);",
         r"panelProducts32\([^;]*\);", r"panelT\(p0, p1, t, tp, g\);", r"panelTrailing\([^;]*\);"]
for i, c in enumerate(calls):
    m = re.search(r"(?m)^\s+" + c, s)
    call = m.group(0).strip()
    s = s.replace(call, "{ long _t0 = System.nanoTime(); " + call + " PT[%d] += System.nanoTime() - _t0; }" % i, 1)
sys.stdout.write(s)
