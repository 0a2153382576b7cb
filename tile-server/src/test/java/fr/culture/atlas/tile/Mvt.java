package fr.culture.atlas.tile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.github.sebasbaumh.mapbox.vectortile.VectorTile;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;

/**
 * Decodes tiles in tests into plain, comparable features, following the MVT 2.1 specification
 * to the letter: an exterior ring has a positive area in tile coordinates (y down), a hole a
 * negative one. (The vector-tile library's own reader drops some valid polygons.)
 */
public final class Mvt {

    /** A decoded feature: layer, feature id, properties and geometry in tile pixels. */
    public record Feature(String layer, long id, Map<String, Object> properties, Geometry geometry) {
        public String code() {
            return (String) properties.get("code");
        }
    }

    private static final GeometryFactory FACTORY = new GeometryFactory();

    private Mvt() {
    }

    /** The features of one layer (a level's polygons, or its {@code -points}), sorted by id. */
    public static List<Feature> decode(byte[] tile, String layer) throws java.io.IOException {
        return decode(tile).stream().filter(f -> f.layer().equals(layer)).toList();
    }

    /** Every feature of every layer, sorted by layer then id. */
    public static List<Feature> decode(byte[] tile) throws java.io.IOException {
        List<Feature> features = new ArrayList<>();
        for (VectorTile.Tile.Layer layer : VectorTile.Tile.parseFrom(tile).getLayersList()) {
            for (VectorTile.Tile.Feature f : layer.getFeaturesList()) {
                Map<String, Object> props = new HashMap<>();
                for (int i = 0; i < f.getTagsCount(); i += 2) {
                    props.put(layer.getKeys(f.getTags(i)), value(layer.getValues(f.getTags(i + 1))));
                }
                features.add(new Feature(layer.getName(), f.getId(), props, geometry(f)));
            }
        }
        features.sort(Comparator.comparing(Feature::layer).thenComparingLong(Feature::id));
        return features;
    }

    private static Object value(VectorTile.Tile.Value v) {
        if (v.hasStringValue()) {
            return v.getStringValue();
        }
        if (v.hasDoubleValue()) {
            return v.getDoubleValue();
        }
        if (v.hasFloatValue()) {
            return (double) v.getFloatValue();
        }
        if (v.hasBoolValue()) {
            return v.getBoolValue();
        }
        if (v.hasSintValue()) {
            return v.getSintValue();
        }
        return v.hasUintValue() ? v.getUintValue() : v.getIntValue();
    }

    private static Geometry geometry(VectorTile.Tile.Feature f) {
        List<List<Coordinate>> parts = new ArrayList<>();
        List<Coordinate> current = null;
        long x = 0;
        long y = 0;
        int i = 0;
        while (i < f.getGeometryCount()) {
            int command = f.getGeometry(i) & 7;
            int count = f.getGeometry(i) >>> 3;
            i++;
            if (command == 7) { // ClosePath
                current.add(new Coordinate(current.getFirst()));
                continue;
            }
            for (int k = 0; k < count; k++) {
                x += zigzag(f.getGeometry(i++));
                y += zigzag(f.getGeometry(i++));
                if (command == 1) { // MoveTo starts a new part
                    current = new ArrayList<>();
                    parts.add(current);
                }
                current.add(new Coordinate(x, y));
            }
        }
        return switch (f.getType()) {
            case POINT -> FACTORY.createMultiPointFromCoords(parts.stream().map(List::getFirst).toArray(Coordinate[]::new));
            case LINESTRING -> FACTORY.createMultiLineString(parts.stream()
                    .map(p -> FACTORY.createLineString(p.toArray(Coordinate[]::new))).toArray(org.locationtech.jts.geom.LineString[]::new));
            default -> polygons(parts);
        };
    }

    private static Geometry polygons(List<List<Coordinate>> rings) {
        List<Polygon> polygons = new ArrayList<>();
        LinearRing shell = null;
        List<LinearRing> holes = new ArrayList<>();
        for (List<Coordinate> points : rings) {
            LinearRing ring = FACTORY.createLinearRing(points.toArray(Coordinate[]::new));
            if (signedArea(points) > 0) {
                if (shell != null) {
                    polygons.add(FACTORY.createPolygon(shell, holes.toArray(LinearRing[]::new)));
                }
                shell = ring;
                holes = new ArrayList<>();
            } else {
                if (shell == null) {
                    throw new IllegalStateException("MVT polygon starts with a hole (negative area): wrong winding");
                }
                holes.add(ring);
            }
        }
        if (shell != null) {
            polygons.add(FACTORY.createPolygon(shell, holes.toArray(LinearRing[]::new)));
        }
        return polygons.size() == 1 ? polygons.getFirst() : FACTORY.createMultiPolygon(polygons.toArray(Polygon[]::new));
    }

    private static double signedArea(List<Coordinate> ring) {
        double area = 0;
        for (int k = 0; k < ring.size() - 1; k++) {
            area += ring.get(k).x * ring.get(k + 1).y - ring.get(k + 1).x * ring.get(k).y;
        }
        return area / 2;
    }

    private static long zigzag(int n) {
        return (n >>> 1) ^ -(n & 1);
    }
}
