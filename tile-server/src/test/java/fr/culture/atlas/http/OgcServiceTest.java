package fr.culture.atlas.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** OGC API – Tiles over the real data: documents, links, the grid, and tiles equal to /tiles. */
@SuppressWarnings("unchecked")
class OgcServiceTest {

    @RegisterExtension
    static final ServerFixture server = ServerFixture.embedded();

    private static Map<String, Object> json(String path) throws Exception {
        HttpResponse<byte[]> res = server.get(path);
        assertEquals(200, res.statusCode(), path + ": " + new String(res.body()));
        assertEquals("application/json", res.headers().firstValue("content-type").orElseThrow());
        return new ObjectMapper().readValue(res.body(), Map.class);
    }

    /** The href of the only link with this rel. */
    private static String link(Map<String, Object> document, String rel) {
        List<Map<String, Object>> links = ((List<Map<String, Object>>) document.get("links")).stream()
                .filter(l -> rel.equals(l.get("rel"))).toList();
        assertEquals(1, links.size(), rel + " in " + document.get("links"));
        return (String) links.getFirst().get("href");
    }

    @Test
    void landingPageLinksEveryResourceWithAbsoluteUrls() throws Exception {
        Map<String, Object> landing = json("/ogc");
        String ogc = server.baseUrl() + "/ogc";
        assertEquals(ogc, link(landing, "self"));
        assertEquals(ogc + "/conformance", link(landing, "http://www.opengis.net/def/rel/ogc/1.0/conformance"));
        assertEquals(ogc + "/collections", link(landing, "http://www.opengis.net/def/rel/ogc/1.0/data"));
        assertEquals(ogc + "/tileMatrixSets", link(landing, "http://www.opengis.net/def/rel/ogc/1.0/tiling-schemes"));
        assertEquals(server.baseUrl() + "/openapi.json", link(landing, "service-desc"));
        // every link of the landing page answers, with the media type it announces
        for (Map<String, Object> l : (List<Map<String, Object>>) landing.get("links")) {
            HttpResponse<byte[]> res = server.get(((String) l.get("href")).substring(server.baseUrl().length()));
            assertEquals(200, res.statusCode(), l.toString());
            assertEquals(l.get("type"), res.headers().firstValue("content-type").orElseThrow(), l.toString());
        }
    }

    @Test
    void conformanceDeclaresTheTilesClassesImplemented() throws Exception {
        List<String> classes = (List<String>) json("/ogc/conformance").get("conformsTo");
        for (String c : List.of("core", "tileset", "tilesets-list", "geodata-tilesets", "mvt")) {
            assertTrue(classes.contains("http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/" + c), c);
        }
        assertTrue(classes.contains("http://www.opengis.net/spec/ogcapi-common-1/1.0/conf/core"));
        assertTrue(classes.stream().noneMatch(c -> c.endsWith("/oas30") || c.endsWith("/html")),
                "no OpenAPI document nor HTML is served");
    }

