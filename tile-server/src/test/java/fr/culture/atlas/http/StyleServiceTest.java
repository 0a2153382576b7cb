package fr.culture.atlas.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import fr.culture.atlas.TestData;
import fr.culture.atlas.config.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StyleServiceTest {

    @RegisterExtension
    static final ServerFixture server = ServerFixture.embedded();

    @Test
    @SuppressWarnings("unchecked")
    void styleSourcesPointAtThisServer() throws Exception {
        HttpResponse<byte[]> res = server.get("/styles/boundaries.json");
        assertEquals(200, res.statusCode());
        Map<String, Object> style = new ObjectMapper().readValue(res.body(), Map.class);
        Map<String, Object> regions = (Map<String, Object>) ((Map<String, Object>) style.get("sources")).get("regions");
        assertEquals(server.baseUrl() + "/tiles/regions.json", regions.get("url"));
        assertFalse(new String(res.body()).contains("{base}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/styles/nope.json", "/styles/%2e%2e", "/styles/BOUNDARIES.json", "/styles/.json"})
    void unknownStylesAnswer404WithTheKnownOnes(String path) throws Exception {
        Map<String, Object> problem = TileServiceTest.problem(server.get(path), 404);
        assertTrue(((List<?>) problem.get("known")).containsAll(List.of("atlas", "boundaries", "choropleth", "dark", "venues")));
    }

    @Test
    @SuppressWarnings("unchecked")
    void anInvalidEditIsRefusedAndTheLastValidVersionKeepsServing(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("mine.json");
        Files.writeString(file, Files.readString(TestData.repo().resolve("styles/atlas.json")));
        Settings base = TestData.settings(TestData.embeddedHome(), Settings.StoreKind.EMBEDDED, null);
        Settings settings = base.withStylesDir(dir);
        try (TestServer own = TestServer.embedded(settings)) {
            assertEquals(200, own.get("/styles/mine.json").statusCode());
            byte[] valid = own.get("/styles/mine.json").body();
            // a typo in a layer type, and a later mtime even on a coarse file system
            Files.writeString(file, Files.readString(file).replaceFirst("\"type\": \"line\"", "\"type\": \"lines\""));
            Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() + 5_000));
            HttpResponse<byte[]> res = own.get("/styles/mine.json");
            assertEquals(200, res.statusCode());
            assertEquals(new String(valid), new String(res.body()), "the last valid version");
            assertTrue(res.headers().firstValue("Warning").orElse("").contains("invalid edit"));
            Map<String, Object> list = new ObjectMapper().readValue(own.get("/styles/").body(), Map.class);
            List<Map<String, Object>> invalid = (List<Map<String, Object>>) list.get("invalid");
            assertEquals("mine", invalid.getFirst().get("id"));
            assertTrue(invalid.getFirst().get("problems").toString().contains("'lines'"), invalid.toString());
            // a new file that was never valid is not served
            Files.writeString(dir.resolve("broken.json"), "{\"version\": 8, \"layers\": [");
            Map<String, Object> problem = TileServiceTest.problem(own.get("/styles/broken.json"), 422);
            assertTrue(problem.get("problems").toString().contains("not JSON"), problem.toString());
        }
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
