package fr.culture.atlas.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;

/**
 * Streams the features of a GeoJSON FeatureCollection, one feature tree at a time, so that a
 * large file is never held in memory as a whole.
 */
public final class GeoJsonReader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final GeometryFactory factory;

    public GeoJsonReader(GeometryFactory factory) {
        this.factory = factory;
    }

    /** Reads every feature of the file. */
    public List<SourceFeature> readAll(Path file) throws IOException {
        List<SourceFeature> features = new ArrayList<>();
        read(file, features::add);
        return features;
    }

    /**
     * Calls {@code sink} for every feature of the file, in file order.
     *
     * @throws SourceException when the file is not a GeoJSON FeatureCollection or a geometry is malformed
     */
    public void read(Path file, Consumer<SourceFeature> sink) throws IOException {
        try (InputStream in = Files.newInputStream(file); JsonParser parser = JSON.createParser(in)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new SourceException(file, "not a GeoJSON object");
            }
            boolean sawFeatures = false;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("features".equals(field) && value == JsonToken.START_ARRAY) {
                    sawFeatures = true;
                    int index = 0;
                    while (parser.nextToken() == JsonToken.START_OBJECT) {
                        JsonNode node = JSON.readTree(parser);
                        sink.accept(feature(file, index++, node));
                    }
                } else {
                    parser.skipChildren();
                }
            }
            if (!sawFeatures) {
                throw new SourceException(file, "no 'features' array: not a GeoJSON FeatureCollection");
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            String reason = e.getOriginalMessage();
            if (reason != null && reason.contains("UTF-8")) {
                // typically a Latin-1 or Windows-1252 export: names with accents are not UTF-8
                reason = "not UTF-8 text (GeoJSON must be UTF-8, RFC 7946; re-export the file as UTF-8): " + reason;
            }
            throw new SourceException(file, "malformed JSON at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ": " + reason);
        }
    }

    private SourceFeature feature(Path file, int index, JsonNode node) {
        Map<String, Object> properties = new LinkedHashMap<>();
        JsonNode props = node.path("properties");
        props.properties().forEach(e -> properties.put(e.getKey(), scalar(e.getValue())));
        JsonNode geometry = node.get("geometry");
        try {
            Geometry geom = geometry == null || geometry.isNull() ? null : geometry(geometry);
            return new SourceFeature(index, properties, geom);
        } catch (IllegalArgumentException e) {
            throw new SourceException(file, "feature " + index + ": " + e.getMessage());
        }
    }

    private static Object scalar(JsonNode value) {
        if (value.isNull()) {
            return null;
        }
        if (value.isNumber()) {
            return value.numberValue();
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        return value.isTextual() ? value.textValue() : value.toString();
    }

    private Geometry geometry(JsonNode g) {
        String type = g.path("type").asText();
        JsonNode c = g.path("coordinates");
        return switch (type) {
            case "Point" -> factory.createPoint(coordinate(c));
            case "MultiPoint" -> factory.createMultiPointFromCoords(coordinates(c));
            case "LineString" -> factory.createLineString(coordinates(c));
            case "Polygon" -> polygon(c);
            case "MultiPolygon" -> {
                Polygon[] polygons = new Polygon[c.size()];
                for (int i = 0; i < polygons.length; i++) {
                    polygons[i] = polygon(c.get(i));
                }
                yield factory.createMultiPolygon(polygons);
            }
            default -> throw new IllegalArgumentException("unsupported geometry type '" + type + "'");
        };
    }

    private Polygon polygon(JsonNode rings) {
        if (!rings.isArray() || rings.isEmpty()) {
            throw new IllegalArgumentException("polygon without rings");
        }
        LinearRing shell = ring(rings.get(0));
        LinearRing[] holes = new LinearRing[rings.size() - 1];
        for (int i = 1; i < rings.size(); i++) {
            holes[i - 1] = ring(rings.get(i));
        }
        return factory.createPolygon(shell, holes);
    }

    private LinearRing ring(JsonNode points) {
        Coordinate[] coords = coordinates(points);
        if (coords.length < 4 || !coords[0].equals2D(coords[coords.length - 1])) {
            throw new IllegalArgumentException("ring of " + coords.length + " points is not closed");
        }
        return factory.createLinearRing(coords);
    }

    private static Coordinate[] coordinates(JsonNode points) {
        Coordinate[] coords = new Coordinate[points.size()];
        for (int i = 0; i < coords.length; i++) {
            coords[i] = coordinate(points.get(i));
        }
        return coords;
    }

    private static Coordinate coordinate(JsonNode p) {
        if (p == null || !p.isArray() || p.size() < 2 || !p.get(0).isNumber() || !p.get(1).isNumber()) {
            throw new IllegalArgumentException("position " + p + " is not [longitude, latitude]");
        }
        return new Coordinate(p.get(0).doubleValue(), p.get(1).doubleValue());
    }
}
