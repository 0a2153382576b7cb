package fr.culture.atlas.http;

import java.net.URI;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * Security headers: {@code X-Content-Type-Options: nosniff} on every response; on HTML pages a
 * Content-Security-Policy (scripts only from this server, no plugins) and a Referrer-Policy.
 *
 * <p>The embeddable widget ({@code /embed…}) may be framed by any site ({@code frame-ancestors *}),
 * every other page only by this one. MapLibre starts its worker from a {@code blob:} URL and
 * draws images from {@code data:}/{@code blob:}; the pages carry an inline {@code <style>}.
 */
final class SecurityHeaders implements Filter {

    private static final HeaderName CSP = HeaderNames.create("Content-Security-Policy");
    private static final HeaderName REFERRER_POLICY = HeaderNames.create("Referrer-Policy");
    static final String EMBED = "/embed";

    private final String policy;

    /** @param publicUrl the configured public base URL (tiles may be fetched from it), or empty */
    SecurityHeaders(String publicUrl) {
        String connect = "'self'" + (publicUrl.isEmpty() ? "" : " " + origin(publicUrl));
        this.policy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                + "img-src 'self' data: blob:; font-src 'self' data:; connect-src " + connect + "; "
                + "worker-src 'self' blob:; child-src 'self' blob:; object-src 'none'; base-uri 'self'; "
                + "form-action 'self'; frame-ancestors ";
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        res.beforeSend(() -> {
            res.header(HeaderNames.X_CONTENT_TYPE_OPTIONS, "nosniff");
            boolean html = res.headers().first(HeaderNames.CONTENT_TYPE)
                    .map(t -> t.regionMatches(true, 0, "text/html", 0, 9)).orElse(false);
            if (html) {
                String path = req.path().path();
                boolean embed = path.equals(EMBED) || path.startsWith(EMBED + "/") || path.startsWith(EMBED + ".");
                res.header(CSP, policy + (embed ? "*" : "'self'"));
                res.header(REFERRER_POLICY, "strict-origin-when-cross-origin");
            }
        });
        chain.proceed();
    }

    private static String origin(String url) {
        URI uri = URI.create(url);
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }
}
