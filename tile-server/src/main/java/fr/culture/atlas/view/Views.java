package fr.culture.atlas.view;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;

import fr.culture.atlas.config.LevelDef;
import fr.culture.atlas.geo.LabelPoint;
import fr.culture.atlas.geo.WebMercator;
import fr.culture.atlas.geo.ZoomBands;
import fr.culture.atlas.search.Names;
import fr.culture.atlas.search.TerritorySearch;
import fr.culture.atlas.stats.Breaks;
import fr.culture.atlas.stats.Summary;
import fr.culture.atlas.store.Coverage;
import fr.culture.atlas.store.Snapshot;
import fr.culture.atlas.store.Territory;
import fr.culture.atlas.tile.Layout;
import fr.culture.atlas.work.Workers;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;

/**
 * What the services derive from one data version, computed once per snapshot however many
 * requests ask at the same time, and kept until the next snapshot: the search index,
 * bounding boxes, value rows, summaries, class breaks, label points, and apart France's bounds.
 * Outside {@code http/} so that tiles, styles and the data API read the same derived data.
 */
public final class Views {

    /**
     * The views of the last snapshot asked for, by identity (two stores in one process, or a store
     * replaced by a newer one of the same number, never share derived data); an older snapshot's
     * views are dropped with the next version. Built under a lock, not synchronized: building reads
     * the store (JDBC), which would pin a virtual thread's carrier on Java 21.
     */
    private static volatile Views latest;
    private static final ReentrantLock LOCK = new ReentrantLock();

    /** France's bounds, apart: TileJSON and OGC need them without building the views. */
    private record Bounds(Snapshot snapshot, double[] lonLat) {
    }

    private static volatile Bounds latestBounds;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Envelope WORLD = new Envelope(-WebMercator.HALF_WORLD, WebMercator.HALF_WORLD,
            -WebMercator.HALF_WORLD, WebMercator.HALF_WORLD);

    private record Of(String indicator, String level) {
    }

    private record Classified(String indicator, String level, Breaks.Method method, int classes) {
    }

    private record Labelled(String level, String layout) {
    }

    private record Crossed(String x, String y, String level) {
    }

    private final Snapshot snapshot;
    private final Map<String, Map<String, double[]>> bboxes = new HashMap<>();
    private final TerritorySearch search;
    private final Memo<Of, List<Row>> rows = new Memo<>();
    private final Memo<Of, Summary> summaries = new Memo<>();
    private final Memo<Classified, Breaks> breaks = new Memo<>();
    private final Memo<Labelled, byte[]> labels = new Memo<>();
    private final Memo<Of, Integer> missing = new Memo<>();
    private final Memo<Of, Map<Object, Integer>> categoryCounts = new Memo<>();
    private final Memo<Crossed, Crossing> crossings = new Memo<>();
    private final Memo<Of, double[]> sorted = new Memo<>();
    private final Memo<String, String[]> filterKeys = new Memo<>();
    /**
     * Answers made from this snapshot alone and asked again and again (a territory's portrait:
     * 150–300 ms of ranking each time), up to 32 MB, each made once however many ask at once.
     */
    private final AsyncCache<Record, byte[]> documents = Caffeine.newBuilder()
            .maximumWeight(32L << 20)
            .<Record, byte[]>weigher((key, bytes) -> bytes.length)
            .buildAsync();

    private Views(Snapshot snapshot) {
        this.snapshot = snapshot;
        Map<String, List<Territory>> levels = new LinkedHashMap<>();
        for (LevelDef level : snapshot.catalogue().levels()) {
            levels.put(level.id(), snapshot.territories(level.id()));
            Map<String, double[]> boxes = new HashMap<>();
            // a territory's own bbox: from zooms 10–11, where no territory of a pixel or more is
            // merged (in a coarser band a territory may hold merged neighbours, and Lyon's frame
            // would include them), and the source detail for the few merged there
            for (Territory t : withGeometry(snapshot, level.id(), ZoomBands.of(10).index()).values()) {
                double[] b = WebMercator.lonLatBounds(t.geometry().getEnvelopeInternal());
                for (int i = 0; i < 4; i++) {
                    b[i] = Math.round(b[i] * 1e5) / 1e5;
                }
                boxes.put(t.code(), b);
            }
            bboxes.put(level.id(), boxes);
        }
        this.search = new TerritorySearch(levels, bboxes);
    }

    /** The views of the snapshot, built by the first request on it while the others wait. */
    public static Views of(Snapshot snapshot) {
        Views views = latest;
        if (views == null || views.snapshot != snapshot) {
            LOCK.lock();
            try {
                views = latest;
                if (views == null || views.snapshot != snapshot) {
                    views = Workers.shared().run(() -> new Views(snapshot));
                    latest = views;
                }
            } finally {
                LOCK.unlock();
            }
        }
        return views;
    }

