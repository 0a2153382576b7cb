package fr.culture.atlas.http;

import java.io.OutputStream;
import java.util.function.UnaryOperator;

import io.helidon.common.uri.UriQuery;
import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.HttpPrologue;
import io.helidon.http.Method;
import io.helidon.http.PathMatchers;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.ServerResponseTrailers;
import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRoute;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerResponse;

/**
 * {@code HEAD} on every {@code GET} route of a service: the same handler, the same status and
 * headers ({@code Content-Length} included), and no body. Helidon's HTTP/1 server routes HEAD only
 * where a route names it and writes whatever a handler sends, so a HEAD answered with a body
 * would desynchronise a proxy's reused connection (RFC 9110 §9.3.2).
 */
final class Head {

    private Head() {
    }

    /** The service, its GET routes answering HEAD too. */
    static HttpService andGet(HttpService service) {
        return new Service(service);
    }

    /** The service with its lifecycle (metrics close their registry after stop). */
    private record Service(HttpService service) implements HttpService {
        @Override
        public void routing(HttpRules rules) {
            service.routing(new Rules(rules));
        }

        @Override
        public void beforeStart() {
            service.beforeStart();
        }

        @Override
        public void afterStart(WebServer server) {
            service.afterStart(server);
        }

        @Override
        public void afterStop() {
            service.afterStop();
        }
    }

    static boolean isHead(io.helidon.webserver.http.ServerRequest req) {
        return Method.HEAD.equals(req.prologue().method());
    }

    /** Routes as given, each GET route accepting HEAD as well. */
    private record Rules(HttpRules rules) implements HttpRules {
        @Override
        public HttpRules register(HttpService... services) {
            for (HttpService s : services) {
                rules.register(andGet(s));
            }
            return this;
        }

        @Override
        public HttpRules register(String path, HttpService... services) {
            for (HttpService s : services) {
                rules.register(path, andGet(s));
            }
            return this;
        }

        @Override
        public HttpRules route(HttpRoute route) {
            rules.route(new GetOrHead(route));
            return this;
        }
    }

    /** A route that takes a HEAD wherever it would take the same request as a GET. */
    private record GetOrHead(HttpRoute route) implements HttpRoute {
        @Override
        public PathMatchers.MatchResult accepts(HttpPrologue prologue) {
            if (!Method.HEAD.equals(prologue.method())) {
                return route.accepts(prologue);
            }
            HttpPrologue get = HttpPrologue.create(prologue.rawProtocol(), prologue.protocol(), prologue.protocolVersion(),
                    Method.GET, prologue.uriPath(), prologue.query(), prologue.fragment());
            return route.accepts(get);
        }

        @Override
        public Handler handler() {
            Handler handler = route.handler();
            return (req, res) -> handler.handle(req, isHead(req) ? new Bodiless(res) : res);
        }
    }

    /** A response that says how long its body is and does not send it. */
    private record Bodiless(ServerResponse res) implements ServerResponse {
        @Override
        public void send(byte[] entity) {
            res.headers().set(HeaderValues.create(HeaderNames.CONTENT_LENGTH, entity.length));
            res.send();
        }

        @Override
        public void send(Object entity) {
            if (!(entity instanceof byte[] bytes)) {
                // its length would be unknown here, and a HEAD must say the GET's length
                throw new UnsupportedOperationException("HEAD answers bytes only, not " + entity.getClass().getName());
            }
            send(bytes);
        }

        @Override
        public void send() {
            res.send();
        }

        @Override
        public OutputStream outputStream() {
            // what is written is dropped; closing completes the response without a body
            OutputStream out = res.outputStream();
            return new OutputStream() {
                @Override
                public void write(int b) {
                }

                @Override
                public void write(byte[] b, int off, int len) {
                }

                @Override
                public void close() throws java.io.IOException {
                    out.close();
                }
            };
        }

        @Override
        public ServerResponse status(Status status) {
            res.status(status);
            return this;
        }

        @Override
        public Status status() {
            return res.status();
        }

        @Override
        public ServerResponse header(Header header) {
            res.header(header);
            return this;
        }

        @Override
        public boolean isSent() {
            return res.isSent();
        }

        @Override
        public long bytesWritten() {
            return res.bytesWritten();
        }

        @Override
        public ServerResponse whenSent(Runnable listener) {
            res.whenSent(listener);
            return this;
        }

        @Override
        public ServerResponse reroute(String newPath) {
            res.reroute(newPath);
            return this;
        }

        @Override
        public ServerResponse reroute(String path, UriQuery query) {
            res.reroute(path, query);
            return this;
        }

        @Override
        public ServerResponse next() {
            res.next();
            return this;
        }

        @Override
        public ServerResponseHeaders headers() {
            return res.headers();
        }

        @Override
        public ServerResponseTrailers trailers() {
            return res.trailers();
        }

        @Override
        public void streamResult(String result) {
            res.streamResult(result);
        }

        @Override
        public void streamFilter(UnaryOperator<OutputStream> filterFunction) {
            res.streamFilter(filterFunction);
        }
    }
}
