package fr.culture.atlas.http;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

import fr.culture.atlas.tile.Tile;
import fr.culture.atlas.tile.TileRenderer;
import fr.culture.atlas.view.Views;
import fr.culture.atlas.work.Overloaded;
import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * The HTTP side of serving a tile, in one place: strong ETag and {@code If-None-Match} → 304,
 * {@code Cache-Control}, gzip when the client accepts it (compressed once, for the first client
 * that asked; brotli was measured and left out: see docs/benchmarks.md), 204 for an
 * empty tile. (CORS is {@link Cors}, a filter of every response.)
 */
public final class HttpCaching {

    private static final Header CONTENT_ENCODING_GZIP = HeaderValues.create(HeaderNames.CONTENT_ENCODING, "gzip");

    /** Tiles vary by coding only (with an allow-list, {@link Cors} adds Origin). */
    private static final Header VARY = HeaderValues.create(HeaderNames.VARY, "Accept-Encoding");

    /**
     * Documents that name the current data version or depend on it (the data API, TileJSON, styles,
     * OGC API documents, the OpenAPI document): a minute, so that every client follows a new
     * version within a minute of its publication.
     */
    private static final Header SHORT_LIVED = HeaderValues.create(HeaderNames.CACHE_CONTROL, "public, max-age=60");

    /** The media type of a tile (Mapbox Vector Tile 2.1). */
    static final String MVT = "application/vnd.mapbox-vector-tile";

    /** A tile URL that names its data version never changes content. */
    private static final Header IMMUTABLE = HeaderValues.create(HeaderNames.CACHE_CONTROL,
            "public, max-age=31536000, immutable");

    private final Header cacheControl;

    /**
     * @param maxAgeSeconds max-age of tile URLs that name no data version, for browsers and CDNs:
     *                      their content changes at each publish
     */
    public HttpCaching(int maxAgeSeconds) {
        this.cacheControl = HeaderValues.create(HeaderNames.CACHE_CONTROL, "public, max-age=" + maxAgeSeconds);
    }

    /**
     * Text answers from this size on are gzipped for clients that accept it; below, the saving is
     * smaller than a packet.
     */
    static final int COMPRESS_FROM = 1400;

    /** Sends a text answer (JSON, CSV, GeoJSON), gzipped when it is long enough and the client accepts it. */
    static void sendText(ServerRequest req, ServerResponse res, byte[] body) {
        sendText(req, res, body, () -> Tile.compress(body), () -> Tile.digest(body));
    }

    /**
     * As {@link #sendText(ServerRequest, ServerResponse, byte[])}, with the gzip form and the digest
     * of the body made or kept by the caller (documents made once per data version keep theirs: the
     * communes' values are megabytes, compressed and hashed once).
     *
     * <p>Every text answer carries a strong ETag of its bytes (a {@code -gzip} suffix for that
     * coding, as tiles): a client or CDN whose copy of a TileJSON, a style or an OGC document has
     * expired revalidates it with {@code If-None-Match} and gets a 304 while it has not changed.
     */
    static void sendText(ServerRequest req, ServerResponse res, byte[] body, Supplier<byte[]> gzipped,
                         Supplier<String> digest) {
        boolean gzip = body.length >= COMPRESS_FROM;
        if (gzip) {
            res.headers().add(VARY);
            gzip = accepts(req.headers().first(HeaderNames.ACCEPT_ENCODING).orElse(""), "gzip");
        }
        // the validator first: a revalidation costs the digest, not a compression
        String etag = "\"" + digest.get() + (gzip ? "-gzip\"" : "\"");
        if (notModified(req, res, etag)) {
            return;
        }
        byte[] compressed = null;
        if (gzip) {
            try {
                compressed = gzipped.get();
            } catch (Overloaded e) {
                // the answer is in hand: send it as it is rather than refuse it (its own validator)
                res.header(HeaderNames.ETAG, etag.substring(0, etag.length() - 6) + "\"");
            }
        }
        if (compressed != null) {
            res.header(CONTENT_ENCODING_GZIP);
            res.send(compressed);
        } else {
            res.send(body);
        }
    }

    /**
     * Sends the document {@code key} names, made once per snapshot by {@code make} (see
     * {@link Views#document}), its gzip form and digest kept beside it.
     */
    static void sendDocument(ServerRequest req, ServerResponse res, Views views, Record key, Supplier<byte[]> make) {
        byte[] body = views.document(key, make);
        sendText(req, res, body, () -> views.document(new Gzipped(key), () -> Tile.compress(body)),
                () -> new String(views.document(new Digest(key), () -> Tile.digest(body).getBytes(StandardCharsets.US_ASCII)),
                        StandardCharsets.US_ASCII));
    }

    /** The key of a document's digest. */
    private record Digest(Record document) {
    }

    /** The key of a document's gzip form. */
    private record Gzipped(Record document) {
    }