    /**
     * The document {@code key} names, made by {@code make} on a worker the first time and kept
     * while memory allows (the key is a record of everything the document depends on, beside the
     * snapshot).
     */
    public byte[] document(Record key, Supplier<byte[]> make) {
        // the cache holds the worker's future: nobody waits inside the cache's locks
        return Workers.join(documents.get(key, (k, executor) -> Workers.shared().submit(make)));
    }

    public Snapshot snapshot() {
        return snapshot;
    }

    public TerritorySearch search() {
        return search;
    }

    /** Number of territories of the level. */
    public int size(String level) {
        return bboxes.getOrDefault(level, Map.of()).size();
    }

    public double[] bbox(String level, String code) {
        return bboxes.getOrDefault(level, Map.of()).get(code);
    }

    /**
     * One territory's value: {@code value} is null when not available; {@code coverage} is null
     * for a value read from a file, or says how much of its members a computed value counts.
     */
    public record Row(Territory territory, Object value, Coverage coverage) {
    }

    /** Every territory of the level with its value (or null), in code order; built once per version. */
    public List<Row> rows(String indicator, String level) {
        return rows.get(new Of(indicator, level), () -> buildRows(indicator, level));
    }

    private List<Row> buildRows(String indicator, String level) {
        List<Territory> territories = snapshot.territories(level);
        Object[] column = snapshot.indicators().column(indicator, level);
        Coverage[] coverage = snapshot.indicators().coverage(indicator, level);
        List<Row> rows = new ArrayList<>(territories.size());
        for (int i = 0; i < territories.size(); i++) {
            rows.add(new Row(territories.get(i), column == null ? null : column[i],
                    coverage == null ? null : coverage[i]));
        }
        return List.copyOf(rows);
    }

    /** How many territories of the level have no value (numeric or not): the legend's "non disponible". */
    public int missing(String indicator, String level) {
        return missing.get(new Of(indicator, level),
                () -> (int) rows(indicator, level).stream().filter(r -> r.value() == null).count());
    }

    /**
     * How many territories of the level have each value of a categorical or boolean indicator:
     * the counts of its legend, as a numeric indicator's classes have theirs.
     */
    public Map<Object, Integer> categoryCounts(String indicator, String level) {
        return categoryCounts.get(new Of(indicator, level), () -> {
            Map<Object, Integer> counts = new HashMap<>();
            rows(indicator, level).stream().filter(r -> r.value() != null).forEach(r -> counts.merge(r.value(), 1, Integer::sum));
            return Map.copyOf(counts);
        });
    }

    /**
     * What a table's filter matches for each territory of the level, aligned with {@link #rows}:
     * its name folded ({@link Names#fold}: "saint-etienne" and "sai" find Saint-Étienne), its name
     * as the search spells it ({@link Names#normalise}: "st etienne" too) and its code. The query
     * is folded only, so that "saint" does not become "st" and match Strasbourg.
     */
    public String[] filterKeys(String level) {
        return filterKeys.get(level, () -> snapshot.territories(level).stream()
                .map(t -> Names.fold(t.name()) + " | " + Names.normalise(t.name()) + " | "
                        + t.code().toLowerCase(java.util.Locale.ROOT))
                .toArray(String[]::new));
    }

    /** Rank 1 is the highest value among the rows kept by the filter; ties share a rank. */
    public static Map<String, Integer> rank(List<Row> rows, java.util.function.Predicate<Row> keep, double v) {
        int higher = 0;
        int of = 0;
        for (Row r : rows) {
            if (r.value() instanceof Double d && keep.test(r)) {
                of++;
                if (d > v) {
                    higher++;
                }
            }
        }
        return Map.of("rank", higher + 1, "of", of);
    }
    /** The rank of value {@code v} among the level's values, as {@link #rank(List, java.util.function.Predicate, double)}, by a binary search. */
    public Map<String, Integer> rank(String indicator, String level, double v) {
        double[] ascending = sorted.get(new Of(indicator, level), () -> {
            double[] values = numbers(indicator, level);
            java.util.Arrays.sort(values);
            return values;
        });
        // the first index holding a value above v: every value from there on ranks before it
        int lo = 0;
        int hi = ascending.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (ascending[mid] > v) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return Map.of("rank", ascending.length - lo + 1, "of", ascending.length);
    }

