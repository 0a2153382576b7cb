package fr.culture.atlas.store;

import java.lang.ref.SoftReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The snapshots a server answers for: the current one, and each one it replaced less than the
 * grace period ago. Tile URLs name their data version (TileJSON and OGC API documents write it
 * in), so a map that loaded its TileJSON just before a refresh keeps asking for the version it
 * started with; keeping that version servable for a while lets it finish with every tile of one
 * version, from any replica, instead of getting a map of two versions or holes.
 *
 * <p>A replaced snapshot is dropped at the first {@link #expire} after its grace period (each
 * store calls it at every poll), so a store holds two versions in memory only during
 * the grace period after a refresh. It is held softly: a heap too small for two versions lets
 * the old one go instead of failing, and its tiles then answer 404 like an expired version's
 * (the homepage and the widget ask for the TileJSON again when the map moves, and follow it).
 *
 * <p>A server started after a switch has no version before in memory: the PostGIS store reads it
 * from {@code atlas.current} and {@link #keep}s it for what is left of its grace period; the
 * embedded store serves only the current version then (docs/operations.md says so).
 */
public final class Recent {

    /** How long a replaced version stays servable unless configured ({@code atlas.versions.grace}). */
    public static final Duration DEFAULT_GRACE = Duration.ofMinutes(10);

    /**
     * At most one poll for a request's sake per this many nanoseconds: a client asking for
     * versions that do not exist must not make each of its requests a database query.
     */
    private static final long ON_DEMAND_NANOS = 250_000_000L;

    private record Replaced(long version, SoftReference<Snapshot> snapshot, long untilNanos) {
        Snapshot alive(long now) {
            return untilNanos - now > 0 ? snapshot.get() : null;
        }
    }

    /** What a reader sees, in one piece: the current snapshot and the replaced ones still served. */
    private record State(Snapshot current, List<Replaced> replaced) {
    }

    private final long graceNanos;
    private volatile State state = new State(null, List.of());
    /**
     * One poll at a time, the store's or a request's; a lock rather than {@code synchronized}:
     * requests for a version just published wait here for its load, and a virtual thread waiting
     * on a monitor pins its carrier on Java 21.
     */
    private final ReentrantLock polling = new ReentrantLock();
    /** When the last poll began, and the last one made for a request's sake (both under {@link #polling}). */
    private long lastPoll = System.nanoTime() - ON_DEMAND_NANOS;
    private long lastOnDemand = System.nanoTime() - ON_DEMAND_NANOS;

    public Recent(Duration grace) {
        this.graceNanos = grace.toNanos();
    }

    /** Makes {@code next} the current snapshot; the one it replaces stays servable for the grace period. */
    public synchronized void serve(Snapshot next) {
        long now = System.nanoTime();
        State before = state;
        List<Replaced> kept = new ArrayList<>();
        for (Replaced r : before.replaced()) {
            if (r.alive(now) != null && r.version() != next.version()) {
                kept.add(r);
            }
        }
        Snapshot replacing = before.current();
        if (replacing != null && replacing.version() != next.version() && graceNanos > 0) {
            kept.add(new Replaced(replacing.version(), new SoftReference<>(replacing), now + graceNanos));
        }
        state = new State(next, List.copyOf(kept));
    }

    /**
     * Serves {@code replaced}, a version this server never had current (it started after the
     * switch), for the {@code remainingNanos} left of its grace period; nothing when it is the
     * current version or already served.
     */
    public synchronized void keep(Snapshot replaced, long remainingNanos) {
        State s = state;
        if (remainingNanos <= 0 || version(replaced.version()).isPresent()) {
            return;
        }
        List<Replaced> kept = new ArrayList<>(s.replaced());
        kept.add(new Replaced(replaced.version(), new SoftReference<>(replaced), System.nanoTime() + remainingNanos));
        state = new State(s.current(), List.copyOf(kept));
    }

    /** How long a replaced version stays servable. */
    public Duration grace() {
        return Duration.ofNanos(graceNanos);
    }

    /** Forgets the replaced snapshots whose grace period is over. */
    public synchronized void expire() {
        long now = System.nanoTime();
        State s = state;
        if (s.replaced().stream().anyMatch(r -> r.alive(now) == null)) {
            state = new State(s.current(), s.replaced().stream().filter(r -> r.alive(now) != null).toList());
        }
    }

    public Optional<Snapshot> current() {
        return Optional.ofNullable(state.current());
    }

    /** Version {@code v}: the current one, or one replaced less than the grace period ago. */
    public Optional<Snapshot> version(long v) {
        State s = state;
        if (s.current() != null && s.current().version() == v) {
            return Optional.of(s.current());
        }
        long now = System.nanoTime();
        for (Replaced r : s.replaced()) {
            Snapshot alive = r.version() == v ? r.alive(now) : null;
            if (alive != null) {
                return Optional.of(alive);
            }
        }
        return Optional.empty();
    }

    /**
     * Runs the store's {@code poll} of its version pointer (which calls {@link #serve} when it
     * changed) after forgetting what is past its grace, one poll at a time. For a request's sake
     * ({@code onDemand}) none runs when one began after the request asked (it has seen what this
     * one would: the requests waiting for a running poll take its result), and at most one per
     * 250 ms: a client asking for versions never published costs the database at most four
     * queries a second.
     */
    public void poll(Runnable poll, boolean onDemand) {
        long asked = System.nanoTime();
        polling.lock();
        try {
            long now = System.nanoTime();
            if (onDemand) {
                if (lastPoll - asked > 0 || now - lastOnDemand < ON_DEMAND_NANOS) {
                    return;
                }
                lastOnDemand = now;
            }
            lastPoll = now;
            expire();
            poll.run();
        } finally {
            polling.unlock();
        }
    }

    /**
     * As {@link #version(long)}; a version newer than the current one is first looked for with
     * {@code poll} (the store's {@link #poll} on demand), at once rather than at the next poll:
     * another replica may have switched first and handed out URLs naming it.
     */
    public Optional<Snapshot> version(long v, Runnable poll) {
        Optional<Snapshot> found = version(v);
        Snapshot c = state.current();
        if (found.isEmpty() && c != null && v > c.version()) {
            poll.run();
            found = version(v);
        }
        return found;
    }
}
