package fr.culture.atlas.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

import fr.culture.atlas.TestData;
import fr.culture.atlas.config.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * HTTP as proxies and CDNs expect it, byte for byte on raw sockets (issue 14): HEAD without a
 * body, 405 with Allow, HTTP/1.0 answered, a client that stalls cut off, no client-chosen host in
 * a cacheable document, text answers compressed and varying by coding only.
 */
class HttpProtocolTest {

    @RegisterExtension
    static final ServerFixture server = ServerFixture.embedded();

    /** Helidon may keep a socket open after "Connection: close": the answer is complete after this silence. */
    private static final int QUIET = 1500;
    private static final Pattern CONTENT_LENGTH = Pattern.compile("(?im)^content-length: *(\\d+)");

    private static String head(String path) {
        return "HEAD " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    }

    private static final String THEN_CLOSE = "GET /observe/health/live HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";

    @ParameterizedTest
    @ValueSource(strings = {"/api/indicators/population", "/tiles/regions/5/16/11.mvt", "/tiles/population.json",
            "/styles/boundaries.json", "/fonts/Noto%20Sans%20Regular/0-255.pbf", "/ogc/collections",
            "/openapi.json", "/api/territories/departement/69", "/nope", "/tiles/nope/1/0/0.mvt",
            "/tiles/communes/5/16/11.mvt"})
    void headAnswersTheHeadersOfGetWithoutABody(String path) throws Exception {
        String get = RawHttp.exchange(server.port(), "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", QUIET);
        // a HEAD then a GET on the same connection: the second answer starts right after the first's head
        String both = RawHttp.exchange(server.port(), head(path) + THEN_CLOSE, QUIET);
        int end = both.indexOf("\r\n\r\n") + 4;
        String headAnswer = both.substring(0, end);
        assertTrue(both.startsWith("HTTP/1.1 200", end), path + ": a body followed the HEAD answer: " + both);
        assertEquals(get.substring(0, 12), headAnswer.substring(0, 12), path + ": same status");
        Matcher getLength = CONTENT_LENGTH.matcher(get);
        Matcher headLength = CONTENT_LENGTH.matcher(headAnswer);
        assertTrue(getLength.find() && headLength.find(), path + ": Content-Length on both:\n" + get.substring(0,
                get.indexOf("\r\n\r\n")) + "\n" + headAnswer);
        assertEquals(getLength.group(1), headLength.group(1), path + ": HEAD says how long the GET body is");
        for (String name : List.of("content-type", "cache-control", "etag")) {
            assertEquals(header(get, name), header(headAnswer, name), path + ": same " + name);
        }
    }

    /**
     * A body from 64 KB is written from the tile's own array ({@link HttpCaching#sendBytes}):
     * exactly Content-Length bytes, raw or gzipped, and the connection then serves the next request.
     */
    @Test
    void aLargeTileIsItsLengthExactlyAndTheConnectionGoesOn() throws Exception {
        String path = "/tiles/communes/5/16/11.mvt";
        for (String coding : List.of("", "Accept-Encoding: gzip\r\n")) {
            String both = RawHttp.exchange(server.port(), "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + coding
                    + "\r\n" + THEN_CLOSE, QUIET);
            int head = both.indexOf("\r\n\r\n") + 4;
            Matcher length = CONTENT_LENGTH.matcher(both.substring(0, head));
            assertTrue(length.find(), both.substring(0, head));
            int n = Integer.parseInt(length.group(1));
            assertTrue(n >= HttpCaching.WRITE_IN_PLACE_FROM, coding + n + " bytes: not the in-place path");
            assertTrue(both.startsWith("HTTP/1.1 200", head + n), coding + "the next answer starts right after the body");
        }
    }

