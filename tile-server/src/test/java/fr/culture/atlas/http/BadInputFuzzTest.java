package fr.culture.atlas.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input, generated: thousands of URLs built from every endpoint family's templates with
 * slots filled by valid values or hostile ones (traversal in every encoding, huge and odd numbers,
 * Unicode raw and encoded, invalid percent-encodings, control bytes, long strings), sent byte
 * for byte over a socket to a real server. No answer may be a 5xx; every 4xx is an RFC 9457
 * problem with title, status and detail; every answer says {@code nosniff}; no body ever holds
 * a file from outside the served directories.
 *
 * <p>The run is repeatable: the seed is printed, {@code ATLAS_FUZZ_SEED} replays it (or
 * {@code random} draws a new one) and {@code ATLAS_FUZZ_COUNT} sets the number of URLs.
 */
class BadInputFuzzTest {

    private static final long DEFAULT_SEED = 20_261_123L;
    private static final int DEFAULT_COUNT = 5_000;
    private static final String SECRET = "SECRET-OUTSIDE-THE-WIDGET-DIR";
    /** Kept referenced so that the level stays set: 5,000 access-log lines would drown the test output. */
    private static final Logger ACCESS = Logger.getLogger("fr.culture.atlas.access");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static TestServer server;
    private static List<String> indicators;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        Path widget = Files.createDirectories(dir.resolve("widget"));
        Files.writeString(widget.resolve("index.html"), "<!doctype html><title>atlas</title>");
        Files.writeString(widget.resolve("home.js"), "console.log('atlas')");
        Files.writeString(Files.createDirectories(widget.resolve("assets")).resolve("a.css"), "h1 {}");
        Files.writeString(dir.resolve("secret.txt"), SECRET);
        Files.writeString(dir.resolve("secret.json"), "{\"s\":\"" + SECRET + "\"}");
        ACCESS.setLevel(Level.WARNING);
        server = TestServer.embedded(widget);
        String list = RawHttp.get(server.port(), "/api/indicators").text();
        indicators = new ArrayList<>();
        Matcher m = Pattern.compile("\"id\":\"([a-z0-9_]+)\"").matcher(list);
        while (m.find()) {
            indicators.add(m.group(1));
        }
        assertTrue(indicators.size() > 5, list);
    }

    @AfterAll
    static void stop() {
        server.close();
        ACCESS.setLevel(null);
    }

    @Test
    void noServerErrorAndEveryClientErrorIsAProblem() throws Exception {
        String seedText = System.getenv().getOrDefault("ATLAS_FUZZ_SEED", String.valueOf(DEFAULT_SEED));
        long seed = seedText.equals("random") ? System.nanoTime() : Long.parseLong(seedText);
        int count = Integer.parseInt(System.getenv().getOrDefault("ATLAS_FUZZ_COUNT", String.valueOf(DEFAULT_COUNT)));
        System.out.println("BadInputFuzzTest: seed " + seed + " (replay with ATLAS_FUZZ_SEED=" + seed + "), "
                + count + " URLs");
        Generator generator = new Generator(new Random(seed), indicators);
        Map<Integer, Integer> statuses = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            byte[] target = generator.next();
            String shown = show(target);
            RawHttp.Response res;
            try {
                res = RawHttp.get(server.port(), target);
            } catch (Exception e) {
                if (target.length > Server.MAX_REQUEST_LINE - "GET  HTTP/1.1".length()) {
                    // Helidon answers 414 and closes before reading the rest of the request: the unread
                    // bytes make the kernel reset the connection, which may destroy the answer in flight
                    statuses.merge(0, 1, Integer::sum);
                } else {
                    failures.add("#" + i + " " + shown + ": no HTTP answer (" + e.getMessage() + ")");
                }
                continue;
            }
            statuses.merge(res.status(), 1, Integer::sum);
            String problem = check(res);
            if (problem != null) {
                failures.add("#" + i + " " + shown + ": " + problem);
            }
        }
        System.out.printf("BadInputFuzzTest: %d URLs in %d ms, statuses (0: request line too long, reset) %s%n", count,
                (System.nanoTime() - start) / 1_000_000, statuses);
        assertTrue(failures.isEmpty(), failures.size() + " bad answers (seed " + seed + "), first ones:\n  "
                + String.join("\n  ", failures.subList(0, Math.min(25, failures.size()))));
        assertTrue(statuses.keySet().stream().anyMatch(s -> s == 200), "some URLs are valid: " + statuses);
        assertTrue(statuses.keySet().stream().anyMatch(s -> s == 400), "some are refused as bad: " + statuses);
    }

    /** What is wrong with an answer, or null. */
    private static String check(RawHttp.Response res) {
        if (res.status() >= 500) {
            return res.status() + " " + res.text();
        }
        if (!"nosniff".equals(res.headers().get("x-content-type-options"))) {
            return res.status() + " without X-Content-Type-Options: nosniff";
        }
        if (res.text().contains(SECRET)) {
            return "served a file from outside the widget directory";
        }
        if (res.status() < 400) {
            return null;
        }
        String type = res.headers().getOrDefault("content-type", "");
        if (!type.startsWith("application/problem+json")) {
            return res.status() + " as '" + type + "', not application/problem+json: " + res.text();
        }
        try {
            JsonNode body = JSON.readTree(res.body());
            if (!body.path("title").isTextual() || body.path("title").asText().isBlank()
                    || body.path("status").asInt() != res.status()
                    || !body.path("detail").isTextual() || body.path("detail").asText().isBlank()) {
                return res.status() + " problem without title, status or detail: " + res.text();
            }
        } catch (Exception e) {
            return res.status() + " body is not JSON: " + res.text();
        }
        return null;
    }

    /** The target as printable ASCII: bytes outside it as \xNN. */
    private static String show(byte[] target) {
        StringBuilder s = new StringBuilder();
        for (byte b : target) {
            if (b >= 0x21 && b < 0x7f) {
                s.append((char) b);
            } else {
                s.append("\\x").append(HexFormat.of().toHexDigits(b));
            }
        }
        return s.length() > 300 ? s.substring(0, 300) + "…" : s.toString();
    }

    @Test
    void traversalNeverLeavesTheServedDirectories() throws Exception {
        for (String target : List.of("/../secret.txt", "/%2e%2e/secret.txt", "/%2e%2e%2fsecret.txt", "/..%2fsecret.txt",
                "/.%2e/secret.txt", "/%252e%252e/secret.txt", "/..%5csecret.txt", "/..\\secret.txt",
                "/assets/../../secret.txt", "/assets/%2e%2e/%2e%2e/secret.txt", "//" + "tmp/secret.txt",
                "/%2ftmp%2fsecret.txt", "/styles/..%2f..%2fsecret.json", "/styles/%2e%2e%2fsecret.json",
                "/styles/examples/..%2f..%2f..%2fpom.xml", "/styles/%2fetc%2fpasswd", "/styles/..%5cpom.xml",
                "/styles/C:%5cWindows%5cwin.ini", "/styles/examples/%2e%2e", "/%2e%2e/%2e%2e/%2e%2e/etc/passwd")) {
            RawHttp.Response res = RawHttp.get(server.port(), target);
            assertTrue(res.status() >= 300 && res.status() < 500, target + " → " + res.status());
            assertFalse(res.text().contains(SECRET) || res.text().contains("root:") || res.text().contains("<project"),
                    target + " leaked a file");
        }
        assertEquals(200, RawHttp.get(server.port(), "/home.js").status(), "the served files are still served");
    }

    /** Request targets: a family's template with each slot valid or hostile, and a query string likewise. */
    static final class Generator {

        private static final String[] NASTY = {
            "", "..", ".", "%2e%2e", "%2E%2E", ".%2e", "%2e.", "%252e%252e", "..%2f", "%2f", "%2F", "%5c", "\\", "..\\..",
            "%00", "%", "%%", "%zz", "%c3%28", "%ff%fe", "%e2%82", "%C0%AE%C0%AE", "é", "%C3%A9", "日本", "😀",
            "%F0%9F%98%80", "\u0001", "\u007f", "\u0085", "\u2028", "\ufeff", "0", "-0", "-1", "+1", "1.5", "1e3",
            "1e309", "NaN", "Infinity", "-Infinity", "0x10", "00000000000000000001", "2147483647", "2147483648",
            "-2147483649", "9223372036854775807", "9223372036854775808", "99999999999999999999999999999999",
            "null", "undefined", "true", "[]", "{}", "'", "\"", "<script>alert(1)</script>", "' OR '1'='1",
            "1;DROP TABLE x", "$(id)", "${jndi:ldap://x}", "*", "?", "#", "&", "=", ";", ",", ",,,", "a,", ",a",
            "~", "|", "^", "`", "{base}", "{z}", "CON", "C:", "/etc/passwd", "json", ".json", "x.json", ".mvt",
            "a.b.c", "regions.json.json",
        };
        private static final String[] PARAMS = {"level", "indicators", "method", "classes", "palette", "format",
            "separator", "q", "limit", "f", "z", "callback", "token", ""};
        private static final String[] LEVELS = {"region", "departement", "epci", "commune"};
        private static final String[] BOUNDARIES = {"regions", "departements", "epci", "communes", "equipements"};
        private static final String[] TEMPLATES = {
            "/tiles/{tileset}/{z}/{x}/{y}.{fmt}", "/tiles/{tileset}.json", "/tiles/{tileset}", "/tiles/{any}/{any}",
            "/tiles/{tileset}/{z}/{x}/{y}.{fmt}/{any}",
            "/ogc", "/ogc/{any}", "/ogc/conformance", "/ogc/tileMatrixSets/{tms}", "/ogc/collections",
            "/ogc/collections/{tileset}", "/ogc/collections/{tileset}/tiles", "/ogc/collections/{tileset}/tiles/{tms}",
            "/ogc/collections/{tileset}/tiles/{tms}/{z}/{y}/{x}", "/ogc/collections/{tileset}/{any}/{any}",
            "/styles/", "/styles/{style}.json", "/styles/{any}", "/styles/examples/{any}.json",
            "/styles/choropleth/{indicator}.json", "/styles/choropleth/{any}",
            "/api/indicators", "/api/indicators/{indicator}", "/api/indicators/{indicator}/values",
            "/api/indicators/{indicator}/breaks", "/api/indicators/{indicator}/{any}", "/api/{any}",
            "/api/territories/search", "/api/territories/{level}/{code}", "/api/territories/{any}/{any}/{any}",
            "/observe/health", "/observe/health/{any}", "/observe/metrics", "/observe/{any}",
            "/", "/index.html", "/home.js", "/{any}", "/assets/{any}", "/{any}/{any}/{any}", "{any}",
        };

        private final Random random;
        private final List<String> indicators;

        Generator(Random random, List<String> indicators) {
            this.random = random;
            this.indicators = indicators;
        }

        byte[] next() {
            String template = pick(TEMPLATES);
            StringBuilder path = new StringBuilder();
            Matcher m = Pattern.compile("\\{(\\w+)}").matcher(template);
            int last = 0;
            while (m.find()) {
                path.append(template, last, m.start());
                path.append(random.nextInt(10) < 6 ? valid(m.group(1)) : nasty());
                last = m.end();
            }
            path.append(template.substring(last));
            if (random.nextInt(10) < 6) {
                path.append('?').append(query());
            }
            if (random.nextInt(50) == 0) {
                path.append("#").append(nasty());
            }
            byte[] bytes = path.toString().getBytes(StandardCharsets.UTF_8);
            // bytes that end the request line or split it are not in any URL: percent-encode them
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (byte b : bytes) {
                if (b == ' ' || b == '\r' || b == '\n' || b == '\t') {
                    out.writeBytes(String.format("%%%02X", b).getBytes(StandardCharsets.US_ASCII));
                } else {
                    out.write(b);
                }
            }
            return out.toByteArray();
        }

        private String query() {
            StringBuilder q = new StringBuilder();
            int n = random.nextInt(4);
            for (int i = 0; i <= n; i++) {
                if (i > 0) {
                    q.append(random.nextInt(10) == 0 ? "&&" : "&");
                }
                String key = random.nextInt(8) == 0 ? nasty() : pick(PARAMS);
                q.append(key);
                if (random.nextInt(10) > 0) {
                    q.append('=').append(random.nextInt(10) < 5 ? validParam(key) : nasty());
                }
            }
            return q.toString();
        }

        private String validParam(String key) {
            return switch (key) {
                case "level" -> pick(LEVELS);
                case "indicators" -> indicator() + (random.nextBoolean() ? "," + indicator() : "");
                case "method" -> pick(new String[] {"quantile", "jenks", "equal"});
                case "classes" -> String.valueOf(random.nextInt(12));
                case "palette" -> pick(new String[] {"YlGnBu", "Blues", "RdBu", "Set2"});
                case "format" -> pick(new String[] {"json", "csv", "geojson"});
                case "separator" -> pick(new String[] {",", ";", "%3B", "%09"});
                case "q" -> pick(new String[] {"par", "Saint", "é", "75", "a"});
                default -> String.valueOf(random.nextInt(100));
            };
        }

        private String valid(String slot) {
            return switch (slot) {
                case "tileset" -> random.nextBoolean() ? pick(BOUNDARIES) : indicator();
                case "indicator" -> indicator();
                // small zooms render large tiles: keep valid ones cheap, hostile numbers come from nasty()
                case "z" -> String.valueOf(random.nextInt(8));
                case "x", "y" -> String.valueOf(random.nextInt(4));
                case "fmt" -> pick(new String[] {"mvt", "pbf", "png", "json"});
                case "tms" -> random.nextInt(4) > 0 ? "WebMercatorQuad" : "WorldCRS84Quad";
                case "style" -> pick(new String[] {"atlas", "dark", "boundaries", "venues", "choropleth", "examples"});
                case "level" -> pick(LEVELS);
                case "code" -> pick(new String[] {"75", "11", "75056", "2A", "200054781", "97411", "00000"});
                default -> long_();
            };
        }

        private String indicator() {
            return indicators.get(random.nextInt(indicators.size()));
        }

        private String nasty() {
            return switch (random.nextInt(12)) {
                case 0 -> long_();
                case 1 -> nasty1() + nasty1();
                default -> nasty1();
            };
        }

        private String nasty1() {
            return pick(NASTY);
        }

        /** Up to 1,500 characters of one kind: letters, digits, encoded dots, or Unicode. */
        private String long_() {
            String unit = pick(new String[] {"a", "9", "%2e", "../", "é", "%", "-"});
            return unit.repeat(1 + random.nextInt(1_500 / unit.length()));
        }

        private String pick(String[] values) {
            return values[random.nextInt(values.length)];
        }
    }
}
