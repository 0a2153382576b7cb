package fr.culture.atlas.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.culture.atlas.store.Coverage;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** JSON responses, written with one shared, thread-safe mapper. */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    static byte[] bytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Not serialisable as JSON: " + value.getClass(), e);
        }
    }

    /** A computed value's coverage: members counted, of how many, share of their population, partial or not. */
    static java.util.Map<String, Object> coverage(Coverage coverage) {
        java.util.Map<String, Object> json = new java.util.LinkedHashMap<>();
        json.put("from", coverage.from());
        json.put("counted", coverage.counted());
        json.put("members", coverage.members());
        json.put("population", coverage.population());
        json.put("partial", coverage.partial());
        return json;
    }

    /** Sends the value as JSON, gzipped when long enough and the client accepts it. */
    static void send(ServerRequest req, ServerResponse res, Object value) {
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        HttpCaching.sendText(req, res, bytes(value));
    }
}
