package fr.culture.atlas.style;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A structural check of a MapLibre style document, run by the server before it serves an edited
 * file: the JSON parses, {@code version} is 8, sources and layers are well formed, every layer's
 * source exists, layer types and root keys are known, text needs {@code glyphs}. It does not
 * evaluate expressions or property values: the official JavaScript validator
 * ({@code @maplibre/maplibre-gl-style-spec}) does that in the widget tests, on every served style.
 */
public final class StyleCheck {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static final Set<String> ROOT_KEYS = Set.of("version", "name", "metadata", "center", "centerAltitude",
            "zoom", "bearing", "pitch", "roll", "light", "sky", "terrain", "projection", "sources", "sprite", "glyphs",
            "font-faces", "state", "transition", "layers");
    private static final Set<String> SOURCE_TYPES = Set.of("vector", "raster", "raster-dem", "geojson", "image", "video");
    private static final Set<String> LAYER_TYPES = Set.of("background", "fill", "line", "symbol", "circle", "heatmap",
            "fill-extrusion", "raster", "hillshade", "color-relief");
    private static final Set<String> LAYER_KEYS = Set.of("id", "type", "metadata", "source", "source-layer", "minzoom",
            "maxzoom", "filter", "layout", "paint");

    private StyleCheck() {
    }

    /** The problems of the document, each naming where it is; empty when the style looks valid. */
    public static List<String> problems(String json) {
        JsonNode style;
        try {
            style = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            return List.of("not JSON: " + e.getOriginalMessage() + " at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr());
        }
        List<String> problems = new ArrayList<>();
        if (style == null || !style.isObject()) {
            return List.of("a style is a JSON object");
        }
        fields(style).forEachRemaining(e -> {
            if (!ROOT_KEYS.contains(e.getKey())) {
                problems.add("unknown property '" + e.getKey() + "' at the root");
            }
        });
        if (!style.path("version").isInt() || style.path("version").intValue() != 8) {
            problems.add("version: must be 8");
        }
        if (style.has("glyphs") && !(style.get("glyphs").isTextual()
                && style.get("glyphs").textValue().contains("{fontstack}") && style.get("glyphs").textValue().contains("{range}"))) {
            problems.add("glyphs: a URL with {fontstack} and {range}");
        }
        Map<String, String> sources = sources(style.path("sources"), problems);
        JsonNode layers = style.path("layers");
        if (!layers.isArray()) {
            problems.add("layers: must be an array");
            return problems;
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < layers.size(); i++) {
            layer(layers.get(i), "layers[" + i + "]", sources, ids, style.has("glyphs"), problems);
        }
        return problems;
    }

    /** Source id → type, reporting malformed sources. */
    private static Map<String, String> sources(JsonNode sources, List<String> problems) {
        Map<String, String> types = new java.util.HashMap<>();
        if (!sources.isObject()) {
            problems.add("sources: must be an object");
            return types;
        }
        fields(sources).forEachRemaining(e -> {
            String where = "sources." + e.getKey();
            JsonNode source = e.getValue();
            String type = source.path("type").asText("");
            if (!SOURCE_TYPES.contains(type)) {
                problems.add(where + ".type: one of " + String.join(", ", sorted(SOURCE_TYPES)) + ", not '" + type + "'");
            } else if ((type.startsWith("raster") || type.equals("vector")) && !source.path("url").isTextual()
                    && !(source.path("tiles").isArray() && !source.path("tiles").isEmpty()
                    && source.path("tiles").get(0).isTextual())) {
                problems.add(where + ": needs a TileJSON \"url\" or a \"tiles\" array of URLs");
            } else if (type.equals("geojson") && !source.has("data")) {
                problems.add(where + ": a geojson source needs \"data\"");
            }
            types.put(e.getKey(), type);
        });
        return types;
    }

    private static void layer(JsonNode layer, String where, Map<String, String> sources, Set<String> ids,
                              boolean glyphs, List<String> problems) {
        if (!layer.isObject()) {
            problems.add(where + ": must be an object");
            return;
        }
        String id = layer.path("id").asText("");
        if (id.isEmpty()) {
            problems.add(where + ".id: required");
        } else if (!ids.add(id)) {
            problems.add(where + ": duplicate layer id '" + id + "'");
        }
        String at = id.isEmpty() ? where : where + " ('" + id + "')";
        fields(layer).forEachRemaining(e -> {
            if (!LAYER_KEYS.contains(e.getKey())) {
                problems.add(at + ": unknown property '" + e.getKey() + "'");
            }
        });
        String type = layer.path("type").asText("");
        if (!LAYER_TYPES.contains(type)) {
            problems.add(at + ".type: one of " + String.join(", ", sorted(LAYER_TYPES)) + ", not '" + type + "'");
            return;
        }
        if (!type.equals("background")) {
            String source = layer.path("source").asText("");
            if (!sources.containsKey(source)) {
                problems.add(at + ".source: '" + source + "' is not in sources (" + String.join(", ", sorted(sources.keySet())) + ")");
            } else if (sources.get(source).equals("vector") && !layer.path("source-layer").isTextual()) {
                problems.add(at + ": a layer of a vector source needs \"source-layer\"");
            }
        }
        for (String zoom : List.of("minzoom", "maxzoom")) {
            if (layer.has(zoom) && !(layer.get(zoom).isNumber() && layer.get(zoom).doubleValue() >= 0
                    && layer.get(zoom).doubleValue() <= 24)) {
                problems.add(at + "." + zoom + ": a number from 0 to 24");
            }
        }
        if (layer.path("minzoom").isNumber() && layer.path("maxzoom").isNumber()
                && layer.get("minzoom").doubleValue() > layer.get("maxzoom").doubleValue()) {
            problems.add(at + ": minzoom is above maxzoom");
        }
        for (String part : List.of("paint", "layout")) {
            if (layer.has(part) && !layer.get(part).isObject()) {
                problems.add(at + "." + part + ": must be an object");
            }
            fields(layer.path(part)).forEachRemaining(e -> {
                String prefix = e.getKey().split("-")[0];
                String expected = type.equals("fill-extrusion") ? "fill" : type.equals("color-relief") ? "color" : type;
                if (!prefix.equals(expected) && !e.getKey().equals("visibility")
                        && !(type.equals("symbol") && (prefix.equals("text") || prefix.equals("icon")))) {
                    problems.add(at + "." + part + ": '" + e.getKey() + "' is not a property of a " + type + " layer");
                }
            });
        }
        if (layer.path("layout").has("text-field") && !glyphs) {
            problems.add(at + ": text-field needs a \"glyphs\" URL at the root of the style");
        }
    }

    private static Iterator<Map.Entry<String, JsonNode>> fields(JsonNode node) {
        return node.isObject() ? node.fields() : java.util.Collections.emptyIterator();
    }

    private static List<String> sorted(Set<String> values) {
        return values.stream().sorted().toList();
    }
}
