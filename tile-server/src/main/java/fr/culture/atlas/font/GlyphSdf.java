package fr.culture.atlas.font;

import java.awt.Font;
import java.awt.Shape;
import java.awt.font.FontRenderContext;
import java.awt.font.GlyphVector;
import java.awt.geom.AffineTransform;
import java.awt.geom.Path2D;
import java.awt.geom.PathIterator;
import java.util.Arrays;

/**
 * One character of a font as MapLibre draws text: a signed distance field of its outline at
 * 24 px with a 3 px border, and its metrics.
 *
 * <p>Works like node-fontnik (the converter of the glyph PBFs MapLibre styles use): the outline
 * is flattened to segments; each pixel centre of the bordered box gets its distance to the
 * nearest segment (up to {@link #RADIUS} px), negative inside; the byte is {@code 255 - (32·d + 64)}
 * clamped, so the outline itself is 191, which MapLibre's shader takes as the edge.
 */
public final class GlyphSdf {

    /** Size MapLibre expects glyphs at, px. */
    public static final int SIZE = 24;
    /** Border around the glyph box, px. */
    public static final int BUFFER = 3;
    private static final int RADIUS = 8;
    private static final double CUTOFF = 0.25;
    /**
     * MapLibre's shaping places glyphs under a baseline calibrated on fonts with an ascender of
     * about 25 px at 24 px (as node-fontnik writes {@code top}); using each font's own ascender
     * would shift fonts against each other.
     */
    private static final int BASELINE = 25;
    /** Flatness of curves, px: well under the 1/32 px a byte of the field resolves near the edge. */
    private static final double FLATNESS = 0.05;
    private static final FontRenderContext CONTEXT = new FontRenderContext(null, true, true);

    /** A glyph: the bitmap is (width + 6) × (height + 6) bytes, empty for a glyph with no outline (a space). */
    public record Glyph(int id, byte[] bitmap, int width, int height, int left, int top, int advance) {
    }

    private GlyphSdf() {
    }

    /** The glyph of a code point in a font already sized to {@link #SIZE} px. */
    public static Glyph render(Font font, int codePoint) {
        GlyphVector vector = font.createGlyphVector(CONTEXT, Character.toChars(codePoint));
        int advance = (int) Math.round(vector.getGlyphMetrics(0).getAdvanceX());
        // Java draws y downwards from the baseline; the field is computed y upwards like FreeType's outlines
        Shape outline = AffineTransform.getScaleInstance(1, -1).createTransformedShape(vector.getGlyphOutline(0));
        double[] segments = segments(outline);
        if (segments.length == 0) {
            return new Glyph(codePoint, new byte[0], 0, 0, 0, -BASELINE, advance);
        }
        double minX = Double.POSITIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < segments.length; i += 2) {
            minX = Math.min(minX, segments[i]);
            maxX = Math.max(maxX, segments[i]);
            minY = Math.min(minY, segments[i + 1]);
            maxY = Math.max(maxY, segments[i + 1]);
        }
        int left = (int) Math.round(minX);
        int bottom = (int) Math.round(minY);
        int width = (int) Math.round(maxX) - left;
        int height = (int) Math.round(maxY) - bottom;
        if (width <= 0 || height <= 0) {
            return new Glyph(codePoint, new byte[0], 0, 0, 0, -BASELINE, advance);
        }
        int w = width + 2 * BUFFER;
        int h = height + 2 * BUFFER;
        byte[] bitmap = new byte[w * h];
        Path2D.Double area = new Path2D.Double(outline);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                // pixel centre in font units (px, y up); rows are written top first
                double px = left - BUFFER + x + 0.5;
                double py = bottom - BUFFER + y + 0.5;
                double d = Math.min(distance(segments, px, py), RADIUS) * (256.0 / RADIUS);
                if (area.contains(px, py)) {
                    d = -d;
                }
                int n = (int) Math.min(Math.max(d + CUTOFF * 256, 0), 255);
                bitmap[(h - 1 - y) * w + x] = (byte) (255 - n);
            }
        }
        return new Glyph(codePoint, bitmap, width, height, left, height + bottom - BASELINE, advance);
    }

    /**
     * The outline as a flat array of segments: x1, y1, x2, y2 for each, curves flattened and
     * each ring closed.
     */
    private static double[] segments(Shape outline) {
        double[] out = new double[256];
        int n = 0;
        double[] c = new double[6];
        double startX = 0;
        double startY = 0;
        double lastX = 0;
        double lastY = 0;
        for (PathIterator it = outline.getPathIterator(null, FLATNESS); !it.isDone(); it.next()) {
            int type = it.currentSegment(c);
            double x;
            double y;
            switch (type) {
                case PathIterator.SEG_MOVETO -> {
                    if (lastX != startX || lastY != startY) { // a ring left open: close it
                        out = grow(out, n);
                        n = add(out, n, lastX, lastY, startX, startY);
                    }
                    startX = lastX = c[0];
                    startY = lastY = c[1];
                    continue;
                }
                case PathIterator.SEG_LINETO -> {
                    x = c[0];
                    y = c[1];
                }
                default -> { // SEG_CLOSE: back to the ring's start
                    x = startX;
                    y = startY;
                }
            }
            if (x != lastX || y != lastY) {
                out = grow(out, n);
                n = add(out, n, lastX, lastY, x, y);
            }
            lastX = x;
            lastY = y;
        }
        if (lastX != startX || lastY != startY) {
            out = grow(out, n);
            n = add(out, n, lastX, lastY, startX, startY);
        }
        return Arrays.copyOf(out, n);
    }

    private static double[] grow(double[] out, int n) {
        return n + 4 > out.length ? Arrays.copyOf(out, out.length * 2) : out;
    }

    private static int add(double[] out, int n, double x1, double y1, double x2, double y2) {
        out[n] = x1;
        out[n + 1] = y1;
        out[n + 2] = x2;
        out[n + 3] = y2;
        return n + 4;
    }

    /** Distance from a point to the nearest segment. */
    private static double distance(double[] s, double px, double py) {
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < s.length; i += 4) {
            double x1 = s[i];
            double y1 = s[i + 1];
            double dx = s[i + 2] - x1;
            double dy = s[i + 3] - y1;
            double length2 = dx * dx + dy * dy;
            double t = length2 == 0 ? 0 : Math.clamp(((px - x1) * dx + (py - y1) * dy) / length2, 0, 1);
            double ex = x1 + t * dx - px;
            double ey = y1 + t * dy - py;
            best = Math.min(best, ex * ex + ey * ey);
        }
        return Math.sqrt(best);
    }
}
