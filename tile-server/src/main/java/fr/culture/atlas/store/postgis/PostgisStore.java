package fr.culture.atlas.store.postgis;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import fr.culture.atlas.config.Settings;
import fr.culture.atlas.geo.ZoomBands;
import fr.culture.atlas.store.IndicatorColumns;
import fr.culture.atlas.store.IndicatorRows;
import fr.culture.atlas.store.Indicators;
import fr.culture.atlas.store.MemorySnapshot;
import fr.culture.atlas.store.Published;
import fr.culture.atlas.store.Recent;
import fr.culture.atlas.store.Snapshot;
import fr.culture.atlas.store.StoreException;
import fr.culture.atlas.store.Store;
import fr.culture.atlas.store.StoreUnavailableException;
import fr.culture.atlas.store.Territory;
import fr.culture.atlas.store.TerritoryRows;
import fr.culture.atlas.store.Venue;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.impl.PackedCoordinateSequenceFactory;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;

/**
 * The production store: territories are read from PostGIS per request with a bounding-box
 * query on the GiST index of the current version's schema. {@code atlas.current} is polled so
 * that a version published by the importer is served without restart. As a {@link MeterBinder}
 * it meters its connection pool ({@code hikaricp_*}).
 */
public final class PostgisStore implements Store, MeterBinder {

    private static final Logger LOG = Logger.getLogger(PostgisStore.class.getName());


