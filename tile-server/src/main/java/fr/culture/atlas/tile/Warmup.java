package fr.culture.atlas.tile;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

import fr.culture.atlas.store.Snapshot;
import fr.culture.atlas.store.Store;
import fr.culture.atlas.store.Territory;
import fr.culture.atlas.work.Workers;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;

/**
 * Makes tiles before the server says it is ready, for a short time: the tiles the first visitors
 * of a big city ask for. A fresh JVM runs the tile path interpreted or lightly compiled, and on 2
 * cores its compilers take half the machine for seconds; JDK 25's ahead-of-time cache keeps
 * classes and profiles but no compiled code. So, while the other replicas still take the traffic:
 * <ul>
 * <li>for the first three quarters of the budget, the plan's tiles are made in-process, through a
 * cache of their own dropped with them: the visitors' cache and metrics stay theirs, and the
 * bench's cold tiles stay cold;
 * <li>for the last quarter, the server itself is asked over HTTP for a few tiles of the France
 * views, round and round ({@link Loopback}): what a request goes through besides its tile (HTTP,
 * the tile cache, the metrics, the access log) is compiled too. These are real requests: their
 * tiles, every visitor's first view, are cached, counted and logged.
 * </ul>
 * In one batch of fresh servers on 2 cores, the first cold tiles after 200 came at 0.79 of a warm
 * server's rate with the first part alone (and the slower start before), 0.85 with both
 * (docs/benchmarks.md, "What the warm-up left cold").
 *
 * <p>Once per process, on the first data version loaded: a new version later finds the JVM warm.
 * Whatever happens, the warm-up ends ({@link #done}): it never keeps the server from being ready
 * longer than its budget and the tiles in hand when it runs out (a few ms each).
 */
public final class Warmup {

    private static final Logger LOG = Logger.getLogger(Warmup.class.getName());

    /** How many of the finest level's territories, the most populous, the tiles are taken around. */
    static final int PLACES = 8;
    /** The zooms around them: from the regional view to streets, where one tile is a few ms to make. */
    static final int FROM_ZOOM = 6;
    static final int TO_ZOOM = 12;
    /** The France views' zooms (a handful of tiles each: the first view of the homepage and widget). */
    static final int VIEW_TO_ZOOM = 6;

    /**
     * The last part of the budget, in percent, spent asking the server over HTTP: about 250
     * requests in 125 ms on 2 cores. 40 % did no better (docs/benchmarks.md).
     */
    static final int HTTP_SHARE_PERCENT = 25;
    /** How many tiles it asks for, round and round: after their first answer, from the cache. */
    public static final int HTTP_TILES = 16;

    /** How often the store is looked at while it has no version yet (PostGIS loads in the background). */
    private static final long POLL_MILLIS = 20;

    /** A tile to make: what, where, and the request that asks for it ({@code /tiles/…}). */
    record Job(TileRenderer.Content content, TileCoord coord, String path) {
    }

    private final Duration budget;
    private volatile InetSocketAddress server;
    private volatile boolean told;
    private volatile boolean done;
    private volatile boolean stopped;
    private volatile String summary = "none";

    /** @param budget how long the warm-up may take at most; zero: none, the server is ready at once */
    public Warmup(Duration budget) {
        this.budget = budget;
        this.done = budget.isZero();
    }

    /** Whether the warm-up is over (or there is none): readiness waits for it. */
    public boolean done() {
        return done;
    }

    /** The budget, for the reason readiness gives while it waits. */
    public Duration budget() {
        return budget;
    }

    /**
     * What the warm-up did, for readiness's details: "430 of 1192 tiles in 375 ms, 304 requests in
     * 124 ms" (", 3 failed" after either when some did), "stopped: why" when it could not run,
     * "none" before or without one.
     */
    public String summary() {
        return summary;
    }

    /**
     * Where the server can be asked, once it listens: the last part of the warm-up asks it for
     * tiles there. Null: there will be no address, and that part is skipped (and says so) rather
     * than waited for.
     */
    public void listening(InetSocketAddress server) {
        this.server = server;
        this.told = true;
    }

    /** Ends the warm-up with its server: a store that never had a version must not keep it waiting. */
    public void stop() {
        stopped = true;
    }

