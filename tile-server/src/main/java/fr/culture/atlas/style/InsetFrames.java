package fr.culture.atlas.style;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import fr.culture.atlas.geo.WebMercator;
import fr.culture.atlas.tile.Layout;

/**
 * What a style adds for a composite view: a frame around each inset and its name (a GeoJSON
 * source written into the style, a few hundred bytes), and the description of the view in the
 * style's metadata, from which a client maps a real position to where the view shows it.
 */
public final class InsetFrames {

    /** The source id of the frames and names. */
    public static final String SOURCE = "atlas-insets";

    private InsetFrames() {
    }

    /**
     * {@code {"id", "label", "bounds", "insets": [{"level", "code", "name", "box", "real", "scale"}]}}:
     * boxes and real envelopes as [west, south, east, north] in degrees. A real point (x, y) in
     * Web Mercator shows at (x × scale + dx, y × scale + dy), given too, in metres.
     */
    public static Map<String, Object> metadata(Layout layout) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", layout.def().id());
        json.put("label", layout.def().label());
        json.put("bounds", round(layout.lonLatBounds()));
        List<Map<String, Object>> insets = new ArrayList<>();
        for (Layout.Inset inset : layout.insets()) {
            Map<String, Object> i = new LinkedHashMap<>();
            i.put("level", inset.def().level());
            i.put("code", inset.def().code());
            i.put("name", inset.def().name());
            i.put("box", round(WebMercator.lonLatBounds(inset.box())));
            i.put("real", round(WebMercator.lonLatBounds(inset.real())));
            i.put("scale", inset.scale());
            i.put("dx", inset.dx());
            i.put("dy", inset.dy());
            insets.add(i);
        }
        json.put("insets", insets);
        return json;
    }

    /** A GeoJSON source of one box outline per inset and one point at the middle of its top edge, with its {@code name}. */
    public static Map<String, Object> source(Layout layout) {
        List<Map<String, Object>> features = new ArrayList<>();
        for (Layout.Inset inset : layout.insets()) {
            double[] b = round(WebMercator.lonLatBounds(inset.box()));
            List<List<Double>> ring = List.of(List.of(b[0], b[1]), List.of(b[2], b[1]), List.of(b[2], b[3]),
                    List.of(b[0], b[3]), List.of(b[0], b[1]));
            features.add(Map.of("type", "Feature",
                    "properties", Map.of("name", inset.def().name(), "code", inset.def().code()),
                    "geometry", Map.of("type", "LineString", "coordinates", ring)));
            features.add(Map.of("type", "Feature",
                    "properties", Map.of("name", inset.def().name(), "code", inset.def().code()),
                    "geometry", Map.of("type", "Point", "coordinates", List.of((b[0] + b[2]) / 2, b[3]))));
        }
        return Map.of("type", "geojson", "data", Map.of("type", "FeatureCollection", "features", features));
    }

    public static Map<String, Object> frameLayer() {
        return Map.of("id", "atlas-insets-frame", "type", "line", "source", SOURCE,
                "filter", List.of("==", List.of("geometry-type"), "LineString"), "paint", Map.of("line-color", "#7a7a7a", "line-width", 1));
    }

    /** The inset's name above its box, clear of the territory drawn in it. */
    public static Map<String, Object> nameLayer(List<String> fonts) {
        Map<String, Object> layout = new LinkedHashMap<>();
        layout.put("text-field", List.of("get", "name"));
        layout.put("text-font", fonts);
        layout.put("text-size", 11);
        layout.put("text-anchor", "bottom");
        layout.put("text-offset", List.of(0, -0.2));
        layout.put("text-allow-overlap", true);
        return Map.of("id", "atlas-insets-name", "type", "symbol", "source", SOURCE,
                "filter", List.of("==", List.of("geometry-type"), "Point"), "layout", layout,
                "paint", Map.of("text-color", "#333333", "text-halo-color", "#ffffff", "text-halo-width", 1.2));
    }

    private static double[] round(double[] b) {
        double[] r = new double[b.length];
        for (int i = 0; i < b.length; i++) {
            r[i] = Math.round(b[i] * 1e4) / 1e4;
        }
        return r;
    }
}
