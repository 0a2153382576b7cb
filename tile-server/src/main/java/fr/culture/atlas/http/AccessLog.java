package fr.culture.atlas.http;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * One JSON line per request on the {@code fr.culture.atlas.access} logger: method, path, query,
 * status, bytes sent, latency, and whether a tile came from the cache. No header is logged (an
 * {@code Authorization} token must never reach a log) and query parameters whose name looks like
 * a credential are masked. Turn it off by setting that logger's level to WARNING.
 *
 * <p>Our own filter rather than {@code helidon-webserver-access-log}: that module is not in the
 * Maven repository this project builds from, and its formats have no field for the tile cache.
 */
final class AccessLog implements Filter {

    static final Logger LOG = Logger.getLogger("fr.culture.atlas.access");
    /** Set by {@link HttpCaching} on tiles: {@code hit} or {@code miss}. */
    static final HeaderName CACHE = HeaderNames.create("X-Atlas-Cache");
    private static final Pattern SECRET = Pattern.compile("(?i)(token|secret|password|passwd|key|auth)[^=&]*=[^&]*");

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        if (!LOG.isLoggable(Level.INFO)) {
            chain.proceed();
            return;
        }
        long start = System.nanoTime();
        res.whenSent(() -> LOG.info(line(req, res, System.nanoTime() - start)));
        chain.proceed();
    }

    private static String line(RoutingRequest req, RoutingResponse res, long nanos) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("method", req.prologue().method().text());
        line.put("path", req.path().absolute().rawPath());
        String query = req.query().rawValue();
        if (!query.isEmpty()) {
            line.put("query", SECRET.matcher(query).replaceAll("$1=***"));
        }
        line.put("status", res.status().code());
        line.put("bytes", res.bytesWritten());
        line.put("ms", Math.round(nanos / 10_000.0) / 100.0);
        res.headers().first(CACHE).ifPresent(c -> line.put("cache", c));
        return new String(Json.bytes(line), java.nio.charset.StandardCharsets.UTF_8);
    }
}