    /** Marks an answer whose URL names its data version: it never changes ({@link #IMMUTABLE}). */
    static void immutable(ServerResponse res) {
        if (!res.headers().contains(HeaderNames.CACHE_CONTROL)) { // PublicUrl may have made it private
            res.header(IMMUTABLE);
        }
    }

    /** Marks a document that follows the data version ({@link #SHORT_LIVED}). */
    static void shortLived(ServerResponse res) {
        if (!res.headers().contains(HeaderNames.CACHE_CONTROL)) { // PublicUrl may have made it private
            res.header(SHORT_LIVED);
        }
    }

    /** @param versioned whether the URL named the tile's data version ({@code ?v=}): cached for a year */
    void send(ServerRequest req, ServerResponse res, TileRenderer.Served served, boolean versioned) {
        Tile tile = served.tile();
        res.header(AccessLog.CACHE, served.cached() ? "hit" : "miss");
        res.header(versioned ? IMMUTABLE : cacheControl);
        res.headers().add(VARY);
        if (tile.isEmpty()) {
            res.status(Status.NO_CONTENT_204).send();
            return;
        }
        // the representation first: each content coding has its own strong ETag
        boolean gzip = accepts(req.headers().first(HeaderNames.ACCEPT_ENCODING).orElse(""), "gzip");
        if (notModified(req, res, gzip ? tile.gzipEtag() : tile.etag())) {
            return;
        }
        res.header(HeaderNames.CONTENT_TYPE, MVT);
        if (gzip) {
            res.header(CONTENT_ENCODING_GZIP);
        }
        sendBytes(req, res, gzip ? tile.gzip() : tile.raw());
    }

    /**
     * From this size a body is written from its own array ({@link #sendBytes}): measured with wrk
     * against the copy, 8 % slower at 36 KB, a third faster at 86 KB and 160 KB.
     */
    static final int WRITE_IN_PLACE_FROM = 64 * 1024;

    /**
     * Sends a body kept in memory. {@code send(byte[])} copies headers and body into one new
     * buffer, a third of the time of a hot 160 KB tile (JFR samples); from {@link #WRITE_IN_PLACE_FROM}
     * on, the headers go with the first byte and the rest is written from the tile's own array,
     * which costs one more write but no copy and no allocation. A HEAD answer sends no body: its
     * response knows its length only from {@code send(byte[])}.
     */
    static void sendBytes(ServerRequest req, ServerResponse res, byte[] body) {
        if (body.length < WRITE_IN_PLACE_FROM || req.prologue().method() == Method.HEAD) {
            res.send(body);
            return;
        }
        res.headers().contentLength(body.length);
        try (OutputStream out = res.outputStream()) {
            out.write(body, 0, 1); // buffered: written with the headers by the next call
            out.write(body, 1, body.length - 1); // longer than the stream's buffer: not copied
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sets the strong {@code etag}; answers 304 (and true) when the request's If-None-Match names it. */
    private static boolean notModified(ServerRequest req, ServerResponse res, String etag) {
        res.header(HeaderNames.ETAG, etag);
        if (req.headers().first(HeaderNames.IF_NONE_MATCH).map(v -> matches(v, etag)).orElse(false)) {
            res.status(Status.NOT_MODIFIED_304).send();
            return true;
        }
        return false;
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

    /**
     * Whether an {@code Accept-Encoding} value accepts {@code coding}: named, or through
     * {@code *}, with a non-zero weight (RFC 9110 §12.5.3). Scans the text in place, without
     * splitting it, as it runs for every tile.
     */
    static boolean accepts(String header, String coding) {
        boolean byWildcard = false;
        int i = 0;
        int n = header.length();
        while (i < n) {
            int end = header.indexOf(',', i);
            if (end < 0) {
                end = n;
            }
            int semi = header.indexOf(';', i);
            int nameEnd = semi >= 0 && semi < end ? semi : end;
            int a = skipSpaces(header, i, nameEnd);
            int b = nameEnd;
            while (b > a && header.charAt(b - 1) == ' ') {
                b--;
            }
            boolean named = b - a == coding.length() && header.regionMatches(true, a, coding, 0, b - a);
            boolean wildcard = b - a == 1 && header.charAt(a) == '*';
            if (named) {
                return !zeroWeight(header, nameEnd, end);
            }
            if (wildcard) {
                byWildcard = !zeroWeight(header, nameEnd, end);
            }
            i = end + 1;
        }
        return byWildcard;
    }

    /** Whether the parameters between {@code from} and {@code to} hold {@code q=0} (or 0.0, 0.00, 0.000). */
    private static boolean zeroWeight(String header, int from, int to) {
        int q = header.indexOf("q=", from);
        if (q < 0 || q >= to) {
            return false;
        }
        for (int c = q + 2; c < to; c++) {
            char ch = header.charAt(c);
            if (ch != '0' && ch != '.' && ch != ' ') {
                return false;
            }
        }
        return true;
    }

    private static int skipSpaces(String s, int from, int to) {
        while (from < to && s.charAt(from) == ' ') {
            from++;
        }
        return from;
    }
}
