package fr.culture.atlas.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import com.fasterxml.jackson.databind.ObjectMapper;
import fr.culture.atlas.tile.Mvt;
import fr.culture.atlas.tile.TileRenderer;
import fr.culture.atlas.tile.TileEncoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tiles of indicators over the real data, and the HTTP caching around every tile. */
class IndicatorTileTest {

    @RegisterExtension
    static final ServerFixture server = ServerFixture.embedded();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private static HttpResponse<byte[]> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUrl() + path));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void levelFollowsTheZoomAndFeaturesCarryTheValue() throws Exception {
        // z8 over Paris: communes, each with its population
        List<Mvt.Feature> communes = Mvt.decode(get("/tiles/population/8/129/88.mvt").body());
        Mvt.Feature paris = communes.stream().filter(f -> "75056".equals(f.code())).findFirst().orElseThrow();
        assertEquals("commune", paris.layer());
        assertEquals(2187526.0, ((Number) paris.properties().get("population")).doubleValue());
        assertFalse(paris.properties().containsKey("id"), "the id is the feature id, not a property");
        // z4: régions, with the share of cultural businesses
        List<Mvt.Feature> regions = Mvt.decode(get("/tiles/part_entreprises_culturelles/4/8/5.mvt").body());
        assertTrue(regions.stream().allMatch(f -> f.layer().startsWith("region")), "régions and their points");
        Mvt.Feature idf = regions.stream().filter(f -> "11".equals(f.code())).findFirst().orElseThrow();
        assertEquals(24189.0 / 414684 * 100, ((Number) idf.properties().get("part_entreprises_culturelles")).doubleValue(), 1e-6);
    }

    @Test
    void notAvailableIsAbsentNeverZero() throws Exception {
        // the poverty rate is secret for small communes: their features have no such property
        List<Mvt.Feature> communes = Mvt.decode(get("/tiles/taux_pauvrete/9/259/176.mvt").body());
        assertTrue(communes.stream().anyMatch(f -> !f.properties().containsKey("taux_pauvrete")));
        assertTrue(communes.stream().anyMatch(f -> f.properties().containsKey("taux_pauvrete")));
        assertTrue(communes.stream().noneMatch(f -> Double.valueOf(0).equals(f.properties().get("taux_pauvrete"))));
    }

    @Test
    void severalIndicatorsInOneTileAndAForcedLevel() throws Exception {
        // EPCI spending has no département level: at z6 the nearest level it has is drawn
        List<Mvt.Feature> epci = Mvt.decode(get("/tiles/depenses_intercommunalites_par_habitant/6/32/22.mvt").body());
        assertTrue(!epci.isEmpty() && epci.stream().allMatch(f -> f.layer().startsWith("epci")));
        List<Mvt.Feature> forced = Mvt.decode(
                get("/tiles/densite_population/9/259/176.mvt?level=commune&indicators=grille_densite").body(), "commune");
        assertTrue(forced.stream().allMatch(f -> f.layer().equals("commune")
                && f.properties().containsKey("grille_densite")));
        List<Mvt.Feature> communes = Mvt.decode(
                get("/tiles/population/8/129/88.mvt?indicators=grille_densite,action_coeur_de_ville").body());
        Mvt.Feature paris = communes.stream().filter(f -> "75056".equals(f.code())).findFirst().orElseThrow();
        assertEquals("tres_dense", paris.properties().get("grille_densite"));
    }

    @Test
    void aPartialValueSaysHowMuchItCounts() throws Exception {
        // municipal spending is reported by communes of 3,500 inhabitants and more: the Ain's sum
        // counts part of its population; its population, summed from all its communes, is whole
        List<Mvt.Feature> departements = Mvt.decode(get("/tiles/depenses_communes_par_habitant/6/32/22.mvt"
                + "?level=departement&indicators=population").body(), "departement");
        Mvt.Feature ain = departements.stream().filter(f -> "01".equals(f.code())).findFirst().orElseThrow();
        double share = ((Number) ain.properties().get("depenses_communes_par_habitant" + TileRenderer.PARTIAL))
                .doubleValue();
        assertTrue(share > 0.2 && share < 1, "share of the Ain's population counted: " + share);
        assertTrue(ain.properties().containsKey("population"));
        assertFalse(ain.properties().containsKey("population" + TileRenderer.PARTIAL), "a whole value has no mark");
        String tileJson = new String(get("/tiles/depenses_communes_par_habitant.json?level=departement").body());
        assertTrue(tileJson.contains("\"depenses_communes_par_habitant_partiel\":\"Number\""), tileJson);
    }

    @ParameterizedTest
    @CsvSource({"communes, 0, 0, 0", "communes, 5, 16, 11", "communes, 6, 32, 22", "epci, 4, 8, 5"})
    void noTileIsOverTheBudget(String tileset, int z, int x, int y) throws Exception {
        HttpResponse<byte[]> res = get("/tiles/" + tileset + "/" + z + "/" + x + "/" + y + ".mvt");
        assertEquals(200, res.statusCode());
        assertTrue(res.body().length <= TileEncoder.MAX_BYTES, res.body().length + " bytes");
        // at zoom 0 France is a few pixels wide: its communes are merged into a few dozen
        assertTrue(Mvt.decode(res.body()).size() > (z >= 4 ? 100 : 10), "the largest territories are kept");
    }

    @Test
    void venuesAreClusteredAtLowZoomAndSingleAbove() throws Exception {
        List<Mvt.Feature> clusters = Mvt.decode(get("/tiles/equipements/5/16/11.mvt").body());
        assertEquals(java.util.Set.of("bibliotheques", "monuments_historiques"),
                clusters.stream().map(Mvt.Feature::layer).collect(java.util.stream.Collectors.toSet()));
        assertTrue(clusters.stream().allMatch(f -> ((Number) f.properties().get("count")).longValue() >= 1
                && f.properties().containsKey("discipline")));
        assertTrue(clusters.stream().anyMatch(f -> ((Number) f.properties().get("count")).longValue() > 10));
        // zoom 13 in Paris: single libraries with their names
        List<Mvt.Feature> singles = Mvt.decode(get("/tiles/equipements/13/4149/2818.mvt").body());
        assertTrue(singles.stream().anyMatch(f -> "Bibliothèque Buffon".equals(f.properties().get("nom"))));
        assertTrue(singles.stream().noneMatch(f -> f.properties().containsKey("count")));
    }

    @Test
    void venuesTileJsonListsOneLayerPerFamily() throws Exception {
        HttpResponse<byte[]> res = get("/tiles/equipements.json");
        assertEquals(200, res.statusCode());
        String json = new String(res.body(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(json.contains("\"tiles\":[\"" + server.baseUrl() + "/tiles/equipements/{z}/{x}/{y}.mvt?v=1\"]"), json);
        assertTrue(json.contains("\"id\":\"monuments_historiques\"") && json.contains("\"id\":\"bibliotheques\""),
                json);
        assertTrue(json.contains("\"count\":\"Number\""), json);
    }

    @Test
    void etagRevalidatesAndGzipIsNegotiated() throws Exception {
        HttpResponse<byte[]> plain = get("/tiles/regions/5/16/11.mvt");
        String etag = plain.headers().firstValue("etag").orElseThrow();
        assertTrue(etag.startsWith("\"v1-"), etag);
        assertEquals("public, max-age=3600", plain.headers().firstValue("cache-control").orElseThrow());
        assertEquals("*", plain.headers().firstValue("access-control-allow-origin").orElseThrow());
        assertEquals(304, get("/tiles/regions/5/16/11.mvt", "If-None-Match", etag).statusCode());
        assertEquals(200, get("/tiles/regions/5/16/11.mvt", "If-None-Match", "\"v0-other\"").statusCode());
        HttpResponse<byte[]> gzip = get("/tiles/regions/5/16/11.mvt", "Accept-Encoding", "gzip");
        assertEquals("gzip", gzip.headers().firstValue("content-encoding").orElseThrow());
        assertTrue(gzip.body().length < plain.body().length);
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip.body()))) {
            assertEquals(plain.body().length, in.readAllBytes().length);
        }
        // each content coding is its own representation, with its own strong validator (RFC 9110 §8.8.3)
        String gzipEtag = gzip.headers().firstValue("etag").orElseThrow();
        assertEquals(etag.substring(0, etag.length() - 1) + "-gzip\"", gzipEtag);
        assertEquals(304, get("/tiles/regions/5/16/11.mvt", "Accept-Encoding", "gzip", "If-None-Match", gzipEtag).statusCode());
        assertEquals(200, get("/tiles/regions/5/16/11.mvt", "Accept-Encoding", "gzip", "If-None-Match", etag).statusCode());
        assertFalse(get("/tiles/regions/5/16/11.mvt", "Accept-Encoding", "gzip;q=0").headers()
                .firstValue("content-encoding").isPresent());
        // what a browser sends: gzip, the same bytes as asked alone
        HttpResponse<byte[]> browser = get("/tiles/regions/5/16/11.mvt", "Accept-Encoding", "gzip, deflate, br, zstd");
        assertEquals("gzip", browser.headers().firstValue("content-encoding").orElseThrow());
        assertArrayEquals(gzip.body(), browser.body());
    }

    @Test
    @SuppressWarnings("unchecked")
    void tileJsonDescribesTheTileset() throws Exception {
        Map<String, Object> json = new ObjectMapper().readValue(get("/tiles/population.json").body(), Map.class);
        assertEquals("3.0.0", json.get("tilejson"));
        assertEquals(List.of(server.baseUrl() + "/tiles/population/{z}/{x}/{y}.mvt?v=1"), json.get("tiles"));
        assertEquals("Population totale", json.get("name"));
        List<Map<String, Object>> layers = (List<Map<String, Object>>) json.get("vector_layers");
        Map<String, Object> communes = layers.stream().filter(l -> "commune".equals(l.get("id"))).findFirst().orElseThrow();
        assertEquals("Number", ((Map<String, Object>) communes.get("fields")).get("population"));
        assertEquals("region", layers.getFirst().get("id"), "population is summed up to every level, the largest first");
        List<Number> bounds = (List<Number>) json.get("bounds");
        assertTrue(bounds.get(0).doubleValue() < -60 && bounds.get(2).doubleValue() > 55, "overseas included");
    }

    @Test
    void badIndicatorRequestsSayWhatIsValid() throws Exception {
        Map<String, Object> unknown = TileServiceTest.problem(get("/tiles/populaton/8/129/88.mvt"), 404);
        assertTrue(((List<String>) unknown.get("known")).contains("population"));
        Map<String, Object> level = TileServiceTest.problem(get("/tiles/population/8/129/88.mvt?level=canton"), 404);
        assertEquals(List.of("region", "departement", "epci", "commune"), level.get("known"));
        Map<String, Object> unavailable = TileServiceTest.problem(
                get("/tiles/part_entreprises_culturelles/8/129/88.mvt?level=commune"), 400);
        assertEquals(List.of("region", "departement"), unavailable.get("available"));
        TileServiceTest.problem(get("/tiles/population/8/129/88.mvt?indicators=population,nope"), 404);
        TileServiceTest.problem(get("/tiles/population/8/129/88.png"), 400);
    }
}
