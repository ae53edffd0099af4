package dev.linea.spark;

import java.io.Serializable;

/**
 * One executor JVM that ran a pass of a fit, and the backend it loaded there: reported by the executor itself (its
 * Spark executor id, host and process id), so that a cluster's configuration can be checked rather than assumed.
 * In local mode the "executor" is the driver ({@code executorId} "driver", the driver's pid). Returned by
 * {@link DistributedData#executorBackends()}.
 *
 * @param executorId Spark's executor id ("0", "1", …, or "driver" in local mode)
 * @param host       the executor's host, as its block manager reports it
 * @param pid        the executor JVM's process id
 * @param backend    the name of the backend the executor's kernels ran on ({@code Backend.name()})
 */
public record BackendUse(String executorId, String host, long pid, String backend) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** @return "executor 1 (pid 4242 on host)", or "the driver (pid 4242 on host)" */
    public String where() {
        return (executorId.equals("driver") ? "the driver" : "executor " + executorId) + " (pid " + pid + " on "
                + host + ")";
    }
}
