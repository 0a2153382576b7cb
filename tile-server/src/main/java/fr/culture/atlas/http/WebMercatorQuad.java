package fr.culture.atlas.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import fr.culture.atlas.geo.WebMercator;
import fr.culture.atlas.tile.TileCoord;

/**
 * The OGC 2D Tile Matrix Set 2.0 definition of WebMercatorQuad (the XYZ grid of {@link TileCoord}),
 * as served at {@code /ogc/tileMatrixSets/WebMercatorQuad}. Built and serialised once.
 */
final class WebMercatorQuad {

    static final String ID = "WebMercatorQuad";
    static final String URI = "http://www.opengis.net/def/tilematrixset/OGC/1.0/WebMercatorQuad";
    static final String CRS = "http://www.opengis.net/def/crs/EPSG/0/3857";
    static final String CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84";
    static final String TITLE = "Google Maps Compatible for the World";
    static final int TILE_SIZE = 256;
    /** The standardised rendering pixel of OGC scale denominators, in metres. */
    private static final double PIXEL_SIZE = 0.00028;

    static final byte[] JSON = Json.bytes(definition());

    private WebMercatorQuad() {
    }

    private static Map<String, Object> definition() {
        Map<String, Object> tms = new LinkedHashMap<>();
        tms.put("id", ID);
        tms.put("title", TITLE);
        tms.put("uri", URI);
        tms.put("crs", CRS);
        tms.put("orderedAxes", List.of("E", "N"));
        tms.put("wellKnownScaleSet", "http://www.opengis.net/def/wkss/OGC/1.0/GoogleMapsCompatible");
        List<Map<String, Object>> matrices = new ArrayList<>();
        for (int z = 0; z <= TileCoord.MAX_ZOOM; z++) {
            long n = 1L << z;
            double cellSize = 2 * WebMercator.HALF_WORLD / TILE_SIZE / n;
            Map<String, Object> matrix = new LinkedHashMap<>();
            matrix.put("id", Integer.toString(z));
            matrix.put("scaleDenominator", cellSize / PIXEL_SIZE);
            matrix.put("cellSize", cellSize);
            matrix.put("cornerOfOrigin", "topLeft");
            matrix.put("pointOfOrigin", new double[] {-WebMercator.HALF_WORLD, WebMercator.HALF_WORLD});
            matrix.put("tileWidth", TILE_SIZE);
            matrix.put("tileHeight", TILE_SIZE);
            matrix.put("matrixWidth", n);
            matrix.put("matrixHeight", n);
            matrices.add(matrix);
        }
        tms.put("tileMatrices", matrices);
        return tms;
    }
}
