package fr.culture.atlas.http;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

import fr.culture.atlas.config.Settings;
import fr.culture.atlas.config.VenueCatalogue;
import fr.culture.atlas.font.FontLibrary;
import fr.culture.atlas.metrics.Metrics;
import fr.culture.atlas.page.Editorial;
import fr.culture.atlas.store.Snapshot;
import fr.culture.atlas.store.Store;
import fr.culture.atlas.tile.Preseeder;
import fr.culture.atlas.tile.Layouts;
import fr.culture.atlas.tile.TileRenderer;
import fr.culture.atlas.tile.Warmup;
import fr.culture.atlas.work.Overloaded;
import fr.culture.atlas.work.Workers;
import io.helidon.common.Weighted;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;
import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.DirectHandlers;
import io.helidon.webserver.http.HttpFeature;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http1.Http1Config;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.health.HealthObserver;

/** The HTTP server: routing of every resource, health, and errors as JSON problems. */
public final class Server {

    private static final Logger LOG = Logger.getLogger(Server.class.getName());

    private Server() {
    }

    /** Longest request line (method, path and query): a tile URL with 20 indicators is under 1 KB. */
    static final int MAX_REQUEST_LINE = 4096;
    /** Total size of the request headers. */
    static final int MAX_HEADERS = 8192;
    /** Every endpoint is a GET: a request body beyond this is refused (413). */
    static final long MAX_PAYLOAD = 64 * 1024;

    /** Starts the server on the configured port (0 picks a free one). */
    public static WebServer start(Settings settings, Store store) {
        Warmup warmup = new Warmup(settings.warmup());
        HealthObserver health = HealthObserver.builder()
                .details(true)
                .addCheck(() -> HealthCheckResponse.builder().status(true).build(), HealthCheckType.LIVENESS, "live")
                .addCheck(() -> readiness(store, warmup), HealthCheckType.READINESS, "data")
                .build();
        HeaderDeadline deadline = new HeaderDeadline(Duration.ofSeconds(settings.http().readTimeout()));
        Http1Config http1 = Http1Config.builder()
                .maxPrologueLength(MAX_REQUEST_LINE)
                .maxHeadersSize(MAX_HEADERS)
                // our response headers are constants or values we made (ETag, CORS origin
                // from the allow-list); validating each of them again on every response
                // was 3 % of a hot tile's time
                .validateResponseHeaders(false)
                .addReceiveListener(deadline)
                .build();
        WebServer server = WebServer.builder()
                .host(settings.host())
                .port(settings.port())
                // Nagle's algorithm held small responses back ~40 ms behind the client's delayed ACK
                // (measured by ./atlas bench): tiles and JSON are written in one go, send at once
                .connectionOptions(socket -> socket.tcpNoDelay(true))
                // plain sockets: Helidon's NIO socket writes through an 8 KB heap buffer, one
                // copy and one system call per 8 KB (a 160 KB tile: 20 of each); the JDK's socket
                // stream writes up to 128 KB at once. Hot 36 KB and 160 KB tiles: 1.9x and 2x
                // the requests per second (wrk, docs/benchmarks.md)
                .useNio(false)
                // a kept-alive connection without a new request is closed after the timeout, checked
                // every quarter of it; a request whose headers are late is closed by HeaderDeadline
                .idleConnectionTimeout(Duration.ofSeconds(settings.http().readTimeout()))
                .idleConnectionPeriod(Duration.ofMillis(Math.max(250, settings.http().readTimeout() * 250L)))
                .addProtocol(http1)
                .addConnectionSelector(new Http10(http1))
                .maxPayloadSize(MAX_PAYLOAD)
                .directHandlers(Server::directHandlers)
                .addFeature(ObserveFeature.just(health))
                .routing(r -> {
                    routing(r, settings, store, warmup);
                    r.addFeature(deadline); // its checks end with the server
                })
                .build()
                .start();
        warmup.listening(ownAddress(settings.host(), server.port()));
        return server;
    }

    /**
     * The server's own address, for its warm-up's requests: on every address, the loopback of the
     * same family (a 0.0.0.0 socket takes no IPv6, nor everywhere a :: one IPv4). Null, and the
     * warm-up asks nothing, if the host does not resolve again.
     */
    static InetSocketAddress ownAddress(String host, int port) {
        try {
            InetAddress bound = InetAddress.getByName(host);
            if (bound.isAnyLocalAddress()) {
                bound = InetAddress.getByName(bound instanceof Inet6Address ? "::1" : "127.0.0.1");
            }
            return new InetSocketAddress(bound, port);
        } catch (UnknownHostException e) {
            LOG.warning("The warm-up will not ask the server for tiles: " + host + " does not resolve: " + e.getMessage());
            return null;
        }
    }

