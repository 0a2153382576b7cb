package fr.culture.atlas.store;

import java.lang.ref.SoftReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The snapshots a server answers for: the current one, and each one it replaced less than the
 * grace period ago. Tile URLs name their data version (TileJSON and OGC API documents write it
 * in), so a map that loaded its TileJSON just before a refresh keeps asking for the version it
 * started with; keeping that version servable for a while lets it finish with every tile of one
 * version, from any replica, instead of getting a map of two versions or holes.
 *
 * <p>A replaced snapshot is dropped at the first {@link #expire} after its grace period (each
 * store calls it at every poll), so an embedded store holds two versions in memory only during
 * the grace period after a refresh. It is held softly: a heap too small for two versions lets
 * the old one go instead of failing, and its tiles then answer 404 like an expired version's
 * (the homepage and the widget load the TileJSON again on such a 404).
 */
public final class Recent {

    /** How long a replaced version stays servable unless configured ({@code atlas.versions.grace}). */
    public static final Duration DEFAULT_GRACE = Duration.ofMinutes(10);

    private record Replaced(long version, SoftReference<Snapshot> snapshot, long untilNanos) {
        boolean alive(long now) {
            return untilNanos - now > 0 && snapshot.get() != null;
        }
    }

    private final long graceNanos;
    private volatile Snapshot current;
    private volatile List<Replaced> replaced = List.of();

    public Recent(Duration grace) {
        this.graceNanos = grace.toNanos();
    }

    /** Makes {@code next} the current snapshot; the one it replaces stays servable for the grace period. */
    public synchronized void serve(Snapshot next) {
        long now = System.nanoTime();
        List<Replaced> kept = new ArrayList<>();
        for (Replaced r : replaced) {
            if (r.alive(now) && r.version() != next.version()) {
                kept.add(r);
            }
        }
        Snapshot before = current;
        if (before != null && before.version() != next.version() && graceNanos > 0) {
            kept.add(new Replaced(before.version(), new SoftReference<>(before), now + graceNanos));
        }
        replaced = List.copyOf(kept);
        current = next;
    }

    /** Forgets the replaced snapshots whose grace period is over. */
    public synchronized void expire() {
        long now = System.nanoTime();
        if (replaced.stream().anyMatch(r -> !r.alive(now))) {
            replaced = replaced.stream().filter(r -> r.alive(now)).toList();
        }
    }

    public Optional<Snapshot> current() {
        return Optional.ofNullable(current);
    }

    /** Version {@code v}: the current one, or one replaced less than the grace period ago. */
    public Optional<Snapshot> version(long v) {
        Snapshot c = current;
        if (c != null && c.version() == v) {
            return Optional.of(c);
        }
        long now = System.nanoTime();
        for (Replaced r : replaced) {
            Snapshot s = r.version() == v && r.untilNanos() - now > 0 ? r.snapshot().get() : null;
            if (s != null) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /**
     * As {@link #version(long)}; a version newer than the current one is first looked for with
     * {@code refresh} (the store's poll), at once rather than at the next poll: another replica may
     * have switched first and handed out URLs naming it. Nothing newer published costs one cheap
     * read of the version pointer, the price of an uncached tile.
     */
    public Optional<Snapshot> version(long v, Runnable refresh) {
        Optional<Snapshot> found = version(v);
        Snapshot c = current;
        if (found.isEmpty() && c != null && v > c.version()) {
            refresh.run();
            found = version(v);
        }
        return found;
    }
}