    /** The numeric values of the level (missing ones left out). */
    public double[] numbers(String indicator, String level) {
        return rows(indicator, level).stream().filter(r -> r.value() instanceof Double)
                .mapToDouble(r -> (Double) r.value()).toArray();
    }

    /** Two numeric indicators of the level crossed: the territories that have both, their correlation. */
    public Crossing crossing(String x, String y, String level) {
        return crossings.get(new Crossed(x, y, level), () -> Crossing.of(rows(x, level), rows(y, level)));
    }

    public Summary summary(String indicator, String level) {
        return summaries.get(new Of(indicator, level), () -> {
            double[] values = numbers(indicator, level);
            return Summary.of(values, snapshot.territories(level).size() - values.length);
        });
    }

    /**
     * One point per territory of the level where its name goes (see {@link LabelPoint}, computed
     * at import), as GeoJSON bytes, with {@code code}, {@code nom} and {@code population}. With a
     * composite view, the points of its insets are where the view shows them.
     */
    public byte[] labels(String level, Layout layout) {
        return labels.get(new Labelled(level, layout == null ? null : layout.def().id()), () -> {
            List<Map<String, Object>> features = new ArrayList<>();
            for (Territory t : snapshot.territories(level)) {
                Coordinate point = t.label(); // computed at import (LabelPoint)
                if (point == null) {
                    continue;
                }
                if (layout != null) {
                    Envelope at = new Envelope(point);
                    Layout.Inset inset = layout.insetOf(at);
                    if (inset != null) {
                        Envelope moved = inset.toComposite(at);
                        point = new Coordinate(moved.getMinX(), moved.getMinY());
                    } else if (!layout.frame().contains(at)) {
                        continue; // neither in the frame nor in an inset: not in this view
                    }
                }
                Map<String, Object> properties = new LinkedHashMap<>();
                properties.put("code", t.code());
                properties.put("nom", t.name());
                properties.put("population", t.population());
                Map<String, Object> feature = new LinkedHashMap<>();
                feature.put("type", "Feature");
                feature.put("id", t.id());
                feature.put("geometry", Map.of("type", "Point", "coordinates", List.of(
                        Math.round(WebMercator.longitude(point.x) * 1e5) / 1e5,
                        Math.round(WebMercator.latitude(point.y) * 1e5) / 1e5)));
                feature.put("properties", properties);
                features.add(feature);
            }
            try {
                return JSON.writeValueAsBytes(Map.of("type", "FeatureCollection", "features", features));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("Unserialisable label points of " + level, e);
            }
        });
    }

    /**
     * Every territory of the level with a geometry of its own, from the coarsest band that has it:
     * a coarse band merges the smallest territories into a neighbour, and the PostGIS store keeps
     * geometry in the database only, so each band is read until every territory has one.
     */
    public static Map<Long, Territory> withGeometry(Snapshot snapshot, String level, int fromBand) {
        int total = snapshot.territories(level).size();
        Map<Long, Territory> found = new LinkedHashMap<>();
        for (int band = fromBand; band < ZoomBands.ALL.size() && found.size() < total; band++) {
            for (Territory t : snapshot.territories(level, band, WORLD)) {
                found.putIfAbsent(t.id(), t);
            }
        }
        return found;
    }

    /** Class breaks; a computation may itself use other memoised values (breaks use the rows). */
    public Breaks breaks(String indicator, String level, Breaks.Method method, int classes) {
        return breaks.get(new Classified(indicator, level, method, classes),
                () -> Breaks.of(numbers(indicator, level), method, classes));
    }

    /**
     * West, south, east, north of the largest level's territories (France and its overseas), as
     * TileJSON and OGC collections write them, once per snapshot; callers must not modify the array.
     */
    public static double[] bounds(Snapshot snapshot) {
        Bounds known = latestBounds;
        if (known == null || known.snapshot() != snapshot) {
            // cheap (the coarsest band: a few hundred vertices): two first callers may both compute
            known = new Bounds(snapshot, computeBounds(snapshot));
            latestBounds = known;
        }
        return known.lonLat();
    }

    private static double[] computeBounds(Snapshot snapshot) {
        String level = snapshot.catalogue().levels().getFirst().id();
        Envelope env = new Envelope();
        for (Territory t : snapshot.territories(level, 0, WORLD)) {
            env.expandToInclude(t.geometry().getEnvelopeInternal());
        }
        if (env.isNull()) {
            return new double[] {-180, -85.0511, 180, 85.0511};
        }
        double[] b = WebMercator.lonLatBounds(env);
        for (int i = 0; i < 4; i++) {
            b[i] = Math.round(b[i] * 1e4) / 1e4;
        }
        return b;
    }

}
