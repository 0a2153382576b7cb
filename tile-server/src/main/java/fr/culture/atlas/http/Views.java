package fr.culture.atlas.http;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import fr.culture.atlas.config.LevelDef;
import fr.culture.atlas.geo.LabelPoint;
import fr.culture.atlas.geo.ZoomBands;
import fr.culture.atlas.tile.Layout;
import fr.culture.atlas.geo.WebMercator;
import fr.culture.atlas.search.TerritorySearch;
import fr.culture.atlas.stats.Breaks;
import fr.culture.atlas.stats.Summary;
import fr.culture.atlas.store.Coverage;
import fr.culture.atlas.store.Snapshot;
import fr.culture.atlas.store.Territory;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;

/**
 * What the data API derives from one data version, computed once per version and kept until
 * the next: the search index, bounding boxes, summaries and class breaks.
 */
final class Views {

    private static final AtomicReference<Views> CURRENT = new AtomicReference<>();

    private final Snapshot snapshot;
    private final Map<String, Map<String, double[]>> bboxes = new HashMap<>();
    private final TerritorySearch search;
    private final Memo memo = new Memo();

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

    /** The views of the snapshot, built on first use of its version. */
    static Views of(Snapshot snapshot) {
        // keyed by the snapshot itself, not its number: two stores in one process (tests, a store
        // replaced by a newer one of the same number) never share derived data
        Views views = CURRENT.get();
        if (views == null || views.snapshot != snapshot) {
            synchronized (Views.class) {
                views = CURRENT.get();
                if (views == null || views.snapshot != snapshot) {
                    views = new Views(snapshot);
                    CURRENT.set(views);
                }
            }
        }
        return views;
    }

    Snapshot snapshot() {
        return snapshot;
    }

    TerritorySearch search() {
        return search;
    }

    /** Number of territories of the level. */
    int size(String level) {
        return bboxes.getOrDefault(level, Map.of()).size();
    }

    double[] bbox(String level, String code) {
        return bboxes.getOrDefault(level, Map.of()).get(code);
    }

    /**
     * One territory's value: {@code value} is null when not available; {@code coverage} is null
     * for a value read from a file, or says how much of its members a computed value counts.
     */
    record Row(Territory territory, Object value, Coverage coverage) {
    }

    /** Every territory of the level with its value (or null), in code order; built once per version. */
    List<Row> rows(String indicator, String level) {
        return memoize("rows/" + indicator + "/" + level, () -> buildRows(indicator, level));
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

    /** The numeric values of the level (missing ones left out). */
    double[] numbers(String indicator, String level) {
        return rows(indicator, level).stream().filter(r -> r.value() instanceof Double)
                .mapToDouble(r -> (Double) r.value()).toArray();
    }

    Summary summary(String indicator, String level) {
        return memoize("summary/" + indicator + "/" + level, () -> {
            double[] values = numbers(indicator, level);
            return Summary.of(values, snapshot.territories(level).size() - values.length);
        });
    }

    /**
     * One point per territory of the level where its name goes (see {@link LabelPoint}, computed
     * at import), as GeoJSON bytes, with {@code code}, {@code nom} and {@code population}. With a
     * composite view, the points of its insets are where the view shows them.
     */
    byte[] labels(String level, Layout layout) {
        return memoize("labels/" + level + "/" + (layout == null ? "" : layout.def().id()), () -> {
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
            return Json.bytes(Map.of("type", "FeatureCollection", "features", features));
        });
    }

    /**
     * Every territory of the level with a geometry of its own, from the coarsest band that has it:
     * a coarse band merges the smallest territories into a neighbour, and the PostGIS store keeps
     * geometry in the database only, so each band is read until every territory has one.
     */
    static Map<Long, Territory> withGeometry(Snapshot snapshot, String level, int fromBand) {
        Envelope world = new Envelope(-WebMercator.HALF_WORLD, WebMercator.HALF_WORLD,
                -WebMercator.HALF_WORLD, WebMercator.HALF_WORLD);
        int total = snapshot.territories(level).size();
        Map<Long, Territory> found = new LinkedHashMap<>();
        for (int band = fromBand; band < ZoomBands.ALL.size() && found.size() < total; band++) {
            for (Territory t : snapshot.territories(level, band, world)) {
                found.putIfAbsent(t.id(), t);
            }
        }
        return found;
    }

    Breaks breaks(String indicator, String level, Breaks.Method method, int classes) {
        return memoize("breaks/" + indicator + "/" + level + "/" + method + "/" + classes,
                () -> Breaks.of(numbers(indicator, level), method, classes));
    }

    /**
     * The memoised value of the key, computed once ({@link Memo}); a computation may itself use
     * other memoised values (breaks use the rows).
     */
    private <T> T memoize(String key, java.util.function.Supplier<T> compute) {
        return memo.get(key, compute);
    }
}