    private final HikariDataSource dataSource;
    private final Settings.Database db;
    private final String url;
    /** Packed coordinates, as the embedded store: a tile's geometries are read into one double[] per ring. */
    private final GeometryFactory factory = new GeometryFactory(PackedCoordinateSequenceFactory.DOUBLE_FACTORY);
    private final ScheduledExecutorService watcher;
    private final Recent recent;
    /** Why the last poll failed, or null when the database answered it. */
    private volatile String down;
    /** Why the current version cannot be loaded (written by an older layout), or null. */
    private volatile String layout;

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
        watcher.scheduleWithFixedDelay(this::refresh, pollMillis, pollMillis, TimeUnit.MILLISECONDS);
    }

    /** Follows {@code atlas.current}; while the database is down the known version keeps serving. */
    public void refresh() {
        recent.poll(this::poll, false);
    }

    private void poll() {
        if (down != null && !answers()) {
            return;
        }
        try (Connection c = dataSource.getConnection()) {
            OptionalLong version = currentVersion(c);
            Snapshot current = recent.current().orElse(null);
            if (version.isPresent() && (current == null || current.version() != version.getAsLong())) {
                long v = version.getAsLong();
                if (!currentLayout(c, Postgis.schema(v))) {
                    // a version published by an older Atlas (no label points, no computed values'
                    // coverage): keep serving what is loaded, and say what to do rather than fail on a column
                    String message = "PostGIS schema " + Postgis.schema(v) + " was written by an older version of "
                            + "Atlas (no label points, no coverage of computed values or no catalogue): publish the data again "
                            + "with ./atlas import (or the import job)";
                    if (!message.equals(layout)) {
                        LOG.severe(message);
                    }
                    layout = message;
                    return;
                }
                layout = null;
                recent.serve(new PostgisSnapshot(v, Postgis.schema(v), c));
                LOG.info(() -> "Serving data version " + v + " from PostGIS schema " + Postgis.schema(v));
                keepPrevious(c);
            }
            if (down != null) {
                LOG.info("PostGIS answers again");
            }
            down = null;
        } catch (SQLException e) {
            if (down == null) {
                LOG.warning("PostGIS does not answer: " + e.getMessage());
            }
            down = "PostGIS does not answer: " + e.getMessage();
        } catch (StoreException e) {
            // a version this server cannot read (written by an older Atlas): keep serving what is
            // loaded and say why; an exception escaping here would end the polling for good. The
            // database answered: it is not down.
            if (!e.getMessage().equals(layout)) {
                LOG.severe(e.getMessage());
            }
            layout = e.getMessage();
            down = null;
        }
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
     * While the last poll found the database down, a tile that needs it fails at once instead of
     * waiting for the pool's connection timeout: under load, requests do not pile up for seconds
     * each. The next successful poll (every {@code pollMillis}) lets them through again.
     */
    private void failFastWhileDown() {
        String reason = down;
        if (reason != null) {
            throw new StoreUnavailableException(reason, null);
        }
    }

    /** The database's state as of the last poll (every {@code pollMillis}), so readiness answers at once. */
    @Override
    public Optional<String> problem() {
        return Optional.ofNullable(down != null ? down : recent.current().isEmpty() ? layout : null);
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
        } catch (SQLException | StoreException e) {
            // best effort: the current version is served already, and the database is not down for it
            LOG.warning("Could not load the version before the current one for its grace period: " + e.getMessage());
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
        recent.keep(new PostgisSnapshot(previous, schema, c), remaining);
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

    /**
     * One version in PostGIS. Territory attributes (a few MB) are read once when the version
     * becomes current; each tile reads only geometry, through the GiST index of its band.
     */
    private final class PostgisSnapshot implements Snapshot {

        private final long version;
        private final Published published;
        /** Level id → per zoom band, the tile query (level and band written in: see {@link Postgis#levelAndBand}). */
        private final Map<String, String[]> queries = new HashMap<>();
        private final String venueQuery;
        private final Map<String, List<Territory>> territories = new HashMap<>();
        private final Map<String, Map<Long, Territory>> byId = new HashMap<>();
        private final Indicators indicators;

        PostgisSnapshot(long version, String schema, Connection c) throws SQLException {
            this.version = version;
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT json FROM " + schema + ".catalogue")) {
                if (!rs.next()) {
                    // the database answers: an unreadable version, not an outage
                    throw new StoreException(schema + ".catalogue is empty: publish the data again with ./atlas import");
                }
                this.published = Published.fromJson(rs.getString(1), java.nio.file.Path.of(schema + ".catalogue"));
            }
            this.venueQuery = "SELECT id, family, nom, type, discipline, labels::text, commune, ST_AsBinary(geom) FROM "
                    + schema + ".venue WHERE geom && ST_MakeEnvelope(?, ?, ?, ?, 3857) ORDER BY id";
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT level, id, code, nom, parents::text, population, label_x, label_y FROM "
                         + schema + ".territory ORDER BY level, code")) {
                while (rs.next()) {
                    Territory t = TerritoryRows.territory(rs, 2, null);
                    territories.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(t);
                    byId.computeIfAbsent(rs.getString(1), k -> new HashMap<>()).put(t.id(), t);
                }
            }
            this.indicators = readIndicators(c, schema, MemorySnapshot.codes(territories));
            for (String level : territories.keySet()) {
                String[] perBand = new String[ZoomBands.ALL.size()];
                for (int band = 0; band < perBand.length; band++) {
                    // whole geometries: clipping them to the tile in the database (ST_ClipByBox2D)
                    // sent 8 to 60 % fewer bytes of communes but cost as much time as it saved, and
                    // the tile would then depend on the database's arithmetic at its edges
                    perBand[band] = "SELECT id, ST_AsBinary(geom) FROM " + schema + ".territory_geom WHERE "
                            + Postgis.levelAndBand(level, band)
                            + " AND geom && ST_MakeEnvelope(?, ?, ?, ?, 3857) ORDER BY id";
                }
                queries.put(level, perBand);
            }
        }

        /** From their columns, or from their rows in a version published before the columns were. */
        private static Indicators readIndicators(Connection c, String schema, Map<String, List<String>> codes)
                throws SQLException {
            String definitions = IndicatorRows.selectDefinitions(schema + ".indicator", "definition_json::text");
            try (Statement st = c.createStatement()) {
                boolean columns;
                try (ResultSet rs = st.executeQuery("SELECT to_regclass('" + schema + ".indicator_column') IS NOT NULL")) {
                    columns = rs.next() && rs.getBoolean(1);
                }
                if (!columns) {
                    return new Indicators(IndicatorRows.read(st, definitions, IndicatorRows.selectValues(schema + ".indicator_value")),
                            codes);
                }
                return IndicatorColumns.read(st, definitions, schema + ".indicator_codes", schema + ".indicator_column")
                        .indicators(codes);
            }
        }

        @Override
        public Indicators indicators() {
            return indicators;
        }

        @Override
        public Published published() {
            return published;
        }

        @Override
        public List<Venue> venues(Envelope env) {
            return inEnvelope(venueQuery, env, (rs, wkb) -> TerritoryRows.venue(rs, (Point) wkb.read(rs.getBytes(8))));
        }

        @Override
        public long version() {
            return version;
        }

        @Override
        public List<Territory> territories(String level) {
            return territories.getOrDefault(level, List.of());
        }

        @Override
        public List<Territory> territories(String level, int band, Envelope env) {
            Map<Long, Territory> attributes = byId.get(level);
            if (attributes == null) {
                return List.of();
            }
            return inEnvelope(queries.get(level)[band], env,
                    (rs, wkb) -> attributes.get(rs.getLong(1)).withGeometry(wkb.read(rs.getBytes(2))));
        }

        /** What a row of a query on an envelope holds. */
        @FunctionalInterface
        private interface Row<T> {
            T read(ResultSet rs, WKBReader wkb) throws SQLException, ParseException;
        }

        /**
         * The rows of {@code query}, whose four parameters are the envelope (EPSG:3857), under the tile
         * query timeout; 503 (StoreUnavailableException) when the database does not answer.
         */
        private <T> List<T> inEnvelope(String query, Envelope env, Row<T> row) {
            failFastWhileDown();
            List<T> found = new ArrayList<>();
            WKBReader wkb = new WKBReader(factory);
            try (Connection c = dataSource.getConnection();
                 PreparedStatement st = c.prepareStatement(query)) {
                st.setQueryTimeout(Postgis.TILE_QUERY_TIMEOUT_SECONDS);
                st.setDouble(1, env.getMinX());
                st.setDouble(2, env.getMinY());
                st.setDouble(3, env.getMaxX());
                st.setDouble(4, env.getMaxY());
                try (ResultSet rs = st.executeQuery()) {
                    while (rs.next()) {
                        found.add(row.read(rs, wkb));
                    }
                }
            } catch (SQLException e) {
                throw new StoreUnavailableException("PostGIS did not answer: " + e.getMessage(), e);
            } catch (ParseException e) {
                throw new IllegalStateException("Unreadable row of " + query, e);
            }
            return found;
        }
    }
}
