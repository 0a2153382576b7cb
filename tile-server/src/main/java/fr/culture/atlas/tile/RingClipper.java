package fr.culture.atlas.tile;

/**
 * Clips a ring to a square, Sutherland–Hodgman: one pass per edge keeps the part of the ring on
 * the inner side and adds the points where it crosses. The ring is closed implicitly (its last
 * point joins its first) and held as x and y interleaved in primitive buffers that are reused
 * from ring to ring: a tile clips thousands of rings, and no object is made per point.
 *
 * <p>A concave ring cut in two by the square comes out as one ring joined along the square's
 * edge (zero-width bridges there), which renderers fill correctly; it is never empty when some
 * of the ring is inside. Keeps its buffers between calls: one instance per tile, never shared
 * between threads.
 */
final class RingClipper {

    /** Ping-pong buffers, x and y interleaved. */
    private double[] points = new double[512];
    private double[] clipped = new double[512];

    /** A buffer for {@code n} points to write the ring into, before {@link #clip}. */
    double[] buffer(int n) {
        if (points.length < 2 * n) {
            points = new double[2 * n];
        }
        return points;
    }

    /** The ring after {@link #clip}, x and y interleaved (its length may exceed the point count). */
    double[] points() {
        return points;
    }

    /**
     * Clips the {@code n} points written in {@link #buffer} to the square {@code [min, max]} on
     * both axes; returns the number of points left (0 when the ring is wholly outside), in {@link #points()}.
     */
    int clip(int n, double min, double max) {
        for (int edge = 0; edge < 4 && n > 0; edge++) {
            n = clipEdge(n, edge, edge < 2 ? min : max);
        }
        return n;
    }

    /**
     * One pass: keeps the part of the ring on the inner side of one edge of the square (0: x ≥ min,
     * 1: y ≥ min, 2: x ≤ max, 3: y ≤ max), adding the crossing points.
     */
    private int clipEdge(int n, int edge, double bound) {
        int axis = edge % 2;
        boolean keepAbove = edge < 2;
        if (clipped.length < 4 * n) {
            clipped = new double[4 * n];
        }
        int m = 0;
        double px = points[2 * (n - 1)];
        double py = points[2 * (n - 1) + 1];
        boolean pIn = inside(axis == 0 ? px : py, bound, keepAbove);
        for (int i = 0; i < n; i++) {
            double cx = points[2 * i];
            double cy = points[2 * i + 1];
            boolean cIn = inside(axis == 0 ? cx : cy, bound, keepAbove);
            if (cIn != pIn) {
                double t = ((axis == 0 ? px : py) - bound) / ((axis == 0 ? px - cx : py - cy));
                clipped[m++] = axis == 0 ? bound : px + t * (cx - px);
                clipped[m++] = axis == 1 ? bound : py + t * (cy - py);
            }
            if (cIn) {
                clipped[m++] = cx;
                clipped[m++] = cy;
            }
            px = cx;
            py = cy;
            pIn = cIn;
        }
        double[] swap = points;
        points = clipped;
        clipped = swap;
        return m / 2;
    }

    private static boolean inside(double v, double bound, boolean keepAbove) {
        return keepAbove ? v >= bound : v <= bound;
    }
}
