package fr.culture.atlas.http;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * The base URL clients reach this server at, written into TileJSON, styles, OGC API documents and
 * the OpenAPI document: {@code atlas.public.url} when configured (production sets it), or else the
 * request's own scheme and host.
 *
 * <p>A URL made from the request is a client's word: a forged {@code Host} or
 * {@code X-Forwarded-Host} would end up in the tile URLs of a document, and a shared cache would
 * hand it to everyone. So forwarded headers are believed only from the proxies of
 * {@code atlas.http.proxies}, and a document built on a request's host is
 * {@code Cache-Control: private, no-cache}: no shared cache keeps it.
 */
final class PublicUrl {

    /** A host[:port] and nothing else, so that a forged Host header cannot inject into JSON. */
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.\\-]+(:\\d{1,5})?|\\[[0-9a-fA-F:.]+](:\\d{1,5})?");
    private static final Header PRIVATE = HeaderValues.create(HeaderNames.CACHE_CONTROL, "private, no-cache");

    private final String configured;
    private final Set<InetAddress> proxies;

    /**
     * @param configured the configured public URL, or empty
     * @param proxies    IP addresses (v4 or v6) of the trusted reverse proxies
     */
    PublicUrl(String configured, List<String> proxies) {
        this.configured = configured;
        this.proxies = proxies.stream().map(PublicUrl::address).collect(Collectors.toUnmodifiableSet());
    }

    /** An IP address as written in the settings; a host name is refused (it would be looked up at each start). */
    private static InetAddress address(String text) {
        String ip = text.trim();
        if (!ip.matches("[0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*")) {
            throw new IllegalStateException("atlas.http.proxies (ATLAS_HTTP_PROXIES) takes IP addresses, not '" + ip + "'");
        }
        try {
            return InetAddress.getByName(ip); // a literal: no lookup
        } catch (UnknownHostException e) {
            throw new IllegalStateException("atlas.http.proxies (ATLAS_HTTP_PROXIES): '" + ip + "' is not an IP address");
        }
    }

    /** The configured URL, or empty. */
    String configured() {
        return configured;
    }

    /** The base URL for this request; when made from the request, the response is marked private. */
    String of(ServerRequest req, ServerResponse res) {
        if (!configured.isEmpty()) {
            return configured;
        }
        res.headers().set(PRIVATE);
        var headers = req.headers();
        String proto = req.isSecure() ? "https" : "http";
        String host = headers.first(HeaderNames.HOST).orElse("localhost");
        if (fromProxy(req)) {
            String forwarded = headers.first(HeaderNames.FORWARDED).orElse("");
            proto = headers.first(HeaderNames.X_FORWARDED_PROTO).orElse(parameter(forwarded, "proto", proto));
            // the first of a list is the one the client asked for (X-Forwarded-Host: a, b)
            host = headers.first(HeaderNames.X_FORWARDED_HOST).map(h -> h.split(",", 2)[0].trim())
                    .orElse(parameter(forwarded, "host", host));
            proto = proto.split(",", 2)[0];
        }
        if (!HOST.matcher(host).matches()) {
            host = "localhost";
        }
        return ("https".equalsIgnoreCase(proto.trim()) ? "https" : "http") + "://" + host;
    }

    private boolean fromProxy(ServerRequest req) {
        return !proxies.isEmpty() && req.remotePeer().address() instanceof InetSocketAddress peer
                && peer.getAddress() != null && proxies.contains(peer.getAddress());
    }

    /** A parameter of the first element of a Forwarded header (RFC 7239), unquoted; {@code fallback} when absent. */
    static String parameter(String forwarded, String name, String fallback) {
        String first = forwarded.split(",", 2)[0];
        for (String pair : first.split(";")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).trim().toLowerCase(Locale.ROOT).equals(name)) {
                String value = pair.substring(eq + 1).trim();
                return value.length() > 1 && value.startsWith("\"") && value.endsWith("\"")
                        ? value.substring(1, value.length() - 1) : value;
            }
        }
        return fallback;
    }
}
