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
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

    private static TestServer server;
    private static JsonNode document;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.embedded();
        HttpResponse<byte[]> res = server.get("/openapi.json");
        assertEquals(200, res.statusCode());
        document = MAPPER.readTree(res.body());
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
        for (String prefix : List.of("/tiles/", "/ogc", "/styles", "/api/indicators", "/api/territories/", "/fonts",
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
            if (e.getKey().equals("/") && !Files.isDirectory(TestData.repo().resolve("widget/dist"))) {
                // the Java tests run before the widget is built; then the homepage answers its documented 404
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
        List<String> errors = new ArrayList<>();
        check(problem, MAPPER.readTree("{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":\"404\"}"), "$", errors);
        assertEquals(3, errors.size(), errors.toString()); // status not an integer, detail and instance missing
        errors.clear();
        check(document.at("/components/schemas/France/properties/level"), MAPPER.readTree("\"region\""), "$", errors);
        assertEquals(1, errors.size(), errors.toString());
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
            List<String> errors = new ArrayList<>();
            check(content.path(mediaType).path("schema"), MAPPER.readTree(res.body()), "$", errors);
            assertEquals(List.of(), errors, url + " does not match its documented schema");
        }
    }

    /** Checks a value against the subset of JSON Schema the document uses; adds what differs to errors. */
    static void check(JsonNode schema, JsonNode value, String at, List<String> errors) {
        schema = resolve(schema);
        for (JsonNode part : schema.path("allOf")) {
            check(part, value, at, errors);
        }
        if (schema.has("const") && !schema.get("const").equals(value)) {
            errors.add(at + ": " + value + " is not " + schema.get("const"));
        }
        if (schema.has("enum") && !contains(schema.get("enum"), value)) {
            errors.add(at + ": " + value + " is not one of " + schema.get("enum"));
        }
        JsonNode type = schema.get("type");
        if (type != null) {
            List<String> types = new ArrayList<>();
            if (type.isArray()) {
                type.forEach(t -> types.add(t.asText()));
            } else {
                types.add(type.asText());
            }
            if (types.stream().noneMatch(t -> hasType(value, t))) {
                errors.add(at + ": " + abbreviate(value) + " is not of type " + types);
                return;
            }
        }
        if (value.isObject()) {
            for (JsonNode required : schema.path("required")) {
                if (!value.has(required.asText())) {
                    errors.add(at + ": required member '" + required.asText() + "' is missing");
                }
            }
            JsonNode properties = schema.path("properties");
            JsonNode additional = schema.get("additionalProperties");
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> member = it.next();
                if (properties.has(member.getKey())) {
                    check(properties.get(member.getKey()), member.getValue(), at + "." + member.getKey(), errors);
                } else if (additional != null && additional.isObject()) {
                    check(additional, member.getValue(), at + "." + member.getKey(), errors);
                }
            }
        }
        if (value.isArray()) {
            if (schema.has("minItems") && value.size() < schema.get("minItems").asInt()) {
                errors.add(at + ": fewer than " + schema.get("minItems") + " items");
            }
            if (schema.has("maxItems") && value.size() > schema.get("maxItems").asInt()) {
                errors.add(at + ": more than " + schema.get("maxItems") + " items");
            }
            if (schema.has("items")) {
                for (int i = 0; i < value.size(); i++) {
                    check(schema.get("items"), value.get(i), at + "[" + i + "]", errors);
                }
            }
        }
    }

    private static boolean hasType(JsonNode value, String type) {
        return switch (type) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber() || (value.isNumber() && value.asDouble() == Math.rint(value.asDouble()));
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "null" -> value.isNull();
            default -> throw new AssertionError("unknown type " + type);
        };
    }

    private static boolean contains(JsonNode values, JsonNode value) {
        for (JsonNode v : values) {
            if (v.equals(value)) {
                return true;
            }
        }
        return false;
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

    private static String abbreviate(JsonNode value) {
        String text = Objects.toString(value);
        return text.length() > 80 ? text.substring(0, 80) + "…" : text;
    }
}
