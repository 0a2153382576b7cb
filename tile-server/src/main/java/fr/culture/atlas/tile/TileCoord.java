package fr.culture.atlas.tile;

import java.util.ArrayList;
import java.util.List;

import fr.culture.atlas.geo.WebMercator;
import org.locationtech.jts.geom.Envelope;

/**
 * A tile of the WebMercatorQuad grid: zoom {@code z}, column {@code x}, row {@code y} from the top.
 */
public record TileCoord(int z, int x, int y) {

    /** Deepest zoom served: a tile there is about 10 m wide. */
    public static final int MAX_ZOOM = 22;

    public TileCoord {
        if (z < 0 || z > MAX_ZOOM) {
            throw new IllegalArgumentException("zoom " + z + " is out of range 0.." + MAX_ZOOM);
        }
        long n = 1L << z;
        if (x < 0 || x >= n || y < 0 || y >= n) {
            throw new IllegalArgumentException("tile " + z + "/" + x + "/" + y + " is outside the grid: at zoom "
                    + z + ", x and y go from 0 to " + (n - 1));
        }
    }

    /**
     * Parses the three path segments of a tile URL.
     *
     * @throws IllegalArgumentException with a message fit for the client when a segment is not a
     *                                  whole number or the tile is outside the grid
     */
    public static TileCoord parse(String z, String x, String y) {
        return new TileCoord(number("z", z), number("x", x), number("y", y));
    }

    private static int number(String name, String text) {
        // at most 8 digits: anything longer is out of range anyway and must not overflow;
        // read by hand rather than by a regular expression, as it runs for every tile
        int length = text == null ? 0 : text.length();
        int value = 0;
        for (int i = 0; i < length && length <= 8; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                length = 0;
                break;
            }
            value = value * 10 + (c - '0');
        }
        if (length == 0 || length > 8) {
            throw new IllegalArgumentException(name + " must be a whole number >= 0, not '" + text + "'");
        }
        return value;
    }

    /** The tiles of zoom {@code z} that cover an envelope in Web Mercator metres. */
    public static List<TileCoord> covering(Envelope mercator, int z) {
        int n = 1 << z;
        double size = 2 * WebMercator.HALF_WORLD / n;
        int minX = clamp((int) Math.floor((mercator.getMinX() + WebMercator.HALF_WORLD) / size), n);
        int maxX = clamp((int) Math.floor((mercator.getMaxX() + WebMercator.HALF_WORLD) / size), n);
        int minY = clamp((int) Math.floor((WebMercator.HALF_WORLD - mercator.getMaxY()) / size), n);
        int maxY = clamp((int) Math.floor((WebMercator.HALF_WORLD - mercator.getMinY()) / size), n);
        List<TileCoord> tiles = new ArrayList<>((maxX - minX + 1) * (maxY - minY + 1));
        for (int y = minY; y <= maxY; y++) {
            for (int x = minX; x <= maxX; x++) {
                tiles.add(new TileCoord(z, x, y));
            }
        }
        return tiles;
    }

    private static int clamp(int i, int n) {
        return Math.max(0, Math.min(n - 1, i));
    }

    /** The tile's square in Web Mercator metres. */
    public Envelope envelope() {
        double size = 2 * WebMercator.HALF_WORLD / (1L << z);
        double minX = -WebMercator.HALF_WORLD + x * size;
        double maxY = WebMercator.HALF_WORLD - y * size;
        return new Envelope(minX, minX + size, maxY - size, maxY);
    }

    /** The tile's square grown by {@code fraction} of its size on every side. */
    public Envelope envelope(double fraction) {
        Envelope env = envelope();
        env.expandBy(env.getWidth() * fraction);
        return env;
    }

    @Override
    public String toString() {
        return z + "/" + x + "/" + y;
    }
}