    /**
     * Ready: a data version is loaded (both stores serve it from memory, whatever their database
     * does) and the warm-up is over. Until then the reason is the store's problem (its database does
     * not answer, its version cannot be read), that none is loaded yet, or the warm-up.
     */
    static HealthCheckResponse readiness(Store store, Warmup warmup) {
        Optional<Snapshot> snapshot = store.current();
        if (snapshot.isEmpty()) {
            return HealthCheckResponse.builder().status(false)
                    .detail("reason", store.problem().orElse("no data version loaded from " + store.describe())).build();
        }
        if (!warmup.done()) {
            return HealthCheckResponse.builder().status(false)
                    .detail("reason", "warming up: making tiles for at most " + warmup.budget().toMillis()
                            + " ms (atlas.tiles.warmup)").build();
        }
        return HealthCheckResponse.builder().status(true).detail("version", snapshot.get().version())
                .detail("warmup", warmup.summary()).build();
    }

    /**
     * Requests Helidon refuses before routing (request line or headers too long, malformed
     * request, body too large) answer a JSON problem too, with the status Helidon chose.
     */
    private static void directHandlers(DirectHandlers.Builder handlers) {
        DirectHandler problem = (request, event, status, headers, message) -> {
            String detail = switch (status.code()) {
                case 413 -> "Request body too large: at most " + MAX_PAYLOAD + " bytes (every endpoint is a GET)";
                case 414 -> "Request line too long: at most " + MAX_REQUEST_LINE + " bytes";
                case 431 -> "Request headers too large: at most " + MAX_HEADERS + " bytes";
                case 505 -> "HTTP/1.0 is not served: send HTTP/1.1 (nginx: proxy_http_version 1.1; HAProxy: "
                        + "http-check send ver HTTP/1.1 hdr Host atlas)";
                default -> {
                    // Helidon says 400 without a reason for a malformed request and for headers over the limit
                    String m = message == null || message.isBlank() || message.equals(status.reasonPhrase())
                            ? status.reasonPhrase() + ": malformed request line or headers, or headers over "
                                    + MAX_HEADERS + " bytes"
                            : message;
                    yield m.length() > 300 ? m.substring(0, 300) + "…" : m;
                }
            };
            return DirectHandler.TransportResponse.builder()
                    .status(status)
                    .headers(headers)
                    .header(HeaderNames.CONTENT_TYPE, Problem.CONTENT_TYPE)
                    .header(HeaderNames.CACHE_CONTROL, "no-store")
                    .header(HeaderNames.X_CONTENT_TYPE_OPTIONS, "nosniff")
                    .entity(new Problem(status, detail).json(null))
                    .build();
        };
        for (DirectHandler.EventType event : DirectHandler.EventType.values()) {
            handlers.addHandler(event, problem);
        }
    }

    /** Every resource is read-only. */
    static final String ALLOW = "GET, HEAD, OPTIONS";

    /**
     * Answers what no other route took: 404 as a JSON problem for an unknown path, 405 with
     * {@code Allow} for a method the server does not have (every resource is read-only), and an
     * {@code OPTIONS} that is not a CORS preflight ({@link Cors} answers those) with 204 and
     * {@code Allow}. A feature of the lowest weight, so that it comes after the observe and
     * static-content routes too.
     */
    private static final class NotFound implements HttpFeature, Weighted {
        @Override
        public void setup(HttpRouting.Builder routing) {
            routing.any((req, res) -> {
                Method method = req.prologue().method();
                if (Method.OPTIONS.equals(method)) {
                    res.header(HeaderNames.ALLOW, ALLOW);
                    res.status(Status.NO_CONTENT_204).send();
                } else if (!Method.GET.equals(method) && !Method.HEAD.equals(method)) {
                    res.header(HeaderNames.ALLOW, ALLOW);
                    new Problem(Status.METHOD_NOT_ALLOWED_405, "Method " + method.text()
                            + " not allowed: every resource is read-only (" + ALLOW + ")").send(req, res);
                } else {
                    new Problem(Status.NOT_FOUND_404, "No resource at " + req.path().absolute().rawPath())
                            .send(req, res);
                }
            });
        }

        @Override
        public double weight() {
            return 0.1;
        }
    }

    /**
     * Work that runs beside the server and ends with it (the preseeder, the warm-up): started with
     * the server, stopped after it.
     */
    private record Beside(Runnable start, Runnable stop) implements HttpFeature {
        @Override
        public void setup(HttpRouting.Builder routing) {
        }

