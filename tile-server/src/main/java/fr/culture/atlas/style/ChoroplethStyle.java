package fr.culture.atlas.style;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import fr.culture.atlas.config.IndicatorDef;
import fr.culture.atlas.stats.Breaks;

/**
 * A MapLibre style drawing one indicator as a choropleth: one fill layer and one outline layer per
 * zoom band, each band showing the level that the indicator's tiles carry at those zooms, so the
 * classes are those of the territories on screen. Numeric values go through a {@code step}
 * expression on the class breaks, categories through a {@code match} on their keys, booleans
 * through a {@code case}; a territory without the property ("not available") gets its own grey.
 */
public final class ChoroplethStyle {

    /** Grey of "not available", apart from every palette's colours. */
    public static final String NOT_AVAILABLE = "#c8c8c8";
    private static final String BACKGROUND = "#f2f1ee";
    private static final String SOURCE = "indicator";
    /** The font stack of labels: Noto Sans, and DejaVu Sans for what it lacks (both served at /fonts). */
    public static final List<String> FONTS = List.of("Noto Sans Regular", "DejaVu Sans");

    /**
     * The zooms where a level is shown: {@code maxZoom} is exclusive as in MapLibre, -1 when open.
     *
     * @param breaks the level's class breaks; null for categorical and boolean indicators
     */
    public record Band(String level, String levelLabel, int minZoom, int maxZoom, Breaks breaks) {
    }

    private ChoroplethStyle() {
    }

