package fr.culture.atlas.store.postgis;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import fr.culture.atlas.config.Settings;
import fr.culture.atlas.store.Recent;
import fr.culture.atlas.store.Snapshot;
import fr.culture.atlas.store.StoreException;
import fr.culture.atlas.store.Store;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.impl.PackedCoordinateSequenceFactory;

/**
 * The production store: the versions are published in PostGIS, and the current one is read into
 * memory ({@link PostgisSnapshots}) and served from there. {@code atlas.current} is polled so
 * that a version published by the importer is served without restart. As a {@link MeterBinder}
 * it meters its connection pool ({@code hikaricp_*}).
 */
public final class PostgisStore implements Store, MeterBinder {

    private static final Logger LOG = Logger.getLogger(PostgisStore.class.getName());


    private final HikariDataSource dataSource;
    private final Settings.Database db;
    private final String url;
    /** Packed coordinates, as the embedded store: one double[] per ring (16 bytes a point). */
    private final GeometryFactory factory = new GeometryFactory(PackedCoordinateSequenceFactory.DOUBLE_FACTORY);
    private final ScheduledExecutorService watcher;
    private final Recent recent;
    /** Why the last poll failed, or null when the database answered it. */
    private volatile String down;
    /** Why the current version cannot be loaded (written by an older layout, unreadable), or null. */
    private volatile String unloadable;
    /** The version whose last load failed (-1: none), and when it may be tried again (under Recent's poll lock). */
    private long failed = -1;
    private long retryAt;
    /** A version that could not be read is tried again after this: a load reads every outline. */
    private static final long RETRY_UNREADABLE_NANOS = TimeUnit.MINUTES.toNanos(1);
    /** A load the database broke off (it stopped answering, timed out, ran out of memory) is tried again after this. */
    private static final long RETRY_INTERRUPTED_NANOS = TimeUnit.SECONDS.toNanos(5);
    /** Loads begun, for the tests. */
    private final AtomicInteger loads = new AtomicInteger();

    public PostgisStore(Settings.Database db, int poolSize, long pollMillis) {
        this(db, poolSize, pollMillis, Recent.DEFAULT_GRACE);
    }

