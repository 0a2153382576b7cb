package fr.culture.atlas.http;

import java.util.List;
import java.util.Optional;

import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * Cross-origin access, on every response (tiles, documents and problems alike): the embeddable
 * widget runs on partner sites and reads the data API, styles and TileJSON from them. With
 * {@code *} (the default of {@code atlas.cors.origins}) every site may; with an allow-list the
 * allowed {@code Origin} is echoed and the answer varies by it. A preflight ({@code OPTIONS} with
 * {@code Access-Control-Request-Method}) is answered here, 204, for the read-only methods the
 * server has; no credentials are ever allowed.
 */
final class Cors implements Filter {

    private static final Header ALLOW_METHODS = HeaderValues.create(HeaderNames.ACCESS_CONTROL_ALLOW_METHODS,
            "GET, HEAD");
    /** A day: browsers cap it lower (Chromium at 2 h), the answer never changes while the server runs. */
    private static final Header MAX_AGE = HeaderValues.create(HeaderNames.ACCESS_CONTROL_MAX_AGE, "86400");
    private static final Header VARY_ORIGIN = HeaderValues.create(HeaderNames.VARY, "Origin");

    private final List<String> origins;
    private final boolean everyOrigin;

    /** @param origins allowed origins; {@code *} allows every site */
    Cors(List<String> origins) {
        this.origins = List.copyOf(origins);
        this.everyOrigin = origins.contains("*");
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        Optional<String> origin = req.headers().first(HeaderNames.ORIGIN);
        if (everyOrigin) {
            res.header(HeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
        } else {
            // a shared cache must not hand one site's answer to another
            res.header(VARY_ORIGIN);
            origin.filter(origins::contains)
                    .ifPresent(o -> res.header(HeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, o));
        }
        if (Method.OPTIONS.equals(req.prologue().method()) && origin.isPresent()
                && req.headers().contains(HeaderNames.ACCESS_CONTROL_REQUEST_METHOD)) {
            res.header(ALLOW_METHODS);
            res.header(MAX_AGE);
            req.headers().first(HeaderNames.ACCESS_CONTROL_REQUEST_HEADERS)
                    .ifPresent(h -> res.header(HeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, h));
            res.status(Status.NO_CONTENT_204).send();
            return;
        }
        chain.proceed();
    }
}
