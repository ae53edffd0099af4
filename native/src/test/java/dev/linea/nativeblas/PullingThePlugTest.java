package dev.linea.nativeblas;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without {@code --add-modules jdk.incubator.vector}, or without a loadable system BLAS, the library still works
 * on what is left, and says once, in one log line per missing backend, what is missing and how to fix it.
 */
class PullingThePlugTest {

    record Result(int code, String out, String err) {
    }

    static Result runProbe(List<String> jvmArgs) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>();
        cmd.add(java);
        cmd.addAll(jvmArgs);
        cmd.add("-Djava.util.logging.SimpleFormatter.format=%4$s %5$s%n");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(PlugPulledProbe.class.getName());
        Process p = new ProcessBuilder(cmd).start();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8),
                new String(err, StandardCharsets.UTF_8));
    }

    static long lines(String text, String needle) {
        return text.lines().filter(l -> l.contains(needle)).count();
    }

    @Test
    void withoutTheVectorModuleEverythingElseWorksAndOneLineSaysWhy() throws Exception {
        Result r = runProbe(List.of("--enable-native-access=ALL-UNNAMED"));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("scalar=available", "vector=unavailable", "dot=14.0", "cholesky=0");
        assertThat(lines(r.err(), "backend 'vector' unavailable")).isEqualTo(1);
        assertThat(r.err()).contains("--add-modules jdk.incubator.vector");
    }

    @Test
    void withoutALoadableBlasEverythingElseWorksAndOneLineSaysWhy() throws Exception {
        Result r = runProbe(List.of("--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
                "-Ddev.ludovic.netlib.blas.nativeLib=/nonexistent/libblas.so.3",
                "-Ddev.ludovic.netlib.lapack.nativeLib=/nonexistent/liblapack.so.3"));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("vector=available", "native=unavailable", "dot=14.0", "cholesky=0");
        assertThat(lines(r.err(), "backend 'native' unavailable")).isEqualTo(1);
        assertThat(r.err()).contains("libopenblas0-pthread");
        // the property named the library: it is what failed, not a missing OpenBLAS (issue 13)
        assertThat(r.err()).contains("the BLAS library set by -Ddev.ludovic.netlib.blas.nativeLib="
                + "/nonexistent/libblas.so.3 could not be loaded (no such file)",
                "point -Ddev.ludovic.netlib.blas.nativeLib at a BLAS shared library that exists");
    }

    @Test
    void withoutNativeAccessNoJvmWarningsAndOneLineNamesTheFlag() throws Exception {
        Result r = runProbe(List.of("--add-modules", "jdk.incubator.vector"));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("vector=available", "native=unavailable", "dot=14.0", "cholesky=0");
        assertThat(lines(r.err(), "backend 'native' unavailable")).isEqualTo(1);
        assertThat(r.err()).contains("--enable-native-access=ALL-UNNAMED")
                .doesNotContain("restricted method", "Failed to load implementation");
        // The JVM's own "Using incubator modules" notice is the only other line (it comes with --add-modules).
        assertThat(r.err().lines().filter(l -> !l.isBlank() && !l.startsWith("WARNING: Using incubator modules"))
                .count()).as(r.err()).isEqualTo(1);
    }

    @Test
    void withoutTheVectorModuleNetlibDoesNotWarnAboutItsOwnVectorFallback() throws Exception {
        Result r = runProbe(List.of("--enable-native-access=ALL-UNNAMED"));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).doesNotContain("VectorBLAS", "Failed to load implementation");
    }
}