        @Override
        public void beforeStart() {
            start.run();
        }

        @Override
        public void afterStop() {
            stop.run();
        }
    }

    /**
     * The tile cache's budget: the configured one, at most a quarter of the heap, so that a small
     * heap (-Xmx512m) still holds the data (the embedded store's geometry takes ~200 MB).
     */
    private static long cacheBytes(Settings settings) {
        long quarter = Runtime.getRuntime().maxMemory() / 4;
        if (settings.cacheBytes() > quarter) {
            LOG.warning("Tile cache limited to " + (quarter >> 20) + " MB, a quarter of the heap (configured: "
                    + (settings.cacheBytes() >> 20) + " MB; raise -Xmx to give it more)");
            return quarter;
        }
        return settings.cacheBytes();
    }

    /** Every route of the server, in one table. */
    static void routing(HttpRouting.Builder routing, Settings settings, Store store, Warmup warmup) {
        Metrics metrics = new Metrics(store);
        VenueCatalogue venues = VenueCatalogue.load(settings.configDir());
        Layouts layouts = new Layouts();
        TileRenderer renderer = new TileRenderer(cacheBytes(settings), venues.clusterBelowZoom(), metrics.tiles(), layouts,
                Workers.shared());
        metrics.monitor(renderer.cache());
        // readiness waits for the warm-up (Warmup), which ends within its budget
        routing.addFeature(new Beside(() -> warmup.start(store, renderer), warmup::stop));
        if (!settings.preseed().tilesets().isEmpty()) {
            Preseeder preseeder = new Preseeder(store, renderer, settings.preseed().tilesets(),
                    settings.preseed().maxZoom(), 10_000);
            routing.addFeature(new Beside(preseeder::start, preseeder::close));
        }
        HttpCaching caching = new HttpCaching(settings.tileMaxAge());
        PublicUrl publicUrl = new PublicUrl(settings.publicUrl(), settings.http().proxies());
        routing.addFilter(new AccessLog())
               .addFilter(new SecurityHeaders(settings.publicUrl()))
               .addFilter(new Cors(settings.corsOrigins()));
        // every GET route answers HEAD too (Head): the same headers, no body
        TileServing tiles = new TileServing(store, renderer, caching, publicUrl);
        routing.register("/tiles", Head.andGet(new TileService(venues, tiles)))
               .register("/ogc", Head.andGet(new OgcService(tiles)))
               .register("/styles", Head.andGet(new StyleService(settings.stylesDir(), publicUrl, store,
                       layouts)))
               .register("/api/indicators", Head.andGet(new IndicatorService(store)))
               .register("/api/territories", Head.andGet(new TerritoryService(store, layouts)))
               .register("/api/cross", Head.andGet(new CrossService(store)))
               .register("/portrait", Head.andGet(new PortraitService(store, new Editorial(settings.contentDir()),
                       publicUrl)))
               .register("/fonts", Head.andGet(new FontService(new FontLibrary(settings.fontDirs()))))
               .register("/openapi.json", Head.andGet(new OpenApiService(publicUrl)))
               // beside /observe/health of the observe feature, where scrapers look for it
               .register("/observe/metrics", Head.andGet(new MetricsService(metrics)));
        if (settings.publicUrl().isEmpty() && settings.store() == Settings.StoreKind.POSTGIS) {
            // the production store: replicas behind a CDN, which cannot keep documents made private
            LOG.warning("atlas.public.url (ATLAS_PUBLIC_URL) is not set: TileJSON, styles and OGC API documents name each "
                    + "request's host and are sent private, so no CDN or shared cache keeps them (docs/operations.md)");
        }
        if (Files.isDirectory(settings.widgetDir())) {
            routing.register("/", Head.andGet(new StaticFiles(settings.widgetDir(), new SharedView(store, publicUrl))));
        } else {
            LOG.warning("Widget not built: " + settings.widgetDir() + " does not exist (run: npm run build in widget/)");
        }
        routing.addFeature(new NotFound())
                .error(Problem.class, (req, res, p) -> p.send(req, res))
                .error(Overloaded.class, (req, res, e) -> {
                    // expensive work refused at once: cached answers and health are still served
                    res.header(HeaderNames.RETRY_AFTER, "1");
                    new Problem(Status.SERVICE_UNAVAILABLE_503, e.getMessage()).send(req, res);
                })
                .error(Exception.class, (req, res, e) -> {
                    LOG.log(Level.SEVERE, "Unexpected error on " + req.path().rawPath(), e);
                    new Problem(Status.INTERNAL_SERVER_ERROR_500, "Unexpected error; it is logged on the server")
                            .send(req, res);
                });
    }
}
