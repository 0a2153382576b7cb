package fr.culture.atlas.http;

import java.nio.charset.StandardCharsets;

import fr.culture.atlas.metrics.Metrics;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** {@code /observe/metrics}: every meter of the server in the Prometheus text format, for scraping. */
final class MetricsService implements HttpService {

    private final Metrics metrics;

    MetricsService(Metrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::scrape);
    }

    private void scrape(ServerRequest req, ServerResponse res) {
        res.header(HeaderNames.CONTENT_TYPE, Metrics.CONTENT_TYPE);
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.send(metrics.scrape().getBytes(StandardCharsets.UTF_8));
    }

    /** The GC listeners and the registry live as long as the server. */
    @Override
    public void afterStop() {
        metrics.close();
    }
}
