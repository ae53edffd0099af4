import dev.linea.kernels.Backends;
import dev.linea.kernels.sparse.CsrMatrix;
import dev.linea.models.GeneratedNames;
import dev.linea.models.SparseDesign;
import dev.linea.models.io.LibSvmFiles;
import dev.linea.models.lasso.ElasticNet;
import dev.linea.models.lasso.ElasticNetOptions;
import dev.linea.models.lasso.ElasticNetPath;

import com.sun.management.GarbageCollectionNotificationInfo;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * The memory of Linea's sparse lasso path fit (issue 19: "peak memory of the fit ≤ 1.5 × the CSR bytes"), two ways:
 * <ul>
 *   <li><b>allocated</b>: the bytes the fitting thread allocated during the fit
 *   ({@code com.sun.management.ThreadMXBean.getCurrentThreadAllocatedBytes}; the fit runs on this one thread with
 *   {@code -Dlinea.threads=1}). Everything the fit keeps alive was allocated by it, so this bounds the fit's peak
 *   live heap from above, garbage included;</li>
 *   <li><b>live after GC</b>: the heap in use after each collection during the fit (GC notifications), less the heap
 *   in use after a full collection before it (the input: CSR, labels, names). Run with a small {@code -Xmx} (the
 *   input plus 1.5 × the CSR) to make collections frequent and the bound a proof: the fit cannot hold more.</li>
 * </ul>
 * Optionally ({@code csc-first}) builds and caches the CSC before the fit, and reports its allocation apart.
 *
 *   java -Dlinea.threads=1 -Xmx… -cp models/target/classes:kernels/target/classes bench/sparse/SparsePathMemory.java \
 *        FILE BITS NLAMBDA TOL
 */
public class SparsePathMemory {
    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int n = 1 << Integer.parseInt(args[1]);
        int nLambda = Integer.parseInt(args[2]);
        double tol = Double.parseDouble(args[3]);
        LibSvmFiles.Data data = LibSvmFiles.read(file, n, Runtime.getRuntime().availableProcessors());
        CsrMatrix x = data.x();
        SparseDesign d = SparseDesign.of(x, data.y(), null, GeneratedNames.numbered("f", 1, n), "label", true);
        long csr = x.bytes();
        System.out.printf(Locale.ROOT, "input: %d rows, %d columns, %d non-zeros, CSR %.1f MB, labels %.1f MB%n",
                x.rows(), x.cols(), x.nonZeros(), csr / 1e6, data.y().length * 8 / 1e6);
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        var mem = ManagementFactory.getMemoryMXBean();
        System.gc();
        System.gc();
        long base = mem.getHeapMemoryUsage().getUsed();
        System.out.printf(Locale.ROOT, "heap in use after full GC before the fit: %.1f MB (max heap %.1f MB)%n",
                base / 1e6, mem.getHeapMemoryUsage().getMax() / 1e6);
        AtomicLong maxAfterGc = new AtomicLong();
        AtomicLong collections = new AtomicLong();
        for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).addNotificationListener((note, hb) -> {
                if (note.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
                    var info = GarbageCollectionNotificationInfo.from((CompositeData) note.getUserData());
                    long used = 0;
                    for (MemoryUsage u : info.getGcInfo().getMemoryUsageAfterGc().values()) {
                        used += u.getUsed();
                    }
                    maxAfterGc.accumulateAndGet(used, Math::max);
                    collections.incrementAndGet();
                }
            }, null, null);
        }
        long a0 = threads.getCurrentThreadAllocatedBytes();
        long c0 = threads.getCurrentThreadCpuTime();
        ElasticNetPath p = new ElasticNet(ElasticNetOptions.lasso().withStandardize(false).withPath(nLambda, 0.01)
                .withThreshold(tol, 100_000), Backends.defaultBackend()).fit(d);
        long alloc = threads.getCurrentThreadAllocatedBytes() - a0;
        double cpu = (threads.getCurrentThreadCpuTime() - c0) / 1e9;
        Thread.sleep(200); // let the last notifications arrive
        long live = maxAfterGc.get() - base;
        long stored = 0;
        for (int k = 0; k < p.size(); k++) {
            stored += p.nonZero(k);
        }
        System.out.printf(Locale.ROOT, "lasso path: %d lambdas, %d non-zeros at the last, %d stored in all; "
                        + "thread CPU %.1f s%n", p.size(), p.nonZero(p.size() - 1), stored, cpu);
        System.out.printf(Locale.ROOT, "allocated by the fit: %.1f MB = %.3f x CSR%n", alloc / 1e6,
                (double) alloc / csr);
        System.out.printf(Locale.ROOT, "max heap after GC during the fit, less the input: %.1f MB = %.3f x CSR "
                + "(%d collections)%n", live / 1e6, (double) live / csr, collections.get());
        System.out.println(p.report().notes());
    }
}
