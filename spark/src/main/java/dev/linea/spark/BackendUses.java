package dev.linea.spark;

import org.apache.spark.util.AccumulatorV2;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The accumulator behind {@link DistributedData#executorBackends()}: the set of {@link BackendUse}s reported by
 * the tasks. A set, so that the driver keeps one entry per executor JVM and backend however many tasks and passes
 * report it (a fit of 100 passes over 200 partitions sends 20,000 reports of a handful of distinct values).
 */
final class BackendUses extends AccumulatorV2<BackendUse, Set<BackendUse>> {
    private static final long serialVersionUID = 1L;

    private final Set<BackendUse> uses = Collections.synchronizedSet(new LinkedHashSet<>());

    @Override
    public boolean isZero() {
        return uses.isEmpty();
    }

    @Override
    public BackendUses copy() {
        BackendUses c = new BackendUses();
        synchronized (uses) {
            c.uses.addAll(uses);
        }
        return c;
    }

    @Override
    public void reset() {
        uses.clear();
    }

    @Override
    public void add(BackendUse v) {
        uses.add(v);
    }

    @Override
    public void merge(AccumulatorV2<BackendUse, Set<BackendUse>> other) {
        uses.addAll(other.value());
    }

    /** @return a copy of the reports so far */
    @Override
    public Set<BackendUse> value() {
        synchronized (uses) {
            return new LinkedHashSet<>(uses);
        }
    }
}