    /**
     * Starts the warm-up on a thread of its own: waits for the store's first version, then makes
     * tiles on every core until they are all made or its part of the budget is spent, then asks
     * the server for tiles until the budget is spent.
     */
    public void start(Store store, TileRenderer renderer) {
        if (done) {
            return;
        }
        Thread thread = new Thread(() -> {
            try {
                Optional<Snapshot> snapshot;
                while ((snapshot = store.current()).isEmpty() && !stopped) {
                    Thread.sleep(POLL_MILLIS);
                }
                if (snapshot.isPresent()) {
                    run(snapshot.get(), renderer);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                // ready all the same: a warm-up is worth a faster first minute, not a pod that never serves
                String why = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
                summary = "stopped: " + why;
                LOG.log(Level.WARNING, "Warm-up stopped: " + why, e);
            } finally {
                done = true;
            }
        }, "tile-warmup");
        thread.setDaemon(true);
        thread.start();
    }

    private void run(Snapshot snapshot, TileRenderer renderer) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + budget.toNanos();
        long httpPart = budget.toNanos() * HTTP_SHARE_PERCENT / 100;
        List<Job> jobs = plan(snapshot, renderer.layouts());
        // made through a cache of their own and dropped with it: the visitors' cache and metrics
        // are theirs (the bench's cold tiles stay cold); on these threads, and what the tile needs
        // too, not in the requests' queue
        TileRenderer scratch = renderer.scratch();
        Tally made = onEveryCore(jobs, false, deadline - httpPart,
                () -> (job, i) -> Workers.inPlace(() -> scratch.tile(snapshot, job.content(), job.coord())));
        long madeAt = System.nanoTime();
        // its part of the budget, from the end of the first (all made early: ends early too)
        long httpDeadline = madeAt + httpPart - deadline < 0 ? madeAt + httpPart : deadline;
        InetSocketAddress address = address(httpDeadline);
        // the France views' tiles first, every visitor's first view and none empty (of the plan's
        // other tiles of zoom <= 6, 9 in 16 were sea: answers of no bytes)
        List<Job> asked = Stream.concat(jobs.stream().filter(j -> j.content().layout() != null),
                jobs.stream().filter(j -> j.content().layout() == null && j.coord().z() <= VIEW_TO_ZOOM))
                .limit(HTTP_TILES).toList();
        Tally answered = address == null ? null
                : onEveryCore(asked, true, httpDeadline, () -> new Loopback(address, httpDeadline));
        summary = made.done() + " of " + jobs.size() + " tiles in " + (madeAt - start) / 1_000_000 + " ms"
                + made.failures()
                + (answered == null ? ", no requests (the server's address is unknown)"
                        : ", " + answered.done() + " requests in " + (System.nanoTime() - madeAt) / 1_000_000 + " ms"
                                + answered.failures())
                + (stopped ? ", stopped with the server" : "");
        LOG.info("Warmed up on version " + snapshot.version() + ": " + summary + " (budget " + budget.toMillis()
                + " ms, atlas.tiles.warmup)");
    }

    /**
     * The server's address, waited for until {@code deadline}: the warm-up starts before the server
     * listens, and a small budget may make its tiles first. Null if it never came.
     */
    private InetSocketAddress address(long deadline) throws InterruptedException {
        while (!told && !stopped && System.nanoTime() - deadline < 0) {
            Thread.sleep(1);
        }
        return server;
    }

    /** Opens a thread's worker (its connection, for the requests). */
    private interface Opener {
        Worker open() throws IOException;
    }

    /** What one thread of a part of the warm-up does with each of its jobs. */
    private interface Worker extends AutoCloseable {
        void make(Job job, int i) throws IOException;

        @Override
        default void close() throws IOException {
        }
    }

    /** What a part of the warm-up did: tiles made or requests answered, and those that failed. */
    private record Tally(int done, int failed) {
        String failures() {
            return failed > 0 ? ", " + failed + " failed" : "";
        }
    }

