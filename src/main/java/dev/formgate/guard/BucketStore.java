package dev.formgate.guard;

import java.util.List;

/**
 * Where token buckets live: in this process ({@link LocalBucketStore}) or shared in Redis ({@link RedisBucketStore}).
 *
 * <p>A bucket is named by a key and created from its limits on first use; each limit is an allowance of
 * N tokens that comes back whole at the end of each window.
 */
public interface BucketStore extends AutoCloseable {

    /** Tries to take one token from the bucket named {@code key}, creating it from {@code limits} if absent. */
    BucketProbe tryTake(String key, List<RateSpec> limits);

    /** Gives back one token taken by {@link #tryTake} (best effort, never above the allowance). */
    void giveBack(String key, List<RateSpec> limits);

    /**
     * Whether taking a token waits on the network (Redis): such a check must not run on a thread that serves other
     * connections while it waits.
     */
    default boolean waitsOnNetwork() {
        return false;
    }

    /** Releases connections and memory; never throws. */
    @Override
    void close();
}
