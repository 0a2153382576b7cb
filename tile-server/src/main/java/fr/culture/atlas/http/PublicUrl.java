package fr.culture.atlas.http;

import java.util.regex.Pattern;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;

/**
 * The base URL clients reach this server at, written into styles and TileJSON: the configured
 * public URL, or else the request's own scheme and host (honouring a proxy's X-Forwarded-*).
 */
final class PublicUrl {

    /** A host[:port] and nothing else, so that a forged Host header cannot inject into JSON. */
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.\\-]+(:\\d{1,5})?|\\[[0-9a-fA-F:.]+](:\\d{1,5})?");

    private PublicUrl() {
    }

    static String of(ServerRequest req, String configured) {
        if (!configured.isEmpty()) {
            return configured;
        }
        var headers = req.headers();
        String proto = headers.first(HeaderNames.X_FORWARDED_PROTO).orElse("http");
        String host = headers.first(HeaderNames.X_FORWARDED_HOST)
                .or(() -> headers.first(HeaderNames.HOST))
                .orElse("localhost");
        if (!HOST.matcher(host).matches()) {
            host = "localhost";
        }
        return ("https".equalsIgnoreCase(proto) ? "https" : "http") + "://" + host;
    }
}
