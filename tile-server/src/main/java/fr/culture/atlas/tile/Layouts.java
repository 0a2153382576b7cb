package fr.culture.atlas.tile;

import java.util.List;
import java.util.Optional;

import fr.culture.atlas.config.LayoutDef;
import fr.culture.atlas.store.Snapshot;

/**
 * The composite views of a snapshot's catalogue, each placed once per snapshot (the placement
 * reads the inset territories' envelopes) and shared by every request on that snapshot.
 */
public final class Layouts {

    /**
     * The placements of the last two snapshots asked for, newest first: requests read the current
     * one, and for the grace period after a refresh also the one before it (tile URLs name their
     * version), which must not make them place each in turn. The snapshots are held weakly: a
     * version the store let go (past its grace) must not stay in memory for its placements.
     */
    private volatile List<Placed> recent = List.of();
    private final java.util.concurrent.locks.ReentrantLock lock = new java.util.concurrent.locks.ReentrantLock();

    private record Placed(java.lang.ref.WeakReference<Snapshot> snapshot, List<Layout> layouts) {
    }

    /** The ids of the snapshot's layouts, for the problems that list what is valid. */
    public static List<String> ids(Snapshot snapshot) {
        return snapshot.catalogue().layouts().stream().map(LayoutDef::id).toList();
    }

    /** Layout {@code id} on the snapshot, empty when no layout has that id. */
    public Optional<Layout> get(Snapshot snapshot, String id) {
        Placed placed = find(recent, snapshot);
        if (placed == null) {
            // a lock rather than synchronized: placing reads every territory of the views' levels,
            // and the requests waiting for it meanwhile would pin their virtual threads' carriers
            // inside a monitor on Java 21
            lock.lock();
            try {
                placed = find(recent, snapshot);
                if (placed == null) {
                    placed = new Placed(new java.lang.ref.WeakReference<>(snapshot),
                            snapshot.catalogue().layouts().stream().map(d -> Layout.of(d, snapshot)).toList());
                    recent = recent.isEmpty() ? List.of(placed) : List.of(placed, recent.getFirst());
                }
            } finally {
                lock.unlock();
            }
        }
        return placed.layouts().stream().filter(l -> l.def().id().equals(id)).findFirst();
    }

    private static Placed find(List<Placed> placements, Snapshot snapshot) {
        for (Placed p : placements) {
            if (p.snapshot().get() == snapshot) {
                return p;
            }
        }
        return null;
    }
}