    @Test
    void headOfAGzippedAnswerSaysTheGzipLength() throws Exception {
        String path = "/api/indicators/population/values?level=departement";
        String request = " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept-Encoding: gzip\r\n";
        String get = RawHttp.exchange(server.port(), "GET" + request + "Connection: close\r\n\r\n", QUIET);
        String both = RawHttp.exchange(server.port(), "HEAD" + request + "\r\n" + THEN_CLOSE, QUIET);
        String headAnswer = both.substring(0, both.indexOf("\r\n\r\n") + 4);
        assertTrue(both.startsWith("HTTP/1.1 200", headAnswer.length()), both);
        assertEquals("gzip", header(get, "content-encoding"));
        for (String name : List.of("content-length", "content-encoding", "vary", "content-type")) {
            assertEquals(header(get, name), header(headAnswer, name), name);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"PUT", "DELETE", "POST", "TRACE", "PATCH"})
    void otherMethodsAre405WithAllow(String method) throws Exception {
        String answer = RawHttp.exchange(server.port(), method + " /tiles/regions/5/16/11.mvt HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Length: 0\r\nConnection: close\r\n\r\n", QUIET);
        assertTrue(answer.startsWith("HTTP/1.1 405"), answer);
        assertEquals(Server.ALLOW, header(answer, "allow"));
    }

    @Test
    void aPlainOptionsSaysWhatIsAllowed() throws Exception {
        String answer = RawHttp.exchange(server.port(), "OPTIONS /api/indicators HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Connection: close\r\n\r\n", QUIET);
        assertTrue(answer.startsWith("HTTP/1.1 204"), answer);
        assertEquals(Server.ALLOW, header(answer, "allow"));
    }

    @Test
    void http10GetsAClear505() throws Exception {
        // nginx's proxy_pass and HAProxy's httpchk speak HTTP/1.0 by default: the operator learns what to set
        String answer = RawHttp.exchange(server.port(), "GET /observe/health/ready HTTP/1.0\r\n\r\n", QUIET);
        assertTrue(answer.startsWith("HTTP/1.1 505"), "no answer to HTTP/1.0: '" + answer + "'");
        assertTrue(answer.contains("proxy_http_version 1.1"), answer);
    }

    @Test
    void aClientThatStallsInItsHeadersIsCutOff() throws Exception {
        Settings settings = withHttp(new Settings.Http(List.of(), 1));
        try (TestServer stalling = TestServer.embedded(settings)) {
            long start = System.nanoTime();
            String answer = RawHttp.exchange(stalling.port(), "GET /api/indicators HTTP/1.1\r\nHost: 127.0.0", 15_000);
            long seconds = (System.nanoTime() - start) / 1_000_000_000;
            assertTrue(seconds < 10, "the connection stayed open " + seconds + " s");
            assertFalse(answer.startsWith("HTTP/1.1 200"), answer);
        }
    }

    @Test
    void aForgedHostNeverReachesASharedCache() throws Exception {
        for (String[] forged : new String[][] {{"Host", "evil.example"}, {"X-Forwarded-Host", "evil.example"},
                {"Forwarded", "host=evil.example;proto=https"}, {"X-Forwarded-Proto", "evil.example"}}) {
            String answer = RawHttp.exchange(server.port(), "GET /tiles/population.json HTTP/1.1\r\n"
                    + (forged[0].equals("Host") ? "" : "Host: 127.0.0.1\r\n") + forged[0] + ": " + forged[1]
                    + "\r\nConnection: close\r\n\r\n", QUIET);
            assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
            String cacheControl = header(answer, "cache-control");
            assertTrue(cacheControl.startsWith("private"), forged[0] + ": " + cacheControl);
            // forwarded headers come from trusted proxies only: none is configured
            assertEquals(forged[0].equals("Host"), answer.contains("evil.example"), forged[0]);
        }
    }

    @Test
    void permutedOrRepeatedIndicatorListsAreOneCacheEntry() throws Exception {
        String tile = "/tiles/population/7/64/44.mvt?level=departement&indicators=";
        HttpResponse<byte[]> first = server.get(tile + "niveau_vie_median,grille_densite");
        HttpResponse<byte[]> permuted = server.get(tile + "grille_densite,niveau_vie_median,grille_densite,population");
        assertEquals(200, first.statusCode());
        assertEquals("miss", first.headers().firstValue("x-atlas-cache").orElse(""));
        assertEquals("hit", permuted.headers().firstValue("x-atlas-cache").orElse(""), "the same tile, not a new key");
        assertEquals(first.headers().firstValue("etag"), permuted.headers().firstValue("etag"));
    }

