package fr.culture.atlas.store;

import java.util.List;
import java.util.Map;

import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.index.strtree.STRtree;

/** A snapshot held wholly in memory, one STR-tree per level. */
public final class MemorySnapshot implements Snapshot {

    private final long version;
    private final Map<String, STRtree> levels;

    public MemorySnapshot(long version, Map<String, List<Territory>> territories) {
        this.version = version;
        this.levels = new java.util.HashMap<>();
        territories.forEach((level, list) -> {
            STRtree tree = new STRtree();
            list.forEach(t -> tree.insert(t.geometry().getEnvelopeInternal(), t));
            tree.build(); // build now so that concurrent queries never build it
            levels.put(level, tree);
        });
    }

    @Override
    public long version() {
        return version;
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<Territory> territories(String level, Envelope envelope) {
        STRtree tree = levels.get(level);
        return tree == null ? List.of() : tree.query(envelope);
    }
}
