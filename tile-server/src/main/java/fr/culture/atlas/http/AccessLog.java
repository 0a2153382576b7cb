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
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * One JSON line per request on standard output: time (epoch ms), method, path, query, status,
 * bytes sent, latency, and whether a tile came from the cache. No header is logged (an
 * {@code Authorization} token must never reach a log) and query parameters whose name looks
 * like a credential are masked. The level of the {@code fr.culture.atlas.access} logger turns
 * it on and off (WARNING: off).
 *
 * <p>Our own filter rather than {@code helidon-webserver-access-log}: that module is not in the
 * Maven repository this project builds from, and its formats have no field for the tile cache.
 *
 * <p>It runs for every hot tile, so it costs little: the line is written by hand into a
 * {@link StringBuilder} (no map, no Jackson, no {@code LogRecord}) and handed to a
 * {@link LineWriter}, whose thread writes in batches. Writing each line synchronously through
 * the console handler halved the hot-tile rate; a writer thread woken by every line still cost
 * a third of it (see {@link LineWriter}). When the writer cannot keep up, lines are dropped and
 * counted rather than slowing the answers down.
 */
final class AccessLog implements Filter {

    static final Logger LOG = Logger.getLogger("fr.culture.atlas.access");
    /** Set by {@link HttpCaching} on tiles: {@code hit} or {@code miss}. */
    static final HeaderName CACHE = HeaderNames.create("X-Atlas-Cache");
    private static final Pattern SECRET = Pattern.compile("(?i)(token|secret|password|passwd|key|auth)[^=&]*=[^&]*");
    /** Standard output is one stream: one writer for every server of the process. */
    private static final LineWriter STDOUT = new LineWriter(System.out, 65_536);

    private final LineWriter out;

    AccessLog() {
        this(STDOUT);
    }

    AccessLog(LineWriter out) {
        this.out = out;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        if (!LOG.isLoggable(Level.INFO)) {
            chain.proceed();
            return;
        }
        long start = System.nanoTime();
        res.whenSent(() -> out.offer(line(req, res, System.nanoTime() - start)));
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

    /**
     * Writes lines, one per line, from a background thread. While lines keep coming it wakes up
     * on its own every {@link #PACE_MILLIS} and writes what gathered meanwhile, so a request
     * only adds its line to a queue: waking the writer for each line (a futex call and a
     * context switch per request, on two cores shared with the server) was what the log cost.
     * Only a line arriving when the writer found the queue empty wakes it.
     */
    static final class LineWriter {
        static final long PACE_MILLIS = 20;

        private final BlockingQueue<String> lines;
        private final AtomicLong dropped = new AtomicLong();

        LineWriter(OutputStream out, int capacity) {
            this.lines = new ArrayBlockingQueue<>(capacity);
            Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
            Thread thread = new Thread(() -> drain(writer), "access-log");
            thread.setDaemon(true);
            thread.start();
        }

        void offer(String line) {
            if (!lines.offer(line)) {
                dropped.incrementAndGet();
            }
        }

        private void drain(Writer writer) {
            List<String> batch = new ArrayList<>(1024);
            try {
                while (true) {
                    String first = lines.poll(1, TimeUnit.SECONDS);
                    if (first == null) {
                        continue;
                    }
                    batch.add(first);
                    lines.drainTo(batch);
                    for (String line : batch) {
                        writer.write(line);
                        writer.write('\n');
                    }
                    batch.clear();
                    long lost = dropped.getAndSet(0);
                    if (lost > 0) {
                        writer.write("{\"ts\":" + System.currentTimeMillis() + ",\"dropped\":" + lost + "}\n");
                    }
                    writer.flush();
                    Thread.sleep(PACE_MILLIS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                // the output is gone: nothing left to write to
            }
        }
    }
}