    @Test
    void webMercatorQuadIsTheOgcDefinition() throws Exception {
        Map<String, Object> list = json("/ogc/tileMatrixSets");
        Map<String, Object> entry = ((List<Map<String, Object>>) list.get("tileMatrixSets")).getFirst();
        assertEquals("WebMercatorQuad", entry.get("id"));
        assertEquals(server.baseUrl() + "/ogc/tileMatrixSets/WebMercatorQuad",
                link(entry, "http://www.opengis.net/def/rel/ogc/1.0/tiling-scheme"));

        Map<String, Object> tms = json("/ogc/tileMatrixSets/WebMercatorQuad");
        assertEquals("http://www.opengis.net/def/tilematrixset/OGC/1.0/WebMercatorQuad", tms.get("uri"));
        assertEquals("http://www.opengis.net/def/crs/EPSG/0/3857", tms.get("crs"));
        List<Map<String, Object>> matrices = (List<Map<String, Object>>) tms.get("tileMatrices");
        assertEquals(23, matrices.size());
        // the values of the OGC 2D-TMS standard's annex for WebMercatorQuad
        Map<String, Object> z0 = matrices.getFirst();
        assertEquals("0", z0.get("id"));
        assertEquals(559082264.028717, (Double) z0.get("scaleDenominator"), 1e-5);
        assertEquals(156543.033928041, (Double) z0.get("cellSize"), 1e-8);
        assertEquals(List.of(-20037508.3427892, 20037508.3427892), ((List<Double>) z0.get("pointOfOrigin"))
                .stream().map(v -> Math.round(v * 1e7) / 1e7).toList());
        assertEquals("topLeft", z0.get("cornerOfOrigin"));
        Map<String, Object> z22 = matrices.getLast();
        assertEquals("22", z22.get("id"));
        assertEquals(4194304, ((Number) z22.get("matrixWidth")).longValue());
        assertEquals(4194304, ((Number) z22.get("matrixHeight")).longValue());
        assertEquals(133.295598972048, (Double) z22.get("scaleDenominator"), 1e-6);
        assertEquals(256, z22.get("tileWidth"));
    }

    @Test
    void oneCollectionPerTilesetWithTitleAndExtent() throws Exception {
        List<Map<String, Object>> collections = (List<Map<String, Object>>) json("/ogc/collections").get("collections");
        List<String> ids = collections.stream().map(c -> (String) c.get("id")).toList();
        assertEquals(List.of("regions", "departements", "epci", "communes"), ids.subList(0, 4));
        assertTrue(ids.contains("population"));
        Map<String, Object> population = json("/ogc/collections/population");
        assertEquals("Population totale", population.get("title"));
        assertEquals("Région (limites)", collections.getFirst().get("title"));
        List<Number> bbox = ((List<List<Number>>) ((Map<String, Object>) ((Map<String, Object>)
                population.get("extent")).get("spatial")).get("bbox")).getFirst();
        assertTrue(bbox.get(0).doubleValue() < -60 && bbox.get(2).doubleValue() > 55, "overseas included: " + bbox);
        assertEquals(server.baseUrl() + "/ogc/collections/population/tiles",
                link(population, "http://www.opengis.net/def/rel/ogc/1.0/tilesets-vector"));
    }

    @Test
    void tilesetGivesTheTileTemplateAndTheLayersByZoom() throws Exception {
        Map<String, Object> list = json("/ogc/collections/population/tiles");
        Map<String, Object> summary = ((List<Map<String, Object>>) list.get("tilesets")).getFirst();
        assertEquals("vector", summary.get("dataType"));
        String tilesetUrl = link(summary, "self");
        assertEquals(server.baseUrl() + "/ogc/collections/population/tiles/WebMercatorQuad", tilesetUrl);

        Map<String, Object> tileset = json(tilesetUrl.substring(server.baseUrl().length()));
        assertEquals("http://www.opengis.net/def/tilematrixset/OGC/1.0/WebMercatorQuad", tileset.get("tileMatrixSetURI"));
        assertEquals(server.baseUrl() + "/ogc/collections/population/tiles/WebMercatorQuad/{tileMatrix}/{tileRow}/{tileCol}?v=1",
                link(tileset, "item"));
        // population is summed up from the communes: each level at its zooms
        List<Map<String, Object>> layers = (List<Map<String, Object>>) tileset.get("layers");
        assertEquals(List.of("region:0-5", "departement:6-7", "commune:8-22"), layerZooms(layers));
        // a median exists for communes only: they are drawn at every zoom
        assertEquals(List.of("commune:0-22"), layerZooms((List<Map<String, Object>>)
                json("/ogc/collections/niveau_vie_median/tiles/WebMercatorQuad").get("layers")));
        Map<String, Object> properties = (Map<String, Object>) ((Map<String, Object>) layers.getFirst()
                .get("propertiesSchema")).get("properties");
        assertEquals(List.of("code", "nom", "population"), List.copyOf(properties.keySet()));
        assertEquals("number", ((Map<String, Object>) properties.get("population")).get("type"));

        // régions and départements only: the départements stand in for the deeper levels
        assertEquals(List.of("region:0-5", "departement:6-22"), layerZooms((List<Map<String, Object>>)
                json("/ogc/collections/part_entreprises_culturelles/tiles/WebMercatorQuad").get("layers")));
        List<Map<String, Object>> boundaries = (List<Map<String, Object>>)
                json("/ogc/collections/departements/tiles/WebMercatorQuad").get("layers");
        assertEquals(1, boundaries.size());
        assertEquals("departement", boundaries.getFirst().get("id"));
        assertEquals("22", boundaries.getFirst().get("maxTileMatrix"));
    }

