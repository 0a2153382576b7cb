package fr.culture.atlas.http;

import java.util.LinkedHashMap;
import java.util.Map;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * An HTTP problem (RFC 9457) that a handler throws; {@link #send} writes it as
 * {@code application/problem+json} with the status, a title, a detail that says what was wrong,
 * and extension members (for example the list of valid values).
 */
public final class Problem extends RuntimeException {

    static final String CONTENT_TYPE = "application/problem+json";

    private final Status status;
    private final Map<String, Object> extensions;

    public Problem(Status status, String detail) {
        this(status, detail, Map.of());
    }

    public Problem(Status status, String detail, Map<String, Object> extensions) {
        super(detail, null, false, false);
        this.status = status;
        this.extensions = extensions;
    }

    public static Problem badRequest(String detail) {
        return new Problem(Status.BAD_REQUEST_400, detail);
    }

    public static Problem notFound(String detail, String validName, Object validValues) {
        return new Problem(Status.NOT_FOUND_404, detail, Map.of(validName, validValues));
    }

    public Status status() {
        return status;
    }

    /** Writes this problem as the response. */
    public void send(ServerRequest req, ServerResponse res) {
        byte[] bytes = json(req.path().absolute().rawPath());
        res.status(status);
        res.header(HeaderNames.CONTENT_TYPE, CONTENT_TYPE);
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        if (Head.isHead(req)) { // the same headers, no body (error handlers get the bare response)
            res.headers().set(HeaderValues.create(HeaderNames.CONTENT_LENGTH, bytes.length));
            res.send();
            return;
        }
        res.send(bytes);
    }

    /** The body: type, title, status, detail, the instance (path) when known, then the extension members. */
    byte[] json(String instance) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", status.reasonPhrase());
        body.put("status", status.code());
        body.put("detail", getMessage());
        if (instance != null) {
            body.put("instance", instance);
        }
        body.putAll(extensions);
        return Json.bytes(body);
    }
}
