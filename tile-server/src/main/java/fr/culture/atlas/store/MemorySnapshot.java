package fr.culture.atlas.store;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.index.strtree.STRtree;

/** A snapshot held wholly in memory: one STR-tree per level and zoom band. */
public final class MemorySnapshot implements Snapshot {

    private final long version;
    private final Map<String, List<Territory>> territories;
    private final Map<String, STRtree[]> indexes = new HashMap<>();
    private final Indicators indicators;
    private final STRtree venues = new STRtree();

    /**
     * @param territories level id → territories in code order (finest geometry)
     * @param bands       level id → per band, the territories with that band's geometry
     */
    public MemorySnapshot(long version, Map<String, List<Territory>> territories, Map<String, List<List<Territory>>> bands,
                          List<IndicatorData> indicators, List<Venue> venues) {
        this.version = version;
        venues.forEach(v -> this.venues.insert(v.point().getEnvelopeInternal(), v));
        this.venues.build();
        this.territories = Map.copyOf(territories);
        this.indicators = new Indicators(indicators, codes(territories));
        bands.forEach((level, perBand) -> {
            STRtree[] trees = new STRtree[perBand.size()];
            for (int b = 0; b < trees.length; b++) {
                STRtree tree = new STRtree();
                perBand.get(b).forEach(t -> tree.insert(t.geometry().getEnvelopeInternal(), t));
                tree.build(); // build now so that concurrent queries never build it
                trees[b] = tree;
            }
            indexes.put(level, trees);
        });
    }

    /** Level id → codes in row order, the key of {@link Indicators}. */
    public static Map<String, List<String>> codes(Map<String, List<Territory>> territories) {
        Map<String, List<String>> codes = new HashMap<>();
        territories.forEach((level, list) -> codes.put(level, list.stream().map(Territory::code).toList()));
        return codes;
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<Venue> venues(Envelope envelope) {
        return venues.query(envelope);
    }

    @Override
    public Indicators indicators() {
        return indicators;
    }

    @Override
    public long version() {
        return version;
    }

    @Override
    public List<Territory> territories(String level) {
        return territories.getOrDefault(level, List.of());
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<Territory> territories(String level, int band, Envelope envelope) {
        STRtree[] trees = indexes.get(level);
        return trees == null ? List.of() : trees[band].query(envelope);
    }
}
