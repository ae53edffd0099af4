package dev.linea.spark;

import dev.linea.kernels.Backend;
import dev.linea.kernels.BackendStatus;
import dev.linea.kernels.Backends;
import org.apache.spark.SparkEnv;

import java.io.Serializable;

/**
 * The backend a fit runs on, as shipped to the executors: its name, and the accumulator through which each task
 * reports the executor that ran it and the backend it loaded ({@link DistributedData#executorBackends()}). An
 * executor whose JVM cannot load the backend (no {@code --add-modules jdk.incubator.vector}, a native library
 * that does not load) fails its task with {@link #MARK}, the executor, the reason and the Spark setting that fixes
 * it; {@link SparkJobs} turns that into one clear driver-side exception. It does not fall back: executors on
 * different backends would give a fit whose last bits depend on which JVM ran which partition.
 */
final class ExecutorBackend implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Starts the message of an executor that cannot load its backend. */
    static final String MARK = "linea: Spark ";

    private final String name;
    private final BackendUses uses;

    /** @param uses where to report each task's executor and backend, or null for no report */
    ExecutorBackend(String name, BackendUses uses) {
        this.name = name;
        this.uses = uses;
    }

    String name() {
        return name;
    }

    /**
     * @return the backend in this JVM (executor or driver), after reporting where it ran
     * @throws IllegalStateException starting with {@link #MARK} when this JVM cannot load it, naming the executor,
     *                               the reason and the fix
     */
    Backend load() {
        BackendStatus s = Backends.status(name);
        BackendUse here = here(s.isAvailable() ? s.backend().name() : name);
        if (!s.isAvailable()) {
            throw new IllegalStateException(MARK + here.where() + " cannot load the backend '" + name + "': "
                    + s.reason() + ". Fix: " + s.fix() + "; on Spark the executors' JVM options"
                    + " are set by spark.executor.extraJavaOptions (docs/spark.md, \"Running on a cluster\")");
        }
        if (uses != null) {
            uses.add(here);
        }
        return s.backend();
    }


    private static BackendUse here(String backend) {
        SparkEnv env = SparkEnv.get();
        String id = env == null ? "driver" : env.executorId();
        String host = env == null ? "localhost" : env.blockManager().blockManagerId().host();
        return new BackendUse(id, host, ProcessHandle.current().pid(), backend);
    }
}