    /**
     * @param grace how long a replaced version stays servable ({@link Recent}); its schema must
     *              outlive it, which {@code atlas.versions.keep} ≥ 2 ensures unless two versions
     *              are published within one grace period
     */
    public PostgisStore(Settings.Database db, int poolSize, long pollMillis, Duration grace) {
        this.recent = new Recent(grace);
        this.db = db;
        this.url = db.url();
        this.dataSource = Postgis.dataSource(db, "atlas-reader", poolSize, true);
        refresh();
        this.watcher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "postgis-store-watch");
            t.setDaemon(true);
            return t;
        });
        watcher.scheduleWithFixedDelay(this::refreshQuietly, pollMillis, pollMillis, TimeUnit.MILLISECONDS);
    }

    /** The watcher's poll: anything thrown out of a scheduled task would end the polling for good. */
    private void refreshQuietly() {
        try {
            refresh();
        } catch (Throwable t) {
            LOG.log(Level.SEVERE, "Could not poll PostGIS: " + t, t);
        }
    }

    /** Follows {@code atlas.current}; while the database is down the known version keeps serving. */
    public void refresh() {
        recent.poll(this::poll, false);
    }

    private void poll() {
        if (down != null && !answers()) {
            return;
        }
        long attempted = -1;
        try (Connection c = dataSource.getConnection()) {
            OptionalLong version = currentVersion(c);
            if (down != null) {
                LOG.info("PostGIS answers again");
            }
            down = null;
            if (version.isEmpty()) {
                unloadable = null; // nothing published (any more): no reason of a version to give
                return;
            }
            Snapshot current = recent.current().orElse(null);
            long v = version.getAsLong();
            if ((current == null || current.version() != v) && (v != failed || System.nanoTime() - retryAt >= 0)) {
                attempted = v;
                loads.incrementAndGet();
                load(c, v);
            }
        } catch (SQLException e) {
            String reason = e.getMessage();
            if (attempted >= 0 && !Postgis.unreachable(e)) {
                unreadable(attempted, reason, e);
                return;
            }
            if (attempted >= 0) {
                // the database stopped answering in the middle of a load, or cannot do it now (a
                // timeout, no memory): not again every second either
                failed = attempted;
                retryAt = System.nanoTime() + RETRY_INTERRUPTED_NANOS;
            }
            if (down == null) {
                LOG.warning("PostGIS does not answer: " + reason);
            }
            down = "PostGIS does not answer: " + reason;
        } catch (RuntimeException e) {
            // a version this server cannot read (a StoreException: written by an older Atlas, an
            // outline of no territory) or a bug: keep serving what is loaded and say why
            String reason = e.getMessage() != null ? e.getMessage() : e.toString();
            if (attempted >= 0) {
                unreadable(attempted, reason, e);
            } else if (!reason.equals(unloadable)) {
                LOG.log(Level.SEVERE, "Could not poll PostGIS: " + reason, e);
                unloadable = reason;
            }
        }
    }

    /** Loads version {@code v} and serves it, unless its schema is of an older layout. */
    private void load(Connection c, long v) throws SQLException {
        if (!currentLayout(c, Postgis.schema(v))) {
            // a version published by an older Atlas (no label points, no computed values'
            // coverage): keep serving what is loaded, and say what to do rather than fail on a column
            String message = "PostGIS schema " + Postgis.schema(v) + " was written by an older version of "
                    + "Atlas (no label points, no coverage of computed values or no catalogue): publish the data again "
                    + "with ./atlas import (or the import job)";
            if (!message.equals(unloadable)) {
                LOG.severe(message);
            }
            unloadable = message;
            return;
        }
        long start = System.nanoTime();
        recent.serve(PostgisSnapshots.load(v, Postgis.schema(v), c, factory));
        LOG.info(() -> "Serving data version " + v + " from PostGIS schema " + Postgis.schema(v)
                + " (loaded in " + (System.nanoTime() - start) / 1_000_000 + " ms)");
        unloadable = null;
        failed = -1;
        // a server started within a grace period loads the version before too, before it is ready:
        // maps that loaded their TileJSON from another pod may ask it for that version's tiles at once
        keepPrevious(c);
    }

    /**
     * Remembers that version {@code v} could not be read though the database answered: the
     * reason is the store's {@link #problem} while nothing is loaded, and the version is tried
     * again only after {@link #RETRY_UNREADABLE_NANOS}, since a load reads every outline.
     */
    private void unreadable(long v, String cause, Exception e) {
        String reason = "PostGIS schema " + Postgis.schema(v) + " could not be read: " + cause;
        if (!reason.equals(unloadable)) {
            // a StoreException says what is wrong; its cause, or any other exception, is a trace to read
            LOG.log(Level.SEVERE, reason, e instanceof StoreException && e.getCause() == null ? null : e);
        }
        unloadable = reason;
        failed = v;
        retryAt = System.nanoTime() + RETRY_UNREADABLE_NANOS;
    }

    /**
     * While the database is down it is polled with one connection outside the pool: a pool asked
     * for connections during an outage retries with a back-off growing to 5 s, which would delay
     * the recovery by as much; the pool keeps no idle minimum either (see {@link Postgis}), so it
     * makes no attempt of its own.
     */
    private boolean answers() {
        java.util.Properties properties = new java.util.Properties();
        if (!db.user().isBlank()) {
            properties.setProperty("user", db.user());
        }
        if (!db.password().isBlank()) {
            properties.setProperty("password", db.password());
        }
        properties.setProperty("connectTimeout", "2");
        properties.setProperty("socketTimeout", "5");
        try (Connection c = java.sql.DriverManager.getConnection(url, properties)) {
            return c.isValid(2);
        } catch (SQLException e) {
            down = "PostGIS does not answer: " + e.getMessage();
            return false;
        }
    }

    /**
     * Why nothing can be served: the database's state as of the last poll (every {@code pollMillis}, so
     * readiness answers at once) or a version this server cannot read, while no version is loaded.
     * Once one is, everything is served from memory whether the database answers or not: a server
     * stays ready through an outage, and only follows new versions again when it is over.
     */
    @Override
    public Optional<String> problem() {
        return recent.current().isPresent() ? Optional.empty() : Optional.ofNullable(down != null ? down : unloadable);
    }

    /**
     * Whether the version's schema has the layout this server reads: label points (issue 11) and the
     * coverage of computed values with the editions of the source files, and the catalogue of levels
     * (issue 12).
     */
    private static boolean currentLayout(Connection c, String schema) throws SQLException {
        try (java.sql.PreparedStatement st = c.prepareStatement("SELECT count(*) FROM information_schema.columns "
                + "WHERE table_schema = ? AND (table_name, column_name) IN "
                + "(('territory', 'label_x'), ('indicator', 'edition_json'), ('catalogue', 'json'))")) {
            st.setString(1, schema);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() && rs.getInt(1) == 3;
            }
        }
    }

    /**
     * The version the current one replaced, when it was replaced less than the grace period ago and
     * this server does not serve it: a server started after the switch (the autoscaler, a rolling
     * update) then answers its tiles as the replicas that saw the switch do. Nothing when the
     * publisher predates the columns, or the version's schema is gone or of an older layout.
     */
    private void keepPrevious(Connection c) {
        try {
            keepPreviousOf(c);
        } catch (SQLException | RuntimeException e) {
            // best effort: the current version is served already, and the database is not down for it
            LOG.log(Level.WARNING, "Could not load the version before the current one for its grace period: " + e, e);
        }
    }

    private void keepPreviousOf(Connection c) throws SQLException {
        long previous;
        double age;
        // to_jsonb: a database whose atlas.current has no such columns yet (an older publisher) gives nulls
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT (to_jsonb(cur) ->> 'previous')::bigint, "
                     + "extract(epoch FROM now() - (to_jsonb(cur) ->> 'since')::timestamptz) FROM atlas.current cur")) {
            if (!rs.next()) {
                return;
            }
            previous = rs.getLong(1);
            if (rs.wasNull()) {
                return;
            }
            age = rs.getDouble(2);
            if (rs.wasNull()) {
                return;
            }
        }
        long remaining = recent.grace().toNanos() - (long) (age * 1e9);
        String schema = Postgis.schema(previous);
        if (remaining <= 0 || recent.version(previous).isPresent() || !currentLayout(c, schema)) {
            return;
        }
        recent.keep(PostgisSnapshots.load(previous, schema, c, factory), remaining);
        LOG.info(() -> "Serving data version " + previous + " too, for the " + Math.round(remaining / 1e9)
                + " s left of its grace period");
    }

    /** The version in {@code atlas.current}, empty when nothing was ever published. */
    static OptionalLong currentVersion(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT to_regclass('atlas.current') IS NOT NULL")) {
            rs.next();
            if (!rs.getBoolean(1)) {
                return OptionalLong.empty();
            }
        }
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT version FROM atlas.current")) {
            return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
        }
    }

    /** How many loads of a version this store began (a test checks that a failed one is not tried every second). */
    int loads() {
        return loads.get();
    }

    @Override
    public Optional<Snapshot> current() {
        return recent.current();
    }

    @Override
    public Optional<Snapshot> version(long v) {
        // not while the database is down: each request would wait for a connection that fails
        return recent.version(v, () -> {
            if (down == null) {
                recent.poll(this::poll, true);
            }
        });
    }

    @Override
    public String describe() {
        return "PostGIS store at " + url;
    }

    /** Meters the connection pool in {@code registry}; Hikari takes one registry per pool, the first. */
    @Override
    public void bindTo(MeterRegistry registry) {
        if (dataSource.getMetricsTrackerFactory() == null) {
            dataSource.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
        }
    }

    @Override
    public void close() {
        watcher.shutdownNow();
        dataSource.close();
    }
}