    /**
     * The style document.
     *
     * @param tileJsonUrl the indicator's TileJSON, absolute (with {@code ?level=} when forced)
     * @param glyphs      the glyphs URL template for labels, or null for no labels
     * @param labelPoints the GeoJSON URL of a level's label points (one per territory), or null to
     *                    label its polygons (each tile and island of a polygon then gets its own label)
     */
    public static Map<String, Object> of(IndicatorDef indicator, List<Band> bands, Palettes.Palette palette,
                                         String tileJsonUrl, String attribution, String glyphs,
                                         java.util.function.Function<String, String> labelPoints) {
        Map<String, Object> style = new LinkedHashMap<>();
        style.put("version", 8);
        style.put("name", "Atlas Culture — " + indicator.label());
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("atlas:indicator", indicator.id());
        metadata.put("atlas:kind", indicator.kind().name().toLowerCase(java.util.Locale.ROOT));
        metadata.put("atlas:unit", indicator.unit());
        metadata.put("atlas:palette", palette.name());
        metadata.put("atlas:not-available", NOT_AVAILABLE);
        style.put("metadata", metadata);
        style.put("center", List.of(2.5, 46.6));
        style.put("zoom", 4.5);
        if (glyphs != null) {
            style.put("glyphs", glyphs);
        }
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("type", "vector");
        source.put("url", tileJsonUrl);
        source.put("attribution", attribution);
        source.put("promoteId", "code");
        Map<String, Object> sources = new LinkedHashMap<>();
        sources.put(SOURCE, source);
        style.put("sources", sources);

        List<Map<String, Object>> layers = new ArrayList<>();
        layers.add(Map.of("id", "background", "type", "background", "paint", Map.of("background-color", BACKGROUND)));
        List<Map<String, Object>> legend = new ArrayList<>();
        boolean safe = true;
        for (Band band : bands) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("level", band.level());
            entry.put("minzoom", band.minZoom());
            if (band.maxZoom() >= 0) {
                entry.put("maxzoom", band.maxZoom());
            }
            List<Map<String, Object>> classes = new ArrayList<>();
            Object colour = colour(indicator, band, palette, classes);
            entry.put("classes", classes);
            legend.add(entry);
            safe &= palette.colourBlindSafe(Math.max(classes.size(), 3));
            layers.add(layer(band, band.level() + "-fill", "fill",
                    Map.of("fill-color", colour, "fill-opacity", 0.9)));
            layers.add(layer(band, band.level() + "-line", "line", Map.of("line-color", "#ffffff",
                    "line-width", List.of("interpolate", List.of("linear"), List.of("zoom"), 4, 0.3, 12, 1.5))));
        }
        if (glyphs != null) {
            for (Band band : bands) {
                Map<String, Object> labels = layer(band, band.level() + "-label", "symbol", Map.of(
                        "text-color", "#333333", "text-halo-color", "#ffffff", "text-halo-width", 1.2));
                String points = labelPoints.apply(band.level());
                if (points != null) {
                    String id = band.level() + "-labels";
                    // no attribution of its own: the tiles source already credits the same data, and
                    // Leaflet's control (the widget) would print it twice
                    sources.putIfAbsent(id, Map.of("type", "geojson", "data", points));
                    labels.put("source", id);
                    labels.remove("source-layer");
                }
                labels.put("layout", Map.of("text-field", List.of("get", "nom"),
                        "text-font", FONTS, "text-size", 11, "text-max-width", 8));
                layers.add(labels);
            }
        }
        metadata.put("atlas:colour-blind-safe", safe);
        metadata.put("atlas:legend", legend);
        style.put("layers", layers);
        return style;
    }

    private static Map<String, Object> layer(Band band, String id, String type, Map<String, Object> paint) {
        Map<String, Object> layer = new LinkedHashMap<>();
        layer.put("id", id);
        layer.put("type", type);
        layer.put("source", SOURCE);
        layer.put("source-layer", band.level());
        if (band.minZoom() > 0) {
            layer.put("minzoom", band.minZoom());
        }
        if (band.maxZoom() >= 0) {
            layer.put("maxzoom", band.maxZoom());
        }
        layer.put("paint", paint);
        return layer;
    }

    /** The fill-color expression of the band, and its legend classes. */
    private static Object colour(IndicatorDef indicator, Band band, Palettes.Palette palette,
                                 List<Map<String, Object>> legend) {
        String id = indicator.id();
        List<Object> has = List.of("has", id);
        return switch (indicator.kind()) {
            case CATEGORICAL -> {
                List<String> colours = palette.colours(Math.max(3, indicator.categories().size()));
                List<Object> match = new ArrayList<>(List.of("match", List.of("get", id)));
                for (int i = 0; i < indicator.categories().size(); i++) {
                    IndicatorDef.Category c = indicator.categories().get(i);
                    match.add(c.key());
                    match.add(colours.get(i));
                    legend.add(entry("key", c.key(), "label", c.label(), "colour", colours.get(i)));
                }
                match.add(NOT_AVAILABLE);
                yield match;
            }
            case BOOLEAN -> {
                List<String> colours = palette.colours(3);
                // for an ordered palette, "yes" takes the strong end
                String yes = palette.type() == Palettes.Type.QUALITATIVE ? colours.get(1) : colours.get(2);
                String no = colours.get(0);
                legend.add(entry("key", true, "label", "Oui", "colour", yes));
                legend.add(entry("key", false, "label", "Non", "colour", no));
                yield List.of("case", List.of("!", has), NOT_AVAILABLE,
                        List.of("==", List.of("get", id), true), yes, no);
            }
            default -> List.of("case", has, step(id, band.breaks(), palette, legend), NOT_AVAILABLE);
        };
    }

    /**
     * {@code ["step", value, c0, s1, c1, …]}. A value equal to a break belongs to the lower class
     * ({@link Breaks}), while {@code step} puts it in the upper one: each stop is the next double
     * above the break, which no value lies between.
     */
    private static Object step(String id, Breaks breaks, Palettes.Palette palette, List<Map<String, Object>> legend) {
        List<Double> b = breaks.breaks();
        int k = breaks.counts().size();
        if (k == 0) {
            return NOT_AVAILABLE;
        }
        List<String> colours = palette.colours(k);
        for (int i = 0; i < k; i++) {
            legend.add(entry("from", b.get(i), "to", b.get(i + 1), "colour", colours.get(i),
                    "count", breaks.counts().get(i)));
        }
        if (k == 1) {
            return colours.getFirst();
        }
        List<Object> step = new ArrayList<>(List.of("step", List.of("get", id), colours.getFirst()));
        for (int i = 1; i < k; i++) {
            step.add(Math.nextUp(b.get(i)));
            step.add(colours.get(i));
        }
        return step;
    }

    /** A legend entry, its keys in the order given. */
    private static Map<String, Object> entry(Object... keysAndValues) {
        Map<String, Object> entry = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            entry.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return entry;
    }
}