    /**
     * Gives {@code jobs} in order (round and round if {@code cycle}) to a worker per core, until
     * they are done, the deadline or the server's stop. A warm-up is worth what the compilers saw,
     * and they see both threads. A job that fails fails for visitors too, and says why there: the
     * first failure is logged whole, the others counted, and the rest go on.
     */
    private Tally onEveryCore(List<Job> jobs, boolean cycle, long deadline, Opener workers)
            throws InterruptedException {
        int count = jobs.isEmpty() ? 0 : cycle ? Integer.MAX_VALUE : jobs.size();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        AtomicReference<Exception> firstCause = new AtomicReference<>();
        Runnable work = () -> {
            try (Worker worker = workers.open()) {
                int i;
                // (a difference of nanoTime values, as its javadoc asks, not a comparison of two)
                while (System.nanoTime() - deadline < 0 && !stopped && (i = next.getAndIncrement()) < count) {
                    Job job = jobs.get(i % jobs.size());
                    try {
                        worker.make(job, i);
                        done.incrementAndGet();
                    } catch (SocketTimeoutException e) {
                        break; // its timeout is the end of the budget
                    } catch (IOException | RuntimeException e) {
                        failed.incrementAndGet();
                        if (firstFailure.compareAndSet(null, "Warm-up tile " + job + " failed: " + e.getMessage())) {
                            firstCause.set(e);
                        }
                        if (e instanceof IOException) {
                            break; // a connection in an unknown state
                        }
                    }
                }
            } catch (IOException e) {
                // no connection to the server: this thread's part is over, counted as failed
                failed.incrementAndGet();
                if (firstFailure.compareAndSet(null, "Warm-up could not ask the server: " + e.getMessage())) {
                    firstCause.set(e);
                }
            }
        };
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < Runtime.getRuntime().availableProcessors(); t++) {
            threads.add(Thread.ofPlatform().name("tile-warmup-" + t).daemon().start(work));
        }
        for (Thread t : threads) {
            t.join();
        }
        if (stopped) {
            // the server closed its connections as it stopped (before it says so): no failure
            return new Tally(done.get(), 0);
        }
        if (firstFailure.get() != null) {
            // a tile that fails here fails for visitors too, and says why there: the first logged whole
            LOG.log(Level.WARNING, firstFailure.get(), firstCause.get());
        }
        return new Tally(done.get(), failed.get());
    }

    /**
     * The last part of the warm-up: a few of the plan's tiles of the France views (or, without a
     * composite view, of zoom {@link #VIEW_TO_ZOOM} or less), asked of the server round and round,
     * so that what a visitor's request goes through besides the tile (HTTP, the cache, the
     * metrics, the access log) is compiled too: 300 requests for 30 cached tiles from outside took
     * a fresh server's next cold tiles from 1,618 to 1,901 tiles/s, and this part, from inside, to
     * 1,976 (medians of 7, docs/benchmarks.md). They are real requests, cached, counted and
     * logged: every visitor's first view.
     *
     * <p>HTTP/1.1 written on a kept-alive socket, not {@code java.net.http} or
     * {@code HttpURLConnection}: in the same 120 ms on 2 cores, their own cold code let them make
     * 9–36 and 40–218 requests, this socket 214–304; the warm-up's short budget went to the client.
     */
    private static final class Loopback implements Worker {
        private final Socket socket;
        private final OutputStream out;
        private final InputStream in;
        private final String host;
        private final long deadline;

        Loopback(InetSocketAddress address, long deadline) throws IOException {
            this.deadline = deadline;
            String ip = address.getAddress().getHostAddress();
            this.host = (address.getAddress() instanceof Inet6Address ? "[" + ip + "]" : ip) + ":" + address.getPort();
            socket = new Socket();
            try {
                socket.connect(address, timeout());
                socket.setTcpNoDelay(true);
                out = new BufferedOutputStream(socket.getOutputStream());
                in = new BufferedInputStream(socket.getInputStream());
            } catch (IOException e) {
                socket.close();
                throw e;
            }
        }

        /** What is left of the budget, in ms: a request that hangs ends with it, which readiness waits for. */
        private int timeout() {
            return (int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
        }

        @Override
        public void make(Job job, int i) throws IOException {
            socket.setSoTimeout(timeout());
            // both answers, gzipped (as browsers ask) and not, each tile in turn
            out.write(("GET " + job.path() + " HTTP/1.1\r\nHost: " + host + "\r\nUser-Agent: Atlas-warmup\r\n"
                    + (i % 3 == 0 ? "" : "Accept-Encoding: gzip\r\n") + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String status = line();
            if (!status.startsWith("HTTP/1.1 200 ") && !status.startsWith("HTTP/1.1 204 ")) {
                throw new IOException(job.path() + " answered " + status);
            }
            long length = 0;
            for (String header = line(); !header.isEmpty(); header = line()) {
                int colon = header.indexOf(':');
                if (colon > 0 && header.substring(0, colon).equalsIgnoreCase("Content-Length")) {
                    try {
                        length = Long.parseLong(header.substring(colon + 1).trim());
                    } catch (NumberFormatException e) {
                        throw new IOException(job.path() + ": " + header, e);
                    }
                }
            }
            in.skipNBytes(length);
        }

        private String line() throws IOException {
            StringBuilder line = new StringBuilder();
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    throw new EOFException("the server closed the connection");
                }
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            return line.toString();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /**
     * The tiles: around the label points of the {@link #PLACES} most populous territories of the
     * finest level, each tile and its 8 neighbours at zooms {@link #FROM_ZOOM}–{@link #TO_ZOOM}, in
     * the boundaries of that zoom's level, the catalogue's first indicator and the venues; and the
     * France views (each composite view's frame and insets) of that indicator up to zoom
     * {@link #VIEW_TO_ZOOM}. In a fixed random order, so that a budget cut short still leaves
     * every kind of tile made a few times (and two runs make the same tiles).
     */
    static List<Job> plan(Snapshot snapshot, Layouts layouts) {
        List<String> levels = snapshot.catalogue().levels().stream().map(l -> l.id()).toList();
        List<Territory> places = snapshot.territories(levels.getLast()).stream()
                .filter(t -> t.label() != null && t.population() != null)
                .sorted(Comparator.comparingLong(Territory::population).reversed())
                .limit(PLACES)
                .toList();
        Optional<Tilesets.Tileset> indicator = snapshot.indicators().all().stream().findFirst()
                .map(Tilesets.OfIndicator::new);
        Set<Job> jobs = new LinkedHashSet<>();
        for (int z = FROM_ZOOM; z <= TO_ZOOM; z++) {
            List<Tilesets.Tileset> tilesets = new ArrayList<>();
            snapshot.catalogue().levelAt(z).map(Tilesets.Boundaries::new).ifPresent(tilesets::add);
            indicator.ifPresent(tilesets::add);
            tilesets.add(new Tilesets.Venues());
            for (Territory place : places) {
                for (TileCoord coord : around(place.label(), z)) {
                    // what a request without parameters gets
                    tilesets.forEach(t -> Tilesets.content(snapshot, t, coord.z())
                            .ifPresent(c -> jobs.add(new Job(c, coord, path(t, coord, null)))));
                }
            }
        }
        for (String id : Layouts.ids(snapshot)) {
            Optional<Layout> layout = layouts.get(snapshot, id);
            for (int z = 0; z <= VIEW_TO_ZOOM && layout.isPresent(); z++) {
                int zoom = z;
                indicator.ifPresent(i -> Tilesets.content(snapshot, i, zoom).ifPresent(c -> {
                    TileRenderer.Content view = new TileRenderer.Content(c.level(), c.indicators(), id);
                    Preseeder.covering(layout.get(), zoom).forEach(coord -> jobs.add(new Job(view, coord, path(i, coord, id))));
                }));
            }
        }
        List<Job> shuffled = new ArrayList<>(jobs);
        Collections.shuffle(shuffled, new Random(0));
        return shuffled;
    }

    /** The request for a tile: {@code /tiles/{tileset}/{z}/{x}/{y}.mvt}, of a composite view with {@code ?layout=}. */
    private static String path(Tilesets.Tileset tileset, TileCoord coord, String layout) {
        return "/tiles/" + tileset.name() + "/" + coord.z() + "/" + coord.x() + "/" + coord.y() + ".mvt"
                + (layout == null ? "" : "?layout=" + URLEncoder.encode(layout, StandardCharsets.UTF_8));
    }

    /** The tile of zoom {@code z} holding the point and its neighbours (3 × 3, fewer at the world's edge). */
    private static List<TileCoord> around(Coordinate point, int z) {
        TileCoord holding = TileCoord.covering(new Envelope(point), z).getFirst();
        return TileCoord.covering(holding.envelope(0.5), z); // grown by half a tile: reaches each neighbour's middle
    }
}
