package fr.culture.atlas.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StyleServiceTest {

    private static TestServer server;

    @BeforeAll
    static void start() throws IOException {
        server = TestServer.embedded();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void styleSourcesPointAtThisServer() throws Exception {
        HttpResponse<byte[]> res = server.get("/styles/boundaries.json");
        assertEquals(200, res.statusCode());
        Map<String, Object> style = new ObjectMapper().readValue(res.body(), Map.class);
        Map<String, Object> regions = (Map<String, Object>) ((Map<String, Object>) style.get("sources")).get("regions");
        String tiles = ((List<String>) regions.get("tiles")).getFirst();
        assertEquals(server.baseUrl() + "/tiles/regions/{z}/{x}/{y}.mvt", tiles);
        assertFalse(new String(res.body()).contains("{base}"));
    }

    @Test
    void forwardedHostAndProtoAreHonoured() throws Exception {
        HttpResponse<String> res = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(server.baseUrl() + "/styles/boundaries.json"))
                .header("X-Forwarded-Proto", "https").header("X-Forwarded-Host", "atlas.example.fr").build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(res.body().contains("\"https://atlas.example.fr/tiles/regions/{z}/{x}/{y}.mvt\""), res.body());
    }

    @Test
    void forgedHostCannotInjectIntoTheStyle() throws Exception {
        HttpResponse<String> res = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(server.baseUrl() + "/styles/boundaries.json"))
                .header("X-Forwarded-Host", "evil\",\"x\":\"").build(), HttpResponse.BodyHandlers.ofString());
        new ObjectMapper().readTree(res.body()); // still valid JSON
        assertTrue(res.body().contains("http://localhost/tiles/regions"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/styles/nope.json", "/styles/%2e%2e", "/styles/BOUNDARIES.json", "/styles/.json"})
    void unknownStylesAnswer404WithTheKnownOnes(String path) throws Exception {
        Map<String, Object> problem = TileServiceTest.problem(server.get(path), 404);
        assertEquals(List.of("boundaries"), problem.get("known"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/styles/..%2Fconfig%2Fapplication.json", "/styles/%2Fetc%2Fpasswd",
        "/styles/../config/application.yaml", "/styles/%2e%2e/%2e%2e/pom.xml"})
    void pathsOutOfTheStylesDirectoryAnswer404(String path) throws Exception {
        HttpResponse<byte[]> res = server.get(path);
        TileServiceTest.problem(res, 404);
        assertFalse(new String(res.body()).contains("atlas:"), "no file content leaks");
    }
}
