package fr.culture.atlas.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import fr.culture.atlas.TestData;
import fr.culture.atlas.config.Settings;
import fr.culture.atlas.store.embedded.EmbeddedStore;
import fr.culture.atlas.tile.Tile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built widget as a browser and a CDN get it: the precompressed form the client accepts,
 * varying by coding, a year for hashed names and five minutes for the others, 304 on a known
 * ETag, nothing outside the directory nor the compressed files by their own name, and a hash of
 * the previous release redirected to the current file.
 */
class StaticFilesTest {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final byte[] SCRIPT = "console.log('atlas');\n".repeat(100).getBytes(StandardCharsets.UTF_8);

    @Test
    void theAcceptedFormWithItsCachingHeaders(@TempDir Path home, @TempDir Path dist) throws Exception {
        Files.writeString(dist.resolve("index.html"), "<!doctype html><title>Atlas</title>");
        Files.write(dist.resolve("app.js"), SCRIPT);
        Files.write(dist.resolve("app.js.gz"), Tile.compress(SCRIPT));
        Files.write(dist.resolve("app.js.br"), new byte[] {1, 2, 3}); // the server never reads inside it
        Files.write(dist.resolve("lib-AB12CD34.js"), SCRIPT);
        Files.createDirectories(dist.resolve("widget"));
        Files.write(dist.resolve("widget/atlas-maplib-AB12CD34.js"), SCRIPT);
        Files.createDirectories(dist.resolve("embed"));
        Files.writeString(dist.resolve("embed/index.html"), "<!doctype html><title>Embed</title>");
        Files.writeString(home.resolve(".secret"), "no");
        Settings settings = TestData.settings(home, Settings.StoreKind.EMBEDDED, null, dist);
        try (TestServer server = new TestServer(settings, new EmbeddedStore(home, 60_000))) {
            HttpResponse<byte[]> br = get(server, "/app.js", "Accept-Encoding", "gzip, deflate, br");
            assertEquals("br", br.headers().firstValue("content-encoding").orElse(""));
            assertArrayEquals(new byte[] {1, 2, 3}, br.body());
            assertEquals("text/javascript; charset=UTF-8", br.headers().firstValue("content-type").orElse(""));
            assertEquals("Accept-Encoding", br.headers().firstValue("vary").orElse(""));
            assertEquals("public, max-age=300", br.headers().firstValue("cache-control").orElse(""));

            HttpResponse<byte[]> gzip = get(server, "/app.js", "Accept-Encoding", "gzip");
            assertEquals("gzip", gzip.headers().firstValue("content-encoding").orElse(""));
            HttpResponse<byte[]> plain = get(server, "/app.js");
            assertFalse(plain.headers().firstValue("content-encoding").isPresent());
            assertArrayEquals(SCRIPT, plain.body());
            // each form its own strong ETag, and 304 for the one the client has
            String etag = gzip.headers().firstValue("etag").orElseThrow();
            assertFalse(etag.equals(plain.headers().firstValue("etag").orElseThrow()));
            assertEquals(304, get(server, "/app.js", "Accept-Encoding", "gzip", "If-None-Match", etag).statusCode());

            HttpResponse<byte[]> hashed = get(server, "/lib-AB12CD34.js");
            assertEquals("public, max-age=31536000, immutable", hashed.headers().firstValue("cache-control").orElse(""));
            assertFalse(hashed.headers().firstValue("vary").isPresent(), "no compressed form, nothing varies");
            // a page of the previous release asks for a hash this one does not have (a rolling
            // update): redirected to the current file, and nobody keeps the redirect
            HttpResponse<byte[]> previous = get(server, "/widget/atlas-maplib-ZZ99YY88.js");
            assertEquals(302, previous.statusCode());
            assertEquals("/widget/atlas-maplib-AB12CD34.js", previous.headers().firstValue("location").orElse(""));
            assertEquals("no-store", previous.headers().firstValue("cache-control").orElse(""));
            // another name, another directory (the homepage's script must match its page) or no hash: still 404
            for (String path : new String[] {"/widget/other-ZZ99YY88.js", "/widget/atlas-maplib-ZZ99YY88.css",
                    "/lib-ZZ99YY88.js", "/embed/lib-ZZ99YY88.js", "/widget/atlas-maplib.js"}) {
                assertEquals(404, get(server, path).statusCode(), path);
            }

            assertTrue(new String(get(server, "/").body()).contains("<title>Atlas"));
            HttpResponse<byte[]> embed = get(server, "/embed?x=1");
            assertEquals(301, embed.statusCode());
            assertEquals("/embed/?x=1", embed.headers().firstValue("location").orElse(""));
            assertTrue(new String(get(server, "/embed/").body()).contains("<title>Embed"));
            for (String path : new String[] {"/app.js.br", "/app.js.gz", "/../" + home.getFileName() + "/.secret",
                    "/%2e%2e/etc/passwd", "/nope.js"}) {
                assertEquals(404, get(server, path).statusCode(), path);
            }
            // an absolute path as it reaches the server byte for byte stays inside the directory
            assertEquals(404, RawHttp.get(server.port(), "//etc/passwd").status());
            assertEquals(404, RawHttp.get(server.port(), "/" + home.toAbsolutePath() + "/.secret").status());

        }
        // a release that changes a file but neither its size nor its time (an image gives every
        // file the same time): the new server's ETag differs, a client's copy is not kept
        String before = getThenClose(new TestServer(settings, new EmbeddedStore(home, 60_000)), "/app.js")
                .headers().firstValue("etag").orElseThrow();
        var time = Files.getLastModifiedTime(dist.resolve("app.js"));
        Files.write(dist.resolve("app.js"), new String(SCRIPT, StandardCharsets.UTF_8).replace("atlas", "ATLAS")
                .getBytes(StandardCharsets.UTF_8));
        Files.setLastModifiedTime(dist.resolve("app.js"), time);
        try (TestServer server = new TestServer(settings, new EmbeddedStore(home, 60_000))) {
            HttpResponse<byte[]> changed = get(server, "/app.js", "If-None-Match", before);
            assertEquals(200, changed.statusCode(), "a changed file is not 304");
            assertFalse(before.equals(changed.headers().firstValue("etag").orElseThrow()));
        }
    }

    /** A GET on a server, then closed. */
    private static HttpResponse<byte[]> getThenClose(TestServer server, String path) throws Exception {
        try (server) {
            return get(server, path);
        }
    }

    private static HttpResponse<byte[]> get(TestServer server, String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUrl() + path));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
