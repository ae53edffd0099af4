package dev.linea.kernels.split;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Runs the blocks of one kernel call on the calling thread and up to {@code threads − 1} pool threads. The pool is
 * one fixed set of daemon threads for the JVM, created on first need and grown (never shrunk) to the largest count
 * asked for: no thread is created per call. Blocks are claimed in index order from a shared counter, so a worker
 * that starts late (the pool busy with another call) finds nothing left and returns; the caller waits for the
 * blocks to be done, not for the helpers to start, so concurrent calls cannot deadlock on the pool.
 */
final class BlockPool {
    private static ThreadPoolExecutor pool; // guarded by BlockPool.class

    private BlockPool() {
    }

    /** Runs {@code body} for every block in [0, blocks), on at most {@code threads} threads, and returns when done. */
    static void forEach(int blocks, int threads, IntConsumer body) {
        int workers = Math.min(threads, blocks);
        if (workers <= 1) {
            for (int b = 0; b < blocks; b++) {
                body.accept(b);
            }
            return;
        }
        Job job = new Job(blocks, body);
        ThreadPoolExecutor ex = pool(workers - 1);
        for (int i = 1; i < workers; i++) {
            ex.execute(job);
        }
        job.run();
        job.await();
    }

    /** @return the pool, with at least {@code helpers} threads */
    private static synchronized ThreadPoolExecutor pool(int helpers) {
        if (pool == null) {
            AtomicInteger count = new AtomicInteger();
            pool = new ThreadPoolExecutor(helpers, helpers, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>(), r -> {
                Thread t = new Thread(r, "linea-kernels-" + count.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        } else if (pool.getMaximumPoolSize() < helpers) {
            pool.setMaximumPoolSize(helpers); // grow the maximum first: core may never exceed it
            pool.setCorePoolSize(helpers);
        }
        return pool;
    }

    /** The blocks of one call: claimed from a counter by whoever runs it, counted down as each one finishes. */
    private static final class Job implements Runnable {
        private final int blocks;
        private final IntConsumer body;
        private final AtomicInteger next = new AtomicInteger();
        private final CountDownLatch done;
        private volatile Throwable failure;

        Job(int blocks, IntConsumer body) {
            this.blocks = blocks;
            this.body = body;
            this.done = new CountDownLatch(blocks);
        }

        @Override
        public void run() {
            for (int b; (b = next.getAndIncrement()) < blocks; ) {
                try {
                    body.accept(b);
                } catch (Throwable t) {
                    if (failure == null) {
                        failure = t;
                    }
                } finally {
                    done.countDown();
                }
            }
        }

        /**
         * Waits for every block, even when interrupted: the helpers write into the caller's arrays, which must not
         * be handed back while they still do. The interrupt is kept for the caller.
         */
        void await() {
            boolean interrupted = false;
            while (true) {
                try {
                    done.await();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            Throwable t = failure;
            if (t instanceof RuntimeException r) {
                throw r;
            }
            if (t instanceof Error e) {
                throw e;
            }
            if (t != null) {
                throw new IllegalStateException("a kernel block failed", t);
            }
        }
    }
}
