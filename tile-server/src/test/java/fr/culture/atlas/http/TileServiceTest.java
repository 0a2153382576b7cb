package fr.culture.atlas.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import fr.culture.atlas.tile.Mvt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The tile endpoint over the embedded store holding the real régions and départements. */
class TileServiceTest {

    @RegisterExtension
    static final ServerFixture server = ServerFixture.embedded();

    @Test
    void tileOfMetropolitanFranceHoldsTheExpectedRegions() throws Exception {
        // z5/16/11 spans 0°E–11.25°E, 41°N–48.9°N: the eastern half of metropolitan France and Corsica
        HttpResponse<byte[]> res = server.get("/tiles/regions/5/16/11.mvt");
        assertEquals(200, res.statusCode());
        assertEquals("application/vnd.mapbox-vector-tile", res.headers().firstValue("content-type").orElseThrow());
        List<Mvt.Feature> all = Mvt.decode(res.body());
        List<Mvt.Feature> features = all.stream().filter(f -> f.layer().equals("region")).toList();
        assertEquals(List.of("11", "24", "27", "28", "32", "44", "52", "75", "76", "84", "93", "94"),
                features.stream().map(Mvt.Feature::code).sorted().toList());
        Mvt.Feature idf = features.stream().filter(f -> f.code().equals("11")).findFirst().orElseThrow();
        // names are on the label points, one per région whose point lies in the tile
        Mvt.Feature label = all.stream().filter(f -> f.layer().equals("region-points") && f.code().equals("11"))
                .findFirst().orElseThrow();
        assertEquals("Île-de-France", label.properties().get("nom"));
        assertEquals(idf.id(), label.id());
        assertTrue(label.geometry() instanceof org.locationtech.jts.geom.Puntal, "a point");
        assertEquals(Long.parseLong("11", 36), idf.id());
        assertTrue(idf.geometry().getArea() > 0, "Île-de-France is drawn as a polygon");
    }

    @Test
    void overseasRegionsAreAtTheirTruePlace() throws Exception {
        // La Réunion (21.1°S, 55.5°E) is in tile z6/41/35
        List<Mvt.Feature> features = Mvt.decode(server.get("/tiles/regions/6/41/35.mvt").body(), "region");
        assertEquals(List.of("04"), features.stream().map(Mvt.Feature::code).toList());
    }

    @Test
    void departementsTilesetUsesTheDepartementLayer() throws Exception {
        List<Mvt.Feature> features = Mvt.decode(server.get("/tiles/departements/8/129/88.mvt").body());
        assertTrue(features.stream().anyMatch(f -> f.code().equals("75")), "Paris is in z8/129/88");
        assertTrue(features.stream().allMatch(f -> f.layer().startsWith("departement")), "polygons and their points");
    }

    @Test
    void tileOverTheOpenOceanIsEmpty() throws Exception {
        assertEquals(204, server.get("/tiles/regions/6/20/20.mvt").statusCode());
    }

    @ParameterizedTest
    @CsvSource({
        "/tiles/regions/a/1/1.mvt,         z must be a whole number",
        "/tiles/regions/3/-1/1.mvt,        x must be a whole number",
        "/tiles/regions/3/8/1.mvt,         outside the grid",
        "/tiles/regions/3/1/8.mvt,         outside the grid",
        "/tiles/regions/23/0/0.mvt,        out of range 0..22",
        "/tiles/regions/2/1/1.png,         Unsupported tile format 'png'",
        "/tiles/regions/2/1/1,             Unsupported tile format ''",
        "/tiles/regions/99999999999/1/1.mvt, z must be a whole number",
    })
    void badCoordinatesAnswer400WithAProblem(String path, String detail) throws Exception {
        Map<String, Object> problem = problem(server.get(path), 400);
        assertTrue(((String) problem.get("detail")).contains(detail), problem.toString());
        assertEquals(path, problem.get("instance"));
    }

    @Test
    void unknownTilesetAnswers404WithTheKnownOnes() throws Exception {
        Map<String, Object> problem = problem(server.get("/tiles/regionz/1/1/1.mvt"), 404);
        List<?> known = (List<?>) problem.get("known");
        assertEquals(List.of("regions", "departements", "epci", "communes"), known.subList(0, 4));
        assertTrue(known.contains("population"), "indicator tilesets are listed too");
    }

    @Test
    void unknownPathAnswers404AsAProblem() throws Exception {
        problem(server.get("/nothing/here"), 404);
    }

    @Test
    void healthSaysLiveAndReadyWithTheVersion() throws Exception {
        HttpResponse<byte[]> res = server.get("/observe/health/ready");
        assertEquals(200, res.statusCode());
        assertTrue(new String(res.body(), StandardCharsets.UTF_8).contains("\"version\":1"));
        assertEquals(200, server.get("/observe/health/live").statusCode());
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> problem(HttpResponse<byte[]> res, int status) throws IOException {
        assertEquals(status, res.statusCode());
        assertEquals("application/problem+json", res.headers().firstValue("content-type").orElseThrow());
        Map<String, Object> body = new ObjectMapper().readValue(res.body(), Map.class);
        assertEquals(status, body.get("status"));
        return body;
    }
}
