package fr.culture.atlas.store;

import java.util.Optional;

/**
 * The read side of a store: the data version currently published. Implementations follow
 * publications made by other processes (the importer) without restart.
 */
public interface Store extends AutoCloseable {

    /** The published snapshot, or empty while nothing was ever published. */
    Optional<Snapshot> current();

    /**
     * Data version {@code v} if this server serves it: the current one, one it replaced less than
     * the grace period ago ({@link Recent}), or one published since its last poll (the store looks
     * at once: another replica may have switched first and handed out URLs naming it). Empty
     * otherwise.
     */
    Optional<Snapshot> version(long v);

    /**
     * Why the store has no version to serve (its database does not answer, its version cannot be
     * read), or empty: readiness gives it as its reason while nothing is loaded. It must return at
     * once (no I/O).
     */
    default Optional<String> problem() {
        return Optional.empty();
    }

    /** Short description for logs and health details (never contains a password). */
    String describe();

    @Override
    void close();
}
