package fr.culture.atlas.store;

import java.util.List;
import java.util.OptionalLong;

/**
 * The write side of a store. {@link #publish} writes version N+1 beside the live version N,
 * checks that it reads back whole, and only then makes it current in one step: readers see
 * N or N+1, never a half-written version, and a failure leaves N current.
 */
public interface Publisher extends AutoCloseable {

    /**
     * Writes the dataset as a new version and makes it current; returns its number. Versions
     * beyond the configured count are then removed, oldest first, never the current one.
     */
    long publish(Dataset dataset);

    /** The versions to remove so that {@code keep} remain: the oldest, never {@code current}. */
    static java.util.List<Long> surplus(java.util.List<Long> versions, long current, int keep) {
        java.util.List<Long> others = versions.stream().filter(v -> v != current).sorted().toList();
        int remove = Math.max(0, versions.size() - keep);
        return others.subList(0, Math.min(remove, others.size()));
    }

    /** Makes an existing version current again (rollback or roll forward). */
    void activate(long version);

    /** The versions kept, oldest first. */
    List<Long> versions();

    /** The current version, if any. */
    OptionalLong current();

    /**
     * What a kept version holds, without geometry.
     *
     * @throws StoreException when it cannot be read (written by an older layout, database down)
     */
    VersionSummary summary(long version);

    @Override
    void close();
}
