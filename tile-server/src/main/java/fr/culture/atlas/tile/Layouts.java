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

    /** The placements of the last snapshot asked for: requests read the current one. */
    private volatile Placed last;
    private final java.util.concurrent.locks.ReentrantLock lock = new java.util.concurrent.locks.ReentrantLock();

    private record Placed(Snapshot snapshot, List<Layout> layouts) {
    }

    /** The ids of the snapshot's layouts, for the problems that list what is valid. */
    public static List<String> ids(Snapshot snapshot) {
        return snapshot.catalogue().layouts().stream().map(LayoutDef::id).toList();
    }

    /** Layout {@code id} on the snapshot, empty when no layout has that id. */
    public Optional<Layout> get(Snapshot snapshot, String id) {
        Placed placed = last;
        if (placed == null || placed.snapshot() != snapshot) {
            // a lock rather than synchronized: placing reads the store (JDBC), which would pin the
            // carrier of a virtual thread on Java 21
            lock.lock();
            try {
                placed = last;
                if (placed == null || placed.snapshot() != snapshot) {
                    placed = new Placed(snapshot, snapshot.catalogue().layouts().stream().map(d -> Layout.of(d, snapshot)).toList());
                    last = placed;
                }
            } finally {
                lock.unlock();
            }
        }
        return placed.layouts().stream().filter(l -> l.def().id().equals(id)).findFirst();
    }
}
