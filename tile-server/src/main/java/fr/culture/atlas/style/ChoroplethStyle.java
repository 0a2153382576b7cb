package fr.culture.atlas.style;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import fr.culture.atlas.config.IndicatorDef;
import fr.culture.atlas.stats.Breaks;
import fr.culture.atlas.tile.Layout;
import fr.culture.atlas.tile.TileEncoder;

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
    /** The land under proportional symbols. */
    static final String NEUTRAL = "#e4e1da";
    private static final String BACKGROUND = "#f2f1ee";
    private static final String SOURCE = "indicator";
    /** The font stack of labels: Noto Sans, and DejaVu Sans for what it lacks (both served at /fonts). */
    public static final List<String> FONTS = List.of("Noto Sans Regular", "DejaVu Sans");

    /**
     * The zooms where a level is shown: {@code maxZoom} is exclusive as in MapLibre, -1 when open.
     *
     * @param breaks      the level's class breaks; null for categorical and boolean indicators
     * @param territories how many territories the level has
     * @param missing     how many of them have no value (the legend's "non disponible")
     * @param counts      how many territories have each category (or true, false) of a categorical or
     *                    boolean indicator, for its legend; empty for a numeric one
     */
    public record Band(String level, String levelLabel, int minZoom, int maxZoom, Breaks breaks, int territories,
                       int missing, Map<Object, Integer> counts) {
    }

    private ChoroplethStyle() {
    }

    /**
     * The style document.
     *
     * @param tileJsonUrl the indicator's TileJSON, absolute (with {@code ?level=} when forced)
     * @param glyphs      the glyphs URL template for labels, or null for no labels
     * @param symbols     draw the values as proportional circles over a neutral fill (counts and
     *                    amounts) rather than as a choropleth
     * @param layout      the composite view the tiles are drawn in (its insets get a frame and a name,
     *                    and {@code metadata."atlas:layout"} says where each inset shows), or null
     */
    public static Map<String, Object> of(IndicatorDef indicator, List<Band> bands, Palettes.Palette palette,
                                         String tileJsonUrl, String attribution, String glyphs,
                                         boolean symbols, Layout layout) {
        Map<String, Object> style = new LinkedHashMap<>();
        style.put("version", 8);
        style.put("name", "Atlas Culture — " + indicator.label());
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("atlas:indicator", indicator.id());
        metadata.put("atlas:kind", indicator.kind().name().toLowerCase(java.util.Locale.ROOT));
        metadata.put("atlas:unit", indicator.unit());
        metadata.put("atlas:palette", palette.name());
        metadata.put("atlas:not-available", NOT_AVAILABLE);
        metadata.put("atlas:type", symbols ? "symbols" : "choropleth");
        style.put("metadata", metadata);
        style.put("center", List.of(2.5, 46.6));
        style.put("zoom", 4.5);
        if (layout != null) {
            metadata.put("atlas:layout", InsetFrames.metadata(layout));
            double[] b = layout.lonLatBounds();
            style.put("center", List.of((b[0] + b[2]) / 2, (b[1] + b[3]) / 2));
            style.put("zoom", 4);
        }
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
            // counted here so that a legend needs no download of the level's values
            entry.put("territories", band.territories());
            entry.put("missing", band.missing());
            List<Map<String, Object>> classes = new ArrayList<>();
            Object colour;
            if (symbols) {
                // a neutral land, grey where the value is not available; the circles say the rest
                colour = List.of("case", List.of("has", indicator.id()), NEUTRAL, NOT_AVAILABLE);
                entry.put("symbols", Symbols.legend(band));
            } else {
                colour = colour(indicator, band, palette, classes);
                if (band.breaks() != null) {
                    entry.put("method", band.breaks().method());
                }
                entry.put("classes", classes);
                safe &= palette.colourBlindSafe(Math.max(classes.size(), 3));
            }
            legend.add(entry);
            layers.add(layer(band, band.level() + "-fill", "fill",
                    Map.of("fill-color", colour, "fill-opacity", 0.9)));
            layers.add(layer(band, band.level() + "-line", "line", Map.of("line-color", "#ffffff",
                    "line-width", List.of("interpolate", List.of("linear"), List.of("zoom"), 4, 0.3, 12, 1.5))));
        }
        if (symbols) {
            String circle = palette.colours(Math.max(3, Math.min(palette.maxClasses(), 5))).getLast();
            for (Band band : bands) {
                Map<String, Object> circles = layer(band, band.level() + "-symbols", "circle",
                        Symbols.paint(indicator.id(), band, circle));
                circles.put("source-layer", TileEncoder.pointLayer(band.level()));
                circles.put("filter", List.of("has", indicator.id()));
                // the small circles over the large ones
                circles.put("layout", Map.of("circle-sort-key", List.of("-", List.of("get", indicator.id()))));
                layers.add(circles);
            }
        }
        if (layout != null) {
            sources.put(InsetFrames.SOURCE, InsetFrames.source(layout));
            layers.add(InsetFrames.frameLayer());
            if (glyphs != null) {
                layers.add(InsetFrames.nameLayer(FONTS));
            }
        }
        if (glyphs != null) {
            for (Band band : bands) {
                Map<String, Object> labels = labels(band, symbols);
                if (layout != null) {
                    // an inset's frame already names it: not "Martinique" twice
                    List<String> named = layout.insets().stream().map(i -> i.def().name()).toList();
                    labels.put("filter", List.of("all", labels.get("filter"),
                            List.of("!", List.of("in", List.of("get", "nom"), List.of("literal", named)))));
                }
                layers.add(labels);
            }
        }
        metadata.put("atlas:colour-blind-safe", safe);
        metadata.put("atlas:legend", legend);
        style.put("layers", layers);
        return style;
    }

    /**
     * Names by importance: the tiles' point layer carries a name only for the territories that
     * matter at each zoom ({@link TileEncoder#namedFrom}), and MapLibre places the most populous
     * first, hiding those that would collide.
     */
    static Map<String, Object> labels(Band band, boolean symbols) {
        Map<String, Object> labels = layer(band, band.level() + "-label", "symbol", Map.of(
                "text-color", "#222222", "text-halo-color", "#ffffff", "text-halo-width", 1.4));
        labels.put("source-layer", TileEncoder.pointLayer(band.level()));
        labels.put("filter", List.of("has", "nom"));
        Map<String, Object> layout = new LinkedHashMap<>();
        layout.put("text-field", List.of("get", "nom"));
        layout.put("text-font", FONTS);
        layout.put("text-size", List.of("interpolate", List.of("linear"), List.of("zoom"), 4, 11, 12, 13));
        layout.put("text-max-width", 8);
        layout.put("symbol-sort-key", List.of("-", List.of("coalesce", List.of("get", "population"), 0)));
        layout.put("text-padding", 4);
        if (symbols) {
            // beside the point rather than on it, where the small circles would hide under the name
            layout.put("text-variable-anchor", List.of("top", "bottom", "left", "right"));
            layout.put("text-radial-offset", 0.6);
        }
        labels.put("layout", layout);
        return labels;
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
                int n = indicator.categories().size();
                List<String> colours = new ArrayList<>(palette.colours(Math.max(3, n)));
                if (indicator.ordered()) {
                    // ordered categories are listed from the most (densest, most urban): the dark end first
                    colours = colours.reversed().subList(0, n);
                }
                List<Object> match = new ArrayList<>(List.of("match", List.of("get", id)));
                for (int i = 0; i < n; i++) {
                    IndicatorDef.Category c = indicator.categories().get(i);
                    match.add(c.key());
                    match.add(colours.get(i));
                    legend.add(entry("key", c.key(), "label", c.label(), "colour", colours.get(i),
                            "count", band.counts().getOrDefault(c.key(), 0)));
                }
                match.add(NOT_AVAILABLE);
                yield match;
            }
            case BOOLEAN -> {
                List<String> colours = palette.colours(3);
                // for an ordered palette, "yes" takes the strong end
                String yes = palette.type() == Palettes.Type.QUALITATIVE ? colours.get(1) : colours.get(2);
                String no = colours.get(0);
                legend.add(entry("key", true, "label", "Oui", "colour", yes, "count", band.counts().getOrDefault(true, 0)));
                legend.add(entry("key", false, "label", "Non", "colour", no, "count", band.counts().getOrDefault(false, 0)));
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
