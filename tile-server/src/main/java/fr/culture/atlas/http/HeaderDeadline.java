package fr.culture.atlas.http;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http.HttpFeature;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http1.Http1ConnectionListener;

/**
 * A request's headers must arrive within a deadline of its request line, or the connection is
 * closed: a slowloris client that sends its headers a byte at a time held a connection for over
 * 400 s. Helidon's idle-connection check closes only connections waiting for a request line (it
 * interrupts nothing in the middle of a request), and its socket read timeout does not apply to
 * the channels the server reads from; this receive listener notes when each request line came,
 * and a timer closes the connections whose headers are late.
 */
final class HeaderDeadline implements Http1ConnectionListener, HttpFeature {

    private static final Logger LOG = Logger.getLogger(HeaderDeadline.class.getName());
    /** One timer thread for every server of the process. */
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "atlas-header-deadline");
        t.setDaemon(true);
        return t;
    });

    private final long nanos;
    private final Map<ConnectionContext, Long> pending = new ConcurrentHashMap<>();
    private final ScheduledFuture<?> checks;

    HeaderDeadline(Duration deadline) {
        this.nanos = deadline.toNanos();
        long check = Math.max(100, deadline.toMillis() / 4);
        this.checks = TIMER.scheduleWithFixedDelay(this::closeLate, check, check, TimeUnit.MILLISECONDS);
    }

    @Override
    public void setup(HttpRouting.Builder routing) {
    }

    /** Registered as a feature of the routing for this: the checks end with the server. */
    @Override
    public void afterStop() {
        checks.cancel(false);
        pending.clear();
    }

    @Override
    public void prologue(ConnectionContext ctx, HttpPrologue prologue) {
        pending.put(ctx, System.nanoTime() + nanos);
    }

    @Override
    public void headers(ConnectionContext ctx, Headers headers) {
        pending.remove(ctx);
    }

    private void closeLate() {
        long now = System.nanoTime();
        pending.forEach((ctx, deadline) -> {
            if (now - deadline > 0 && pending.remove(ctx, deadline) && ctx.serverSocket().isConnected()) {
                LOG.info("Closed a connection from " + ctx.remotePeer().address()
                        + ": its request headers were not complete after " + nanos / 1_000_000_000 + " s");
                ctx.serverSocket().close();
            }
        });
    }
}