    private static List<String> layerZooms(List<Map<String, Object>> layers) {
        return layers.stream().map(l -> l.get("id") + ":" + l.get("minTileMatrix") + "-" + l.get("maxTileMatrix"))
                .toList();
    }

    @ParameterizedTest
    @CsvSource({
        "population, 8, 129, 88, ''",
        "population, 8, 129, 88, ?indicators=grille_densite",
        "part_entreprises_culturelles, 4, 8, 5, ''",
        "regions, 5, 16, 11, ''",
        "communes, 0, 0, 0, ''",
    })
    void tilesAreThoseOfTheXyzEndpointWithRowBeforeColumn(String id, int z, int x, int y, String query) throws Exception {
        HttpResponse<byte[]> xyz = server.get("/tiles/" + id + "/" + z + "/" + x + "/" + y + ".mvt" + query);
        HttpResponse<byte[]> ogc = server.get("/ogc/collections/" + id + "/tiles/WebMercatorQuad/" + z + "/" + y + "/" + x
                + query);
        assertEquals(200, ogc.statusCode());
        assertEquals("application/vnd.mapbox-vector-tile", ogc.headers().firstValue("content-type").orElseThrow());
        assertArrayEquals(xyz.body(), ogc.body());
        assertEquals(xyz.headers().firstValue("etag"), ogc.headers().firstValue("etag"));
    }

    @Test
    void emptyTileAnswers204() throws Exception {
        assertEquals(204, server.get("/ogc/collections/regions/tiles/WebMercatorQuad/6/20/20").statusCode());
    }

    @Test
    void unknownCollectionOrTileMatrixSetSaysWhatIsValid() throws Exception {
        Map<String, Object> collection = TileServiceTest.problem(server.get("/ogc/collections/populaton"), 404);
        assertTrue(((List<String>) collection.get("known")).containsAll(List.of("regions", "population")));
        TileServiceTest.problem(server.get("/ogc/collections/populaton/tiles/WebMercatorQuad/1/0/0"), 404);
        Map<String, Object> tms = TileServiceTest.problem(server.get("/ogc/collections/population/tiles/WorldCRS84Quad"), 404);
        assertEquals(List.of("WebMercatorQuad"), tms.get("known"));
        TileServiceTest.problem(server.get("/ogc/tileMatrixSets/WorldCRS84Quad"), 404);
    }

    @ParameterizedTest
    @CsvSource({
        "a/0/0,        400, tileMatrix must be a whole number",
        "3/x/0,        400, tileRow must be a whole number",
        "3/0/-1,       400, tileCol must be a whole number",
        "23/0/0,       404, tile matrices: 0..22",
        "3/8/0,        404, rows and columns go from 0 to 7",
        "3/0/8,        404, rows and columns go from 0 to 7",
    })
    void badTileCoordinatesSayWhatIsValid(String coords, int status, String detail) throws Exception {
        Map<String, Object> problem = TileServiceTest.problem(
                server.get("/ogc/collections/regions/tiles/WebMercatorQuad/" + coords), status);
        assertTrue(((String) problem.get("detail")).contains(detail), problem.toString());
        if (detail.contains("rows")) {
            assertEquals(7, problem.get("maxTileRow"));
            assertEquals(7, problem.get("maxTileCol"));
        }
    }
}
