package fr.culture.atlas.tile;

import fr.culture.atlas.pbf.IntList;
import fr.culture.atlas.pbf.ProtobufWriter;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygon;

/**
 * Polygons from Web Mercator to MVT geometry commands in a tile's integer grid: each ring is
 * scaled to the grid, clipped to the buffered tile ({@link RingClipper}, and nothing at all for
 * the polygons wholly inside, which most are), rounded, stripped of repeated points, wound as MVT
 * 2.1 wants (exteriors with a positive surveyor's area in tile coordinates, holes negative) and
 * written as MoveTo / LineTo / ClosePath commands.
 *
 * <p>The geometry was generalised for the zoom at publish time, so nothing is simplified here.
 * Points go from the store's coordinate sequences into reusable primitive buffers and out as
 * commands: no JTS geometry or {@code Coordinate} is made per tile (a profile of cold commune
 * tiles showed those allocations, and the vector-tile library encoding them, as half the
 * rendering time; docs/benchmarks.md).
 *
 * <p>Keeps its buffers between calls (one instance per tile, never shared between threads).
 */
final class TileGeometry {

    private static final int MOVE_TO = 1;
    private static final int LINE_TO = 2;
    private static final int CLOSE_PATH = 7;

    /** Clips rings to the buffered tile; holds the ring being written, in grid units. */
    private final RingClipper clipper = new RingClipper();
    /** The ring rounded to the grid, x and y interleaved. */
    private int[] grid = new int[512];
    /** The command cursor: MVT encodes every point relative to the previous one of the feature. */
    private int cursorX;
    private int cursorY;

    /**
     * Appends the commands of the polygonal geometry's part inside the buffered tile.
     *
     * @param tile     the tile's square (EPSG:3857)
     * @param clip     the tile's square grown by the buffer
     * @param extent   grid size of the tile (4096)
     * @param commands where the commands go (zig-zag encoded, ready to write)
     * @return the area kept, in grid units (0: nothing of the geometry is left in the tile)
     */
    double polygons(Geometry geometry, Envelope tile, Envelope clip, int extent, IntList commands) {
        if (!clip.intersects(geometry.getEnvelopeInternal())) {
            return 0;
        }
        cursorX = 0;
        cursorY = 0;
        double scale = extent / tile.getWidth();
        Grid g = new Grid(tile.getMinX(), tile.getMaxY(), scale,
                (clip.getMinX() - tile.getMinX()) * scale, (clip.getMaxX() - tile.getMinX()) * scale);
        double area = 0;
        for (int i = 0; i < geometry.getNumGeometries(); i++) {
            Polygon polygon = (Polygon) geometry.getGeometryN(i);
            if (!clip.intersects(polygon.getEnvelopeInternal())) {
                continue;
            }
            boolean whole = clip.contains(polygon.getEnvelopeInternal());
            double shell = ring(polygon.getExteriorRing(), g, !whole, true, commands);
            if (shell == 0) {
                continue; // its holes go with it
            }
            area += shell;
            for (int h = 0; h < polygon.getNumInteriorRing(); h++) {
                area -= ring(polygon.getInteriorRingN(h), g, !whole, false, commands);
            }
        }
        return area;
    }

    /**
     * The transform to the grid and the clip square in grid units (the same on both axes).
     *
     * @param min the buffered square's lower bound in grid units (-buffer)
     * @param max its upper bound (extent + buffer)
     */
    private record Grid(double originX, double originY, double scale, double min, double max) {
    }

    /** Writes one ring; returns its area in grid units, or 0 when it collapsed and was not written. */
    private double ring(LineString ring, Grid g, boolean clip, boolean exterior, IntList commands) {
        CoordinateSequence seq = ring.getCoordinateSequence();
        int n = seq.size() - 1; // the closing point is implied in MVT
        if (n < 3) {
            return 0;
        }
        double[] points = clipper.buffer(n);
        for (int i = 0; i < n; i++) {
            points[2 * i] = (seq.getX(i) - g.originX()) * g.scale();
            points[2 * i + 1] = (g.originY() - seq.getY(i)) * g.scale(); // y grows downwards in tiles
        }
        if (clip) {
            n = clipper.clip(n, g.min(), g.max());
        }
        n = round(clipper.points(), n);
        if (n < 3) {
            return 0;
        }
        long doubleArea = 0; // the surveyor's formula, times two, exact in longs
        for (int i = 0, j = n - 1; i < n; j = i++) {
            doubleArea += (long) grid[2 * j] * grid[2 * i + 1] - (long) grid[2 * i] * grid[2 * j + 1];
        }
        if (doubleArea == 0) {
            return 0;
        }
        boolean reverse = doubleArea > 0 != exterior;
        for (int k = 0; k < n; k++) {
            int i = reverse && k > 0 ? n - k : k;
            int x = grid[2 * i];
            int y = grid[2 * i + 1];
            if (k == 0) {
                commands.add(command(MOVE_TO, 1));
            } else if (k == 1) {
                commands.add(command(LINE_TO, n - 1));
            }
            commands.add(ProtobufWriter.zigZag(x - cursorX));
            commands.add(ProtobufWriter.zigZag(y - cursorY));
            cursorX = x;
            cursorY = y;
        }
        commands.add(command(CLOSE_PATH, 1));
        return Math.abs(doubleArea) / 2.0;
    }

    private static int command(int id, int count) {
        return (id & 0x7) | (count << 3);
    }

    /**
     * Rounds the ring of {@code points} into {@link #grid}, keeping only the points where it
     * turns: a repeated point, one on a straight line between its neighbours, or the tip of a
     * spike where the ring doubles back on itself (clipping leaves such spikes along the tile's
     * edge, and some decoders drop a polygon that has one) says nothing a renderer needs.
     */
    private int round(double[] points, int n) {
        if (grid.length < 2 * n) {
            grid = new int[2 * n];
        }
        int m = 0;
        for (int i = 0; i < n; i++) {
            int x = (int) Math.round(points[2 * i]);
            int y = (int) Math.round(points[2 * i + 1]);
            while (m >= 2 && straight(m - 2, m - 1, x, y)) {
                m--;
            }
            if (m == 0 || x != grid[2 * m - 2] || y != grid[2 * m - 1]) {
                grid[2 * m] = x;
                grid[2 * m + 1] = y;
                m++;
            }
        }
        // the ring is closed: look again across its start
        int first = 0;
        boolean changed = true;
        while (changed && m - first >= 3) {
            changed = false;
            if (grid[2 * first] == grid[2 * m - 2] && grid[2 * first + 1] == grid[2 * m - 1]
                    || straight(m - 2, m - 1, grid[2 * first], grid[2 * first + 1])) {
                m--;
                changed = true;
            } else if (straight(m - 1, first, grid[2 * first + 2], grid[2 * first + 3])) {
                first++;
                changed = true;
            }
        }
        if (first > 0) {
            System.arraycopy(grid, 2 * first, grid, 0, 2 * (m - first));
        }
        return m - first;
    }

    /** Whether grid points {@code a}, {@code b} and (x, y) lie on one line. */
    private boolean straight(int a, int b, int x, int y) {
        long ax = grid[2 * a];
        long ay = grid[2 * a + 1];
        return (grid[2 * b] - ax) * (y - ay) - (grid[2 * b + 1] - ay) * (x - ax) == 0;
    }
}
