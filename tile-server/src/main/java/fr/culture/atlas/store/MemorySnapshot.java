package fr.culture.atlas.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.index.strtree.STRtree;

/**
 * A snapshot held wholly in memory: per level and zoom band, the territories in id order and an
 * STR-tree of their positions in that order, so that a query returns them in id order without
 * sorting (a bitmap of the positions found, read in order).
 */
public final class MemorySnapshot implements Snapshot {

    private final long version;
    private final Published published;
    private final Map<String, List<Territory>> territories;
    private final Map<String, Band[]> indexes = new HashMap<>();
    private final Indicators indicators;
    private final STRtree venues = new STRtree();

    /**
     * @param territories level id → territories in code order (finest geometry)
     * @param bands       level id → per band, the territories with that band's geometry
     */
    public MemorySnapshot(long version, Published published, Map<String, List<Territory>> territories,
                          Map<String, List<List<Territory>>> bands, List<IndicatorData> indicators, List<Venue> venues) {
        this(version, published, territories, bands, new Indicators(indicators, codes(territories)), venues);
    }

    /** @param indicators indexed by the codes of {@code territories} ({@link #codes}) */
    public MemorySnapshot(long version, Published published, Map<String, List<Territory>> territories,
                          Map<String, List<List<Territory>>> bands, Indicators indicators, List<Venue> venues) {
        this.version = version;
        this.published = published;
        venues.forEach(v -> this.venues.insert(v.point().getEnvelopeInternal(), v));
        this.venues.build();
        this.territories = Map.copyOf(territories);
        this.indicators = indicators;
        // the bands' STR-trees took 200 ms of a 1.5 s load on one core: built on all of them
        bands.forEach((level, perBand) -> indexes.put(level, perBand.parallelStream().map(Band::new).toArray(Band[]::new)));
    }

    /** One level's territories at one band's detail, in id order, with an STR-tree of their positions. */
    private static final class Band {
        private final Territory[] byId;
        private final STRtree tree = new STRtree();

        Band(List<Territory> territories) {
            byId = territories.toArray(Territory[]::new);
            Arrays.sort(byId, Comparator.comparingLong(Territory::id));
            for (int i = 0; i < byId.length; i++) {
                tree.insert(byId[i].geometry().getEnvelopeInternal(), i);
            }
            tree.build(); // build now so that concurrent queries never build it
        }

        List<Territory> query(Envelope envelope) {
            long[] found = new long[(byId.length + 63) >>> 6];
            int[] count = {0};
            tree.query(envelope, item -> {
                int i = (Integer) item;
                found[i >>> 6] |= 1L << i;
                count[0]++;
            });
            List<Territory> result = new ArrayList<>(count[0]);
            for (int w = 0; w < found.length; w++) {
                for (long bits = found[w]; bits != 0; bits &= bits - 1) {
                    result.add(byId[(w << 6) + Long.numberOfTrailingZeros(bits)]);
                }
            }
            return result;
        }
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
    public Published published() {
        return published;
    }

    @Override
    public List<Territory> territories(String level) {
        return territories.getOrDefault(level, List.of());
    }

    @Override
    public List<Territory> territories(String level, int band, Envelope envelope) {
        Band[] bands = indexes.get(level);
        return bands == null ? List.of() : bands[band].query(envelope);
    }
}
