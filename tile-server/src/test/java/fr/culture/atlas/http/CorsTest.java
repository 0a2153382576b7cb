package fr.culture.atlas.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import fr.culture.atlas.TestData;
import fr.culture.atlas.config.Settings;
import fr.culture.atlas.store.embedded.EmbeddedStore;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Cross-origin access as a partner page's browser asks for it: the allow-list echoes the
 * allowed origin only, varies by it, and preflights are answered 204 (not 404) with what is
 * allowed, on any path, including problems.
 */
class CorsTest {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final String PARTNER = "https://collectif-objets.beta.gouv.fr";

    @Test
    void everyOriginByDefaultAndPreflightsAnswered() throws Exception {
        try (TestServer server = TestServer.withoutData(Files.createTempDirectory("atlas-cors"))) {
            HttpResponse<byte[]> fonts = send(server, "GET", "/fonts/", PARTNER);
            assertEquals(200, fonts.statusCode());
            assertEquals("*", header(fonts, "access-control-allow-origin"));
            // no data version yet: the 503 problem is readable cross-origin as well
            HttpResponse<byte[]> problem = send(server, "GET", "/api/indicators", PARTNER);
            assertEquals(503, problem.statusCode());
            assertEquals("*", header(problem, "access-control-allow-origin"));
            HttpResponse<byte[]> preflight = send(server, "OPTIONS", "/tiles/regions/5/16/11.mvt", PARTNER,
                    "Access-Control-Request-Method", "GET", "Access-Control-Request-Headers", "if-none-match");
            assertEquals(204, preflight.statusCode());
            assertEquals("GET, HEAD", header(preflight, "access-control-allow-methods"));
            assertEquals("if-none-match", header(preflight, "access-control-allow-headers"));
            assertEquals("86400", header(preflight, "access-control-max-age"));
        }
    }

    @Test
    void anAllowListEchoesTheAllowedOriginOnly(@org.junit.jupiter.api.io.TempDir Path home) throws Exception {
        Settings settings = new Settings(0, "127.0.0.1", TestData.dataDir(), home, Settings.StoreKind.EMBEDDED, null,
                TestData.repo().resolve("widget/dist"), TestData.repo().resolve("styles"), "", 3600, 64L << 20,
                List.of(PARTNER), Settings.Versions.DEFAULT, TestData.configDir(), Settings.Preseed.OFF, java.time.Duration.ZERO, TestData.fontDirs(),
                Settings.Http.DEFAULT, TestData.repo().resolve("content"));
        try (TestServer server = new TestServer(settings, new EmbeddedStore(home, 60_000))) {
            HttpResponse<byte[]> allowed = send(server, "GET", "/fonts/", PARTNER);
            assertEquals(PARTNER, header(allowed, "access-control-allow-origin"));
            assertEquals("Origin", header(allowed, "vary"), "a shared cache keeps one answer per origin");
            HttpResponse<byte[]> other = send(server, "GET", "/fonts/", "https://evil.example");
            assertEquals(200, other.statusCode());
            assertFalse(other.headers().firstValue("access-control-allow-origin").isPresent());
        }
    }

    private static String header(HttpResponse<?> res, String name) {
        return res.headers().firstValue(name).orElse("(none)");
    }

    private static HttpResponse<byte[]> send(TestServer server, String method, String path, String origin,
                                             String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).header("Origin", origin);
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
