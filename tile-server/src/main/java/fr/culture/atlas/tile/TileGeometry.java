package fr.culture.atlas.tile;

import java.util.ArrayList;
import java.util.List;

import org.locationtech.jts.algorithm.Area;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.impl.CoordinateArraySequence;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.operation.overlayng.RingClipper;

/**
 * Polygons from Web Mercator into a tile's integer grid: clipped to the buffered tile ring by
 * ring (Sutherland–Hodgman, JTS's {@link RingClipper}: no overlay, and nothing at all for the
 * polygons wholly inside, which most are), scaled, rounded, and wound as MVT 2.1 wants
 * (exterior rings with positive area in tile coordinates, holes negative).
 *
 * <p>The geometry was generalised for the zoom at publish time, so nothing is simplified
 * here: a profile showed clipping with overlays and re-simplifying took 84 % of the time of
 * a tile made with the vector-tile library's {@code JtsAdapter.createTileGeom}.
 */
final class TileGeometry {

    private final GeometryFactory factory;

    TileGeometry(GeometryFactory factory) {
        this.factory = factory;
    }

    /**
     * The polygonal geometry in tile grid coordinates, or null when nothing of it is left in the
     * buffered tile.
     *
     * @param tile   the tile's square (EPSG:3857)
     * @param clip   the tile's square grown by the buffer
     * @param extent grid size of the tile (4096)
     */
    Geometry polygons(Geometry geometry, Envelope tile, Envelope clip, int extent) {
        if (!clip.intersects(geometry.getEnvelopeInternal())) {
            return null;
        }
        RingClipper clipper = clip.contains(geometry.getEnvelopeInternal()) ? null : new RingClipper(clip);
        double scale = extent / tile.getWidth();
        List<Polygon> polygons = new ArrayList<>(geometry.getNumGeometries());
        for (int i = 0; i < geometry.getNumGeometries(); i++) {
            Polygon polygon = (Polygon) geometry.getGeometryN(i);
            if (!clip.intersects(polygon.getEnvelopeInternal())) {
                continue;
            }
            LinearRing shell = ring(coordinates(polygon.getExteriorRing()), clipper, tile, scale, true);
            if (shell == null) {
                continue;
            }
            List<LinearRing> holes = new ArrayList<>();
            for (int h = 0; h < polygon.getNumInteriorRing(); h++) {
                LinearRing hole = ring(coordinates(polygon.getInteriorRingN(h)), clipper, tile, scale, false);
                if (hole != null) {
                    holes.add(hole);
                }
            }
            polygons.add(factory.createPolygon(shell, holes.toArray(LinearRing[]::new)));
        }
        if (polygons.isEmpty()) {
            return null;
        }
        return polygons.size() == 1 ? polygons.getFirst() : factory.createMultiPolygon(polygons.toArray(Polygon[]::new));
    }

    /**
     * The ring's points as a throw-away array. A packed sequence (the embedded store's) would
     * otherwise keep a Coordinate[] copy of itself behind a soft reference after the first tile,
     * bringing back the memory packing saved.
     */
    private static Coordinate[] coordinates(LineString ring) {
        CoordinateSequence seq = ring.getCoordinateSequence();
        if (seq instanceof CoordinateArraySequence) {
            return seq.toCoordinateArray();   // the array itself, no copy
        }
        Coordinate[] coordinates = new Coordinate[seq.size()];
        for (int i = 0; i < coordinates.length; i++) {
            coordinates[i] = new Coordinate(seq.getX(i), seq.getY(i));
        }
        return coordinates;
    }

    /** One ring clipped, in grid coordinates, without repeated points; null when it collapses. */
    private LinearRing ring(Coordinate[] coordinates, RingClipper clipper, Envelope tile, double scale, boolean exterior) {
        Coordinate[] clipped = clipper == null ? coordinates : clipper.clip(coordinates);
        if (clipped.length < 4) {
            return null;
        }
        List<Coordinate> grid = new ArrayList<>(clipped.length);
        Coordinate last = null;
        for (Coordinate c : clipped) {
            // y grows downwards in tiles
            Coordinate p = new Coordinate(Math.round((c.x - tile.getMinX()) * scale),
                    Math.round((tile.getMaxY() - c.y) * scale));
            if (last == null || p.x != last.x || p.y != last.y) {
                grid.add(p);
                last = p;
            }
        }
        if (!grid.getFirst().equals2D(grid.getLast())) {
            grid.add(new Coordinate(grid.getFirst()));
        }
        if (grid.size() < 4) {
            return null;
        }
        Coordinate[] ring = grid.toArray(Coordinate[]::new);
        double area = Area.ofRingSigned(ring);
        if (area == 0) {
            return null;
        }
        // JTS's signed area is positive for clockwise rings in its y-up sense, which is a
        // negative surveyor's area: MVT exteriors must have a positive surveyor's area
        boolean positive = area < 0;
        if (positive != exterior) {
            java.util.Collections.reverse(java.util.Arrays.asList(ring));
        }
        return factory.createLinearRing(ring);
    }
}
