package fr.culture.atlas.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.OpenApi31;
import fr.culture.atlas.TestData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The served OpenAPI document tells the truth about the real server, so that it cannot drift
 * silently: every documented GET, called with its parameters' examples, answers its first
 * documented success status with a documented media type, and a JSON body holds what the
 * documented schema requires (required members, types, enums, constants, through $ref, allOf,
 * items and additionalProperties); a nonsense value in any path parameter answers one of the
 * operation's documented 4xx with a body of the documented problem schema. (That the document is
 * valid OpenAPI 3.1 is checked by a real validator in widget/test/openapi.test.mjs.)
 */
class OpenApiTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String NONSENSE = "zz-inconnu";

    /** Where the validator finds the served document, for the {@code $ref}s of its schemas. */
    private static final String DOCUMENT = "https://atlas.test/openapi.json";

    private static TestServer server;
    private static JsonNode document;
    private static SchemaRegistry registry;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.embedded();
        HttpResponse<byte[]> res = server.get("/openapi.json");
        assertEquals(200, res.statusCode());
        document = MAPPER.readTree(res.body());
        String text = new String(res.body(), StandardCharsets.UTF_8);
        registry = SchemaRegistry.withDefaultDialect(OpenApi31.getInstance(), b -> b.schemas(Map.of(DOCUMENT, text)));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void documentIsServedAsOpenApi31WithThisServersUrl() throws Exception {
        HttpResponse<byte[]> res = server.get("/openapi.json");
        assertEquals("application/vnd.oai.openapi+json;version=3.1", res.headers().firstValue("content-type").orElseThrow());
        assertEquals("3.1.0", document.path("openapi").asText());
        assertEquals(server.baseUrl(), document.path("servers").path(0).path("url").asText());
        assertEquals(1, document.path("servers").size());
    }

    @Test
    void everyServiceOfTheRoutingTableIsDocumented() {
        // one documented path at least under each prefix registered in Server.routing
        List<String> paths = new ArrayList<>();
        document.path("paths").fieldNames().forEachRemaining(paths::add);
        for (String prefix : List.of("/tiles/", "/ogc", "/styles", "/api/indicators", "/api/territories/", "/portrait/", "/fonts",
                "/openapi.json", "/observe/metrics", "/observe/health")) {
            assertTrue(paths.stream().anyMatch(p -> p.startsWith(prefix)), prefix + " in " + paths);
        }
    }

    @TestFactory
    Stream<DynamicTest> everyDocumentedOperationAnswersAsDocumented() {
        return operations().entrySet().stream().map(e -> DynamicTest.dynamicTest("GET " + e.getKey(), () -> {
            JsonNode operation = e.getValue();
            String url = url(e.getKey(), operation, null);
            String expected = successStatus(operation);
            if ((e.getKey().equals("/") || e.getKey().startsWith("/sprites/"))
                    && !Files.isDirectory(TestData.repo().resolve("widget/dist"))) {
                // the Java tests run before the widget is built; then the homepage and the sprites (built
                // with it) answer their documented 404
                expected = "404";
            }
            HttpResponse<byte[]> res = server.get(url);
            assertEquals(expected, Integer.toString(res.statusCode()),
                    url + ": " + new String(res.body(), StandardCharsets.UTF_8));
            checkBody(operation, expected, res, url);
        }));
    }

    @TestFactory
    Stream<DynamicTest> nonsenseInAnyPathParameterAnswersADocumentedProblem() {
        List<DynamicTest> tests = new ArrayList<>();
        operations().forEach((path, operation) -> {
            for (JsonNode parameter : parameters(operation)) {
                if (parameter.path("in").asText().equals("path")) {
                    String name = parameter.path("name").asText();
                    tests.add(DynamicTest.dynamicTest("GET " + path + " with " + name + "=" + NONSENSE, () -> {
                        String url = url(path, operation, name);
                        HttpResponse<byte[]> res = server.get(url);
                        String status = Integer.toString(res.statusCode());
                        assertTrue(status.startsWith("4"), url + " answers " + status);
                        assertTrue(operation.path("responses").has(status), url + ": " + status + " is not documented");
                        checkBody(operation, status, res, url);
                    }));
                }
            }
        });
        assertFalse(tests.isEmpty());
        return tests.stream();
    }

    @Test
    void theSchemaCheckRefusesWhatDoesNotMatch() throws Exception {
        // guards against a check that accepts anything
        JsonNode problem = document.at("/components/schemas/Problem");
        List<String> errors = errors(problem,
                MAPPER.readTree("{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":\"404\"}"));
        assertEquals(3, errors.size(), errors.toString()); // status not an integer, detail and instance missing
        errors = errors(document.at("/components/schemas/France/properties/level"), MAPPER.readTree("\"region\""));
        assertEquals(1, errors.size(), errors.toString());
        // a $ref into the document is followed
        assertEquals(1, errors(MAPPER.readTree("{\"$ref\":\"#/components/schemas/Problem\"}"),
                MAPPER.readTree("[]")).size());
    }

    /** Every GET of the document by path, in path order. */
    private static Map<String, JsonNode> operations() {
        Map<String, JsonNode> operations = new TreeMap<>();
        document.path("paths").fields().forEachRemaining(e -> {
            assertEquals(List.of("get"), names(e.getValue()), e.getKey() + ": only GET is served");
            operations.put(e.getKey(), e.getValue().path("get"));
        });
        assertTrue(operations.size() > 20, operations.keySet().toString());
        return operations;
    }

    /** The URL of a path with its parameters' examples (required query ones too), one path parameter set to nonsense. */
    private static String url(String path, JsonNode operation, String nonsense) {
        String url = path;
        List<String> query = new ArrayList<>();
        for (JsonNode parameter : parameters(operation)) {
            String name = parameter.path("name").asText();
            boolean inPath = parameter.path("in").asText().equals("path");
            if (!inPath && !parameter.path("required").asBoolean()) {
                continue;
            }
            JsonNode example = parameter.get("example");
            assertNotNull(example, path + ": parameter " + name + " needs an example");
            String value = name.equals(nonsense) ? NONSENSE : example.asText();
            String encoded = URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
            if (inPath) {
                url = url.replace("{" + name + "}", encoded);
            } else {
                query.add(name + "=" + encoded);
            }
        }
        assertFalse(url.contains("{"), url + ": every path parameter is declared");
        return query.isEmpty() ? url : url + "?" + String.join("&", query);
    }

    private static List<JsonNode> parameters(JsonNode operation) {
        List<JsonNode> out = new ArrayList<>();
        operation.path("parameters").forEach(p -> out.add(resolve(p)));
        return out;
    }

    private static String successStatus(JsonNode operation) {
        return names(operation.path("responses")).stream().filter(s -> s.startsWith("2")).sorted().findFirst()
                .orElseThrow(() -> new AssertionError("no 2xx response documented"));
    }

    /** The response's media type is one documented for the status; a JSON body matches the documented schema. */
    private static void checkBody(JsonNode operation, String status, HttpResponse<byte[]> res, String url)
            throws IOException {
        JsonNode content = resolve(operation.path("responses").path(status)).path("content");
        if (content.isMissingNode()) {
            assertEquals(0, res.body().length, url + ": no body documented");
            return;
        }
        String actual = res.headers().firstValue("content-type").orElse("").replace(" ", "").toLowerCase(Locale.ROOT);
        String mediaType = names(content).stream()
                .filter(m -> actual.equals(m.toLowerCase(Locale.ROOT)) || actual.startsWith(m.toLowerCase(Locale.ROOT) + ";"))
                .findFirst()
                .orElseThrow(() -> new AssertionError(url + " answers " + actual + "; documented: " + names(content)));
        if (mediaType.contains("json")) {
            assertEquals(List.of(), errors(content.path(mediaType).path("schema"), MAPPER.readTree(res.body())),
                    url + " does not match its documented schema");
        }
    }

    /**
     * What differs between a value and a schema of the document, by the networknt validator in the
     * OpenAPI 3.1 dialect; the schema's {@code $ref}s resolve in the served document.
     */
    static List<String> errors(JsonNode schema, JsonNode value) {
        Schema compiled = registry.getSchema(SchemaLocation.of(DOCUMENT + "#/checked"), absoluteRefs(schema.deepCopy()));
        return compiled.validate(value).stream().map(e -> e.getInstanceLocation() + ": " + e.getMessage()).toList();
    }

    /** A schema taken out of the document, its local {@code $ref}s pointing into the document. */
    private static JsonNode absoluteRefs(JsonNode node) {
        if (node instanceof ObjectNode object && object.path("$ref").asText().startsWith("#")) {
            object.put("$ref", DOCUMENT + object.get("$ref").asText());
        }
        node.forEach(OpenApiTest::absoluteRefs);
        return node;
    }

    /** Follows a local $ref ("#/components/…"). */
    private static JsonNode resolve(JsonNode node) {
        while (node.has("$ref")) {
            String ref = node.get("$ref").asText();
            assertTrue(ref.startsWith("#/"), ref);
            node = document.at(ref.substring(1));
            assertFalse(node.isMissingNode(), ref + " resolves");
        }
        return node;
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
