package fr.culture.atlas.http;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Pattern;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * One JSON line per request on the {@code fr.culture.atlas.access} logger: time (epoch ms), method, path,
 * query, status, bytes sent, latency, and whether a tile came from the cache. No header is logged
 * (an {@code Authorization} token must never reach a log) and query parameters whose name looks
 * like a credential are masked. Turn it off by setting that logger's level to WARNING.
 *
 * <p>Our own filter rather than {@code helidon-webserver-access-log}: that module is not in the
 * Maven repository this project builds from, and its formats have no field for the tile cache.
 *
 * <p>It runs for every hot tile, so it costs little: the line is written by hand into a
 * {@link StringBuilder} (no map, no Jackson), and the logger's only handler hands it to a
 * background thread that writes to standard output in batches. Writing each line synchronously
 * through the console handler halved the hot-tile rate (4,900 against 9,400 req/s, measured with
 * wrk on the same server with the log on and off). When that thread cannot keep up, lines are
 * dropped and counted rather than slowing the answers down.
 */
final class AccessLog implements Filter {

    static final Logger LOG = Logger.getLogger("fr.culture.atlas.access");
    /** Set by {@link HttpCaching} on tiles: {@code hit} or {@code miss}. */
    static final HeaderName CACHE = HeaderNames.create("X-Atlas-Cache");
    private static final Pattern SECRET = Pattern.compile("(?i)(token|secret|password|passwd|key|auth)[^=&]*=[^&]*");

    static {
        LOG.setUseParentHandlers(false);
        LOG.addHandler(new BackgroundHandler(System.out, 65_536));
    }

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

    static String line(RoutingRequest req, RoutingResponse res, long nanos) {
        StringBuilder line = new StringBuilder(160);
        // epoch milliseconds: formatting a date for every hot tile costs more than the rest of the line
        line.append("{\"ts\":").append(System.currentTimeMillis()).append(",\"method\":");
        quote(line, req.prologue().method().text());
        line.append(",\"path\":");
        quote(line, req.path().absolute().rawPath());
        String query = req.query().rawValue();
        if (!query.isEmpty()) {
            line.append(",\"query\":");
            quote(line, SECRET.matcher(query).replaceAll("$1=***"));
        }
        line.append(",\"status\":").append(res.status().code())
            .append(",\"bytes\":").append(res.bytesWritten())
            .append(",\"ms\":").append(Math.round(nanos / 10_000.0) / 100.0);
        res.headers().first(CACHE).ifPresent(c -> line.append(",\"cache\":\"").append(c).append('"'));
        return line.append('}').toString();
    }

    /** A JSON string: the raw path and query are client text, so quotes, backslashes and controls are escaped. */
    static void quote(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }

    /** Writes the messages of its records, one per line, from a background thread. */
    static final class BackgroundHandler extends Handler {
        private final BlockingQueue<String> lines;
        private final AtomicLong dropped = new AtomicLong();

        BackgroundHandler(OutputStream out, int capacity) {
            this.lines = new ArrayBlockingQueue<>(capacity);
            Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
            Thread thread = new Thread(() -> drain(writer), "access-log");
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void publish(LogRecord record) {
            if (isLoggable(record) && !lines.offer(record.getMessage())) {
                dropped.incrementAndGet();
            }
        }

        private void drain(Writer writer) {
            List<String> batch = new ArrayList<>(1024);
            try {
                while (true) {
                    batch.add(lines.take());
                    lines.drainTo(batch, 1023);
                    for (String line : batch) {
                        writer.write(line);
                        writer.write('\n');
                    }
                    batch.clear();
                    long lost = dropped.getAndSet(0);
                    if (lost > 0) {
                        writer.write("{\"ts\":" + System.currentTimeMillis() + ",\"dropped\":" + lost + "}\n");
                    }
                    if (lines.isEmpty()) {
                        writer.flush();
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                // standard output is gone: nothing left to write to
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
