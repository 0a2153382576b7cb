package fr.culture.atlas.tile;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import com.google.protobuf.InvalidProtocolBufferException;
import fr.culture.atlas.geo.WebMercator;
import io.github.sebasbaumh.mapbox.vectortile.VectorTile;
import org.locationtech.jts.geom.Envelope;

/**
 * How much of the land a level's tiles cover, against the régions' tiles of the same zoom:
 * each tile is rasterised at 256 × 256 cells (a cell is filled when its centre is inside a
 * polygon), and the ratio is the share of the reference's filled cells that the level fills too.
 * A level whose small territories were dropped from a tile shows as holes here; the coalesced
 * bands ({@link fr.culture.atlas.geo.Coalescer}) keep it at 100 %.
 */
public final class TileCoverage {

    /** Cells per tile side: one per pixel of a 256-pixel tile. */
    public static final int CELLS = 256;

    /** Metropolitan France, lon/lat: the frame of the national view (the overseas are insets). */
    public static final Envelope METROPOLE = new Envelope(-5.2, 9.6, 41.3, 51.1);

    /** Filled and reference cells summed over the tiles measured. */
    public record Ratio(long covered, long reference, int tiles) {
        public double percent() {
            return reference == 0 ? 100 : 100.0 * covered / reference;
        }
    }

    /** Makes the tile of a level at a coordinate (the renderer's bytes, as served). */
    @FunctionalInterface
    public interface Tiles {
        byte[] tile(String level, TileCoord coord);
    }

    private TileCoverage() {
    }

    /**
     * The tiles of zoom {@code z} over metropolitan France: all of them up to {@code max}, else
     * {@code max} of them drawn with a fixed seed (the same sample in every run).
     */
    public static List<TileCoord> sample(int z, int max) {
        Envelope mercator = new Envelope(WebMercator.x(METROPOLE.getMinX()), WebMercator.x(METROPOLE.getMaxX()),
                WebMercator.y(METROPOLE.getMinY()), WebMercator.y(METROPOLE.getMaxY()));
        List<TileCoord> all = TileCoord.covering(mercator, z);
        if (all.size() <= max) {
            return all;
        }
        List<TileCoord> picked = new ArrayList<>(all);
        java.util.Collections.shuffle(picked, new Random(z));
        return picked.subList(0, max);
    }

    /** The coverage of {@code level} against {@code reference} over the given tiles. */
    public static Ratio measure(Tiles tiles, String level, String reference, List<TileCoord> coords) {
        long covered = 0;
        long total = 0;
        for (TileCoord coord : coords) {
            boolean[] ref = cells(tiles.tile(reference, coord), reference);
            boolean[] own = cells(tiles.tile(level, coord), level);
            for (int i = 0; i < ref.length; i++) {
                if (ref[i]) {
                    total++;
                    covered += own[i] ? 1 : 0;
                }
            }
        }
        return new Ratio(covered, total, coords.size());
    }

    /** The cells of a tile that the polygons of layer {@code layer} fill, row by row. */
    public static boolean[] cells(byte[] tile, String layer) {
        boolean[] cells = new boolean[CELLS * CELLS];
        if (tile.length == 0) {
            return cells;
        }
        BufferedImage image = new BufferedImage(CELLS, CELLS, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setColor(Color.WHITE);
        try {
            for (VectorTile.Tile.Layer l : VectorTile.Tile.parseFrom(tile).getLayersList()) {
                if (!l.getName().equals(layer)) {
                    continue;
                }
                double scale = (double) CELLS / l.getExtent();
                for (VectorTile.Tile.Feature f : l.getFeaturesList()) {
                    if (f.getType() == VectorTile.Tile.GeomType.POLYGON) {
                        g.fill(path(f, scale));
                    }
                }
            }
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("Not a vector tile: " + e.getMessage(), e);
        } finally {
            g.dispose();
        }
        byte[] pixels = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < cells.length; i++) {
            cells[i] = pixels[i] != 0;
        }
        return cells;
    }

    /** A polygon feature's rings as one path (MVT winding: holes turn the other way, so non-zero fills right). */
    private static Path2D path(VectorTile.Tile.Feature feature, double scale) {
        Path2D.Double path = new Path2D.Double(Path2D.WIND_NON_ZERO);
        int x = 0;
        int y = 0;
        int i = 0;
        while (i < feature.getGeometryCount()) {
            int header = feature.getGeometry(i++);
            int command = header & 7;
            int count = header >>> 3;
            if (command == 7) {
                path.closePath();
                continue;
            }
            for (int k = 0; k < count; k++) {
                x += zigzag(feature.getGeometry(i++));
                y += zigzag(feature.getGeometry(i++));
                if (command == 1) {
                    path.moveTo(x * scale, y * scale);
                } else {
                    path.lineTo(x * scale, y * scale);
                }
            }
        }
        return path;
    }

    private static int zigzag(int n) {
        return (n >>> 1) ^ -(n & 1);
    }
}