    @Test
    void forwardedHeadersOfATrustedProxyAreHonoured() throws Exception {
        Settings settings = withHttp(new Settings.Http(List.of("127.0.0.1"), 20));
        try (TestServer proxied = TestServer.embedded(settings)) {
            HttpResponse<String> res = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(proxied.baseUrl() + "/styles/boundaries.json"))
                    .header("X-Forwarded-Proto", "https").header("X-Forwarded-Host", "atlas.example.fr").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertTrue(res.body().contains("\"https://atlas.example.fr/tiles/regions.json\""), res.body());
            HttpResponse<String> forwarded = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(proxied.baseUrl() + "/tiles/regions.json"))
                    .header("Forwarded", "for=192.0.2.60;proto=https;host=\"atlas.culture.gouv.fr\"").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertTrue(forwarded.body().contains("https://atlas.culture.gouv.fr/tiles/regions/{z}"), forwarded.body());
            // still a client's word as far as caches go: no public URL is configured
            assertTrue(forwarded.headers().firstValue("cache-control").orElse("").startsWith("private"));
            HttpResponse<String> forged = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(proxied.baseUrl() + "/styles/boundaries.json"))
                    .header("X-Forwarded-Host", "evil\",\"x\":\"").build(), HttpResponse.BodyHandlers.ofString());
            new com.fasterxml.jackson.databind.ObjectMapper().readTree(forged.body()); // still valid JSON
            assertTrue(forged.body().contains("http://localhost/tiles/regions"));
        }
    }

    @Test
    void textIsGzippedForClientsThatAcceptItAndTilesVaryByCodingOnly() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        String values = "/api/indicators/population/values?level=commune";
        HttpResponse<byte[]> plain = client.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + values)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<byte[]> gzipped = client.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + values))
                .header("Accept-Encoding", "br, gzip").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals("gzip", gzipped.headers().firstValue("content-encoding").orElse(""));
        assertEquals("Accept-Encoding", gzipped.headers().firstValue("vary").orElse(""));
        assertTrue(gzipped.body().length * 4 < plain.body().length, gzipped.body().length + " of " + plain.body().length);
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped.body()))) {
            assertEquals(new String(plain.body()), new String(in.readAllBytes()));
        }
        assertFalse(plain.headers().firstValue("content-encoding").isPresent());
        HttpResponse<byte[]> tile = client.send(HttpRequest.newBuilder(URI.create(server.baseUrl()
                + "/tiles/regions/5/16/11.mvt")).build(), HttpResponse.BodyHandlers.ofByteArray());
        // CORS is the constant "*": an answer per Origin would split a CDN's copies for nothing
        assertEquals(List.of("Accept-Encoding"), tile.headers().allValues("vary"));
    }

    private static Settings withHttp(Settings.Http http) throws IOException {
        Settings s = TestData.settings(TestData.embeddedHome(), Settings.StoreKind.EMBEDDED, null);
        return new Settings(s.port(), s.host(), s.dataDir(), s.home(), s.store(), s.db(), s.widgetDir(), s.stylesDir(),
                s.publicUrl(), s.tileMaxAge(), s.cacheBytes(), s.corsOrigins(), s.versions(), s.configDir(),
                s.preseed(), s.warmup(), s.fontDirs(), http, s.contentDir());
    }

    /** A header of a raw answer (first value, name case-insensitive), or "". */
    private static String header(String answer, String name) {
        Matcher m = Pattern.compile("(?im)^" + Pattern.quote(name) + ": *([^\\r\\n]*)").matcher(
                answer.substring(0, Math.max(0, answer.indexOf("\r\n\r\n"))));
        return m.find() ? m.group(1) : "";
    }
}
