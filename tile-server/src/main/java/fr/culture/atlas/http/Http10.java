package fr.culture.atlas.http;

import java.util.Set;

import io.helidon.common.buffers.BufferData;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http1.Http1Config;
import io.helidon.webserver.http1.Http1ConnectionSelector;
import io.helidon.webserver.spi.ServerConnection;
import io.helidon.webserver.spi.ServerConnectionSelector;

/**
 * HTTP/1.0 requests get an answer: a 505 problem saying to speak HTTP/1.1. Helidon's selector
 * takes a connection only when its request line ends in {@code HTTP/1.1} and closes the others
 * without a word; nginx's {@code proxy_pass} and HAProxy's {@code httpchk} speak HTTP/1.0 unless
 * told otherwise, and an operator saw nothing but a closed connection. Handed to the HTTP/1
 * connection, a 1.0 request line is refused with 505, which {@link Server} words
 * (docs/operations.md gives the proxy settings).
 */
final class Http10 implements ServerConnectionSelector {

    private final Http1ConnectionSelector http1;

    Http10(Http1Config config) {
        this.http1 = Http1ConnectionSelector.builder().config(config).build();
    }

    @Override
    public int bytesToIdentifyConnection() {
        return http1.bytesToIdentifyConnection();
    }

    @Override
    public Support supports(BufferData data) {
        int lineEnd = data.indexOf((byte) '\n');
        if (lineEnd < 0) {
            return Support.UNKNOWN;
        }
        return data.readString(lineEnd).endsWith(" HTTP/1.0\r") ? Support.SUPPORTED : Support.UNSUPPORTED;
    }

    @Override
    public Set<String> supportedApplicationProtocols() {
        return Set.of(); // no ALPN name of its own: TLS clients negotiate http/1.1
    }

    @Override
    public ServerConnection connection(ConnectionContext ctx) {
        return http1.connection(ctx);
    }
}
