package dev.linea.bench.report;

import java.util.Map;

/**
 * One JMH result: which benchmark, its parameters, and the time per operation.
 *
 * @param benchmark  simple name, e.g. "GemvBench.gemvN"
 * @param backend    the backend parameter ("" for machine-limit benchmarks)
 * @param shape      the shape parameter, whatever its name ("" when none)
 * @param threads    threads the benchmark ran on
 * @param seconds    mean seconds per operation (per thread)
 * @param error      JMH's 99.9% error of the mean, in seconds (NaN when not available)
 * @param best       seconds per operation of the fastest sample (JMH's 0th percentile: the fastest call in
 *                   {@code SampleTime} mode, the fastest iteration's mean otherwise), NaN when not available
 * @param params     all parameters
 */
public record Measurement(String benchmark, String backend, String shape, int threads, double seconds,
                          double error, double best, Map<String, String> params) {
    /** A measurement without a fastest sample. */
    public Measurement(String benchmark, String backend, String shape, int threads, double seconds, double error,
                       Map<String, String> params) {
        this(benchmark, backend, shape, threads, seconds, error, Double.NaN, params);
    }
}
