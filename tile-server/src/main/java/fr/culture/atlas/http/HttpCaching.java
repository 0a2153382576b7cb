package fr.culture.atlas.http;

import java.util.List;

import fr.culture.atlas.tile.Tile;
import fr.culture.atlas.tile.TileRenderer;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * The HTTP side of serving a tile, in one place: strong ETag and {@code If-None-Match} → 304,
 * {@code Cache-Control}, gzip when the client accepts it (the bytes were compressed once, when
 * the tile was made), CORS from the configured allow-list, 204 for an empty tile.
 */
public final class HttpCaching {

    private final String cacheControl;
    private final List<String> corsOrigins;

    /**
     * @param maxAgeSeconds max-age of tiles for browsers and CDNs
     * @param corsOrigins   allowed origins; {@code *} allows every site to use the tiles
     */
    public HttpCaching(int maxAgeSeconds, List<String> corsOrigins) {
        this.cacheControl = "public, max-age=" + maxAgeSeconds;
        this.corsOrigins = List.copyOf(corsOrigins);
    }

    void send(ServerRequest req, ServerResponse res, TileRenderer.Served served) {
        Tile tile = served.tile();
        res.header(AccessLog.CACHE, served.cached() ? "hit" : "miss");
        cors(req, res);
        res.header(HeaderNames.CACHE_CONTROL, cacheControl);
        res.header(HeaderNames.VARY, "Accept-Encoding, Origin");
        if (tile.isEmpty()) {
            res.status(Status.NO_CONTENT_204).send();
            return;
        }
        res.header(HeaderNames.ETAG, tile.etag());
        if (req.headers().first(HeaderNames.IF_NONE_MATCH).map(v -> matches(v, tile.etag())).orElse(false)) {
            res.status(Status.NOT_MODIFIED_304).send();
            return;
        }
        res.header(HeaderNames.CONTENT_TYPE, TileService.MVT);
        boolean gzip = req.headers().first(HeaderNames.ACCEPT_ENCODING).map(HttpCaching::acceptsGzip).orElse(false);
        if (gzip) {
            res.header(HeaderNames.CONTENT_ENCODING, "gzip");
            res.send(tile.gzip());
        } else {
            res.send(tile.raw());
        }
    }

    void cors(ServerRequest req, ServerResponse res) {
        if (corsOrigins.contains("*")) {
            res.header(HeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
            return;
        }
        req.headers().first(HeaderNames.ORIGIN).filter(corsOrigins::contains)
                .ifPresent(origin -> res.header(HeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, origin));
    }

    private static boolean matches(String ifNoneMatch, String etag) {
        for (String candidate : ifNoneMatch.split(",")) {
            String c = candidate.trim();
            if (c.equals("*") || c.equals(etag) || c.equals("W/" + etag)) {
                return true;
            }
        }
        return false;
    }

    private static boolean acceptsGzip(String acceptEncoding) {
        for (String part : acceptEncoding.split(",")) {
            String[] coding = part.trim().split(";");
            if (coding[0].trim().equalsIgnoreCase("gzip")) {
                return coding.length == 1 || !coding[1].trim().replace(" ", "").equals("q=0");
            }
        }
        return false;
    }
}
