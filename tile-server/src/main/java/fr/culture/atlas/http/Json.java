package fr.culture.atlas.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.http.HeaderNames;
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

    static void send(ServerResponse res, Object value) {
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(bytes(value));
    }
}
