package fr.culture.atlas.store.postgis;

import java.sql.Connection;
import java.time.Instant;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

import com.zaxxer.hikari.HikariDataSource;
import fr.culture.atlas.config.Settings;
import fr.culture.atlas.store.Dataset;
import fr.culture.atlas.store.IndicatorColumns;
import fr.culture.atlas.store.IndicatorRows;
import fr.culture.atlas.store.Published;
import fr.culture.atlas.store.VersionSummary;
import fr.culture.atlas.store.Publisher;
import fr.culture.atlas.store.StoreException;
import fr.culture.atlas.store.TerritoryRows;
import fr.culture.atlas.store.Territory;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.WKBWriter;

/** Publishes datasets into PostGIS, one schema per version. */
public final class PostgisPublisher implements Publisher {

    /** Connections an import holds at most: the database leaves room for them beside the servers' (ManifestsTest). */
    public static final int POOL = 2;


    /** Serialises concurrent imports: two publishers never pick the same version number. */
    private static final long LOCK_KEY = 0x41544C4153L; // "ATLAS"


    private final HikariDataSource dataSource;
    private final int keep;
    /** Role granted read access to each published version, empty for none (a checked identifier). */
    private final String reader;

    public PostgisPublisher(Settings.Database db, int keep) {
        this.dataSource = Postgis.dataSource(db, "atlas-publisher", POOL, false);
        this.keep = keep;
        this.reader = db.reader();
    }

    @Override
    public long publish(Dataset dataset) {
        try (Connection c = dataSource.getConnection()) {
            bootstrap(c);
            lock(c);
            try {
                long version = nextVersion(c);
                String schema = Postgis.schema(version);
                c.setAutoCommit(false);
                try {
                    write(c, schema, dataset);
                    verify(c, schema, dataset);
                    // in the same transaction: the reader never sees a current version it cannot read
                    grantRead(c, schema);
                    try (PreparedStatement st = c.prepareStatement(
                            "INSERT INTO atlas.versions (version, published_at) VALUES (?, now())")) {
                        st.setLong(1, version);
                        st.executeUpdate();
                    }
                    setCurrent(c, version);
                    c.commit();
                    removeSurplus(c, version);
                } catch (SQLException | RuntimeException e) {
                    c.rollback();
                    throw e;
                } finally {
                    c.setAutoCommit(true);
                }
                return version;
            } finally {
                unlock(c);
            }
        } catch (SQLException e) {
            throw new StoreException("Publishing to PostGIS failed: " + e.getMessage(), e);
        }
    }

    /** Drops the versions beyond the count kept; a server that loaded one keeps it in memory until it polls. */
    private void removeSurplus(Connection c, long current) throws SQLException {
        List<Long> all = new ArrayList<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT version FROM atlas.versions ORDER BY version")) {
            while (rs.next()) {
                all.add(rs.getLong(1));
            }
        }
        for (long old : Publisher.surplus(all, current, keep)) {
            try (Statement st = c.createStatement();
                 PreparedStatement delete = c.prepareStatement("DELETE FROM atlas.versions WHERE version = ?")) {
                st.execute("DROP SCHEMA IF EXISTS " + Postgis.schema(old) + " CASCADE");
                delete.setLong(1, old);
                delete.executeUpdate();
            }
        }
    }

    /**
     * Lets the servers' role read one version and the version pointer, and nothing else: USAGE on
     * the schemas and SELECT on their tables. The role itself is created by the database's
     * administrator (CloudNativePG's managed roles, or CREATE ROLE … LOGIN); the importer only grants.
     */
    private void grantRead(Connection c, String schema) throws SQLException {
        if (reader.isEmpty()) {
            return;
        }
        try (Statement st = c.createStatement()) {
            st.execute("GRANT USAGE ON SCHEMA atlas, " + schema + " TO " + reader);
            st.execute("GRANT SELECT ON atlas.versions, atlas.current TO " + reader);
            st.execute("GRANT SELECT ON ALL TABLES IN SCHEMA " + schema + " TO " + reader);
        } catch (SQLException e) {
            throw new SQLException("could not grant read access to role '" + reader + "' (ATLAS_DB_READER): "
                    + e.getMessage() + "; create the role first, for example CREATE ROLE " + reader
                    + " LOGIN PASSWORD '…', or leave ATLAS_DB_READER empty", e.getSQLState(), e);
        }
    }

    private static void bootstrap(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("CREATE EXTENSION IF NOT EXISTS postgis");
            st.execute("CREATE SCHEMA IF NOT EXISTS atlas");
            st.execute("CREATE TABLE IF NOT EXISTS atlas.versions ("
                    + "version bigint PRIMARY KEY, published_at timestamptz NOT NULL)");
            st.execute("CREATE TABLE IF NOT EXISTS atlas.current ("
                    + "one boolean PRIMARY KEY DEFAULT true CHECK (one), "
                    + "version bigint NOT NULL REFERENCES atlas.versions (version))");
            // the version it replaced and when: a server started after the switch serves that one
            // too for what is left of its grace period (PostgisStore), as the others do
            // altered only when missing: ALTER TABLE locks the table and needs its owner, even as a no-op
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM information_schema.columns WHERE table_schema = 'atlas' "
                    + "AND table_name = 'current' AND column_name IN ('previous', 'since')")) {
                rs.next();
                if (rs.getInt(1) < 2) {
                    st.execute("ALTER TABLE atlas.current ADD COLUMN IF NOT EXISTS previous bigint, "
                            + "ADD COLUMN IF NOT EXISTS since timestamptz");
                }
            }
        }
    }

    private static void lock(Connection c) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT pg_advisory_lock(?)")) {
            st.setLong(1, LOCK_KEY);
            st.execute();
        }
    }

    private static void unlock(Connection c) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("SELECT pg_advisory_unlock(?)")) {
            st.setLong(1, LOCK_KEY);
            st.execute();
        }
    }

    private static long nextVersion(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT coalesce(max(version), 0) + 1 FROM atlas.versions")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void write(Connection c, String schema, Dataset dataset) throws SQLException {
        try (Statement st = c.createStatement()) {
            // a schema left by an import that died before commit is not a version: start afresh
            st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            st.execute("CREATE SCHEMA " + schema);
            st.execute("CREATE TABLE " + schema + ".territory (level text NOT NULL, id bigint NOT NULL, "
                    + "code text NOT NULL, nom text NOT NULL, parents jsonb NOT NULL, population bigint, "
                    + "label_x double precision, label_y double precision, "
                    + "PRIMARY KEY (level, id), UNIQUE (level, code))");
            st.execute("CREATE TABLE " + schema + ".territory_geom (level text NOT NULL, band int NOT NULL, "
                    + "id bigint NOT NULL, geom geometry(Geometry, 3857) NOT NULL, PRIMARY KEY (level, band, id))");
            st.execute("CREATE TABLE " + schema + ".catalogue (json text NOT NULL)");
        }
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + schema + ".catalogue (json) VALUES (?)")) {
            insert.setString(1, new Published(dataset.catalogue(), dataset.themes()).toJson());
            insert.executeUpdate();
        }
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + schema
                + ".territory (level, id, code, nom, parents, population, label_x, label_y) "
                + "VALUES (?, ?, ?, ?, ?::jsonb, ?, ?, ?)")) {
            for (Dataset.LevelData level : dataset.levels()) {
                for (Territory t : level.territories()) {
                    insert.setString(1, level.level().id());
                    TerritoryRows.bindTerritory(insert, 2, t);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        }
        WKBWriter wkb = new WKBWriter();
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + schema
                + ".territory_geom (level, band, id, geom) VALUES (?, ?, ?, ST_GeomFromWKB(?, 3857))")) {
            for (Dataset.LevelData level : dataset.levels()) {
                for (int band = 0; band < level.bands().size(); band++) {
                    Geometry[] geometries = level.bands().get(band);
                    for (int i = 0; i < geometries.length; i++) {
                        if (geometries[i] == null) {
                            continue; // merged into a neighbour at this band's zooms
                        }
                        insert.setString(1, level.level().id());
                        insert.setInt(2, band);
                        insert.setLong(3, level.territories().get(i).id());
                        insert.setBytes(4, wkb.write(geometries[i]));
                        insert.addBatch();
                        if (i % 2000 == 1999) {
                            insert.executeBatch();
                        }
                    }
                    insert.executeBatch();
                }
            }
        }
        writeIndicators(c, schema, dataset);
        writeVenues(c, schema, dataset);
        try (Statement st = c.createStatement()) {
            // one GiST index per level and band, for SQL clients (QGIS, martin, a notebook) that read
            // one level at one band's detail, as a tile does; the server itself reads a version whole
            // (PostgisSnapshots). A single index over all of them made the planner AND it with the
            // primary key, scanning all 35,000 communes of the band (EXPLAIN ANALYZE of a z8 commune
            // tile: 11.7 ms, against 2.9 with these)
            for (Dataset.LevelData level : dataset.levels()) {
                for (int band = 0; band < level.bands().size(); band++) {
                    st.execute("CREATE INDEX ON " + schema + ".territory_geom USING gist (geom) WHERE "
                            + Postgis.levelAndBand(level.level().id(), band));
                }
            }
            st.execute("CREATE INDEX ON " + schema + ".venue USING gist (geom)");
            st.execute("ANALYZE " + schema + ".territory");
            st.execute("ANALYZE " + schema + ".territory_geom");
        }
    }

    private static void writeIndicators(Connection c, String schema, Dataset dataset) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(IndicatorRows.createDefinitionTable(schema + ".indicator", "jsonb"));
            st.execute(IndicatorRows.createValueTable(schema + ".indicator_value", "double precision"));
        }
        try (PreparedStatement def = c.prepareStatement(IndicatorRows.insertDefinition(schema + ".indicator", "::jsonb"));
             PreparedStatement value = c.prepareStatement(IndicatorRows.insertValue(schema + ".indicator_value"))) {
            IndicatorRows.writeDefinitions(dataset.indicators(), def);
            IndicatorRows.writeValues(dataset.indicators(), value, java.sql.Types.DOUBLE, 5000);
        }
        // the same values as the columns a server reads at its start (IndicatorColumns)
        try (Statement st = c.createStatement()) {
            st.execute(IndicatorColumns.createCodesTable(schema + ".indicator_codes"));
            st.execute(IndicatorColumns.createColumnTable(schema + ".indicator_column", "bytea"));
        }
        try (PreparedStatement codes = c.prepareStatement(IndicatorColumns.insertCodes(schema + ".indicator_codes"));
             PreparedStatement columns = c.prepareStatement(IndicatorColumns.insertColumn(schema + ".indicator_column"))) {
            IndicatorColumns.write(dataset.indicators(), IndicatorColumns.codes(dataset), codes, columns);
        }
    }

    private static void writeVenues(Connection c, String schema, Dataset dataset) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE " + schema + ".venue (id bigint PRIMARY KEY, family text NOT NULL, nom text, "
                    + "type text, discipline text, labels jsonb NOT NULL, commune text, geom geometry(Point, 3857) NOT NULL)");
        }
        WKBWriter wkb = new WKBWriter();
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO " + schema + ".venue (id, family, nom, type, "
                + "discipline, labels, commune, geom) VALUES (?, ?, ?, ?, ?, ?::jsonb, ?, ST_GeomFromWKB(?, 3857))")) {
            for (var v : dataset.venues()) {
                TerritoryRows.bindVenue(insert, v, wkb.write(v.point()));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static void verify(Connection c, String schema, Dataset dataset) throws SQLException {
        Map<String, Integer> actual = new java.util.LinkedHashMap<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT level, count(*) FROM " + schema + ".territory GROUP BY level")) {
            while (rs.next()) {
                actual.put(rs.getString(1), rs.getInt(2));
            }
        }
        Map<String, Integer> expected = dataset.counts();
        if (!new java.util.HashMap<>(expected).equals(new java.util.HashMap<>(actual))) {
            throw new StoreException("Written version does not read back whole: expected " + expected + ", read " + actual);
        }
    }

    private static void setCurrent(Connection c, long version) throws SQLException {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO atlas.current AS cur (one, version, since) "
                // clock_timestamp(), not now(): the switch happens at the commit, not when the publishing
                // transaction began writing the version
                + "VALUES (true, ?, clock_timestamp()) ON CONFLICT (one) DO UPDATE SET version = excluded.version, "
                + "previous = CASE WHEN cur.version = excluded.version THEN cur.previous ELSE cur.version END, "
                + "since = CASE WHEN cur.version = excluded.version THEN cur.since ELSE clock_timestamp() END")) {
            st.setLong(1, version);
            st.executeUpdate();
        }
    }

    @Override
    public void activate(long version) {
        try (Connection c = dataSource.getConnection()) {
            bootstrap(c);
            if (!versions().contains(version)) {
                throw new StoreException("Version " + version + " does not exist in PostGIS; kept: " + versions());
            }
            c.setAutoCommit(false);
            try {
                // a version published before ATLAS_DB_READER was set must be readable once current
                grantRead(c, Postgis.schema(version));
                setCurrent(c, version);
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException("Could not activate version " + version + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<Long> versions() {
        List<Long> versions = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            bootstrap(c);
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT version FROM atlas.versions ORDER BY version")) {
                while (rs.next()) {
                    versions.add(rs.getLong(1));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("Could not list versions: " + e.getMessage(), e);
        }
        return versions;
    }

    @Override
    public OptionalLong current() {
        try (Connection c = dataSource.getConnection()) {
            bootstrap(c);
            return PostgisStore.currentVersion(c);
        } catch (SQLException e) {
            throw new StoreException("Could not read the current version: " + e.getMessage(), e);
        }
    }

    @Override
    public VersionSummary summary(long version) {
        String schema = Postgis.schema(version);
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            Instant published;
            try (ResultSet rs = st.executeQuery("SELECT published_at FROM atlas.versions WHERE version = " + version)) {
                if (!rs.next()) {
                    throw new StoreException("No version " + version);
                }
                published = rs.getTimestamp(1).toInstant();
            }
            Map<String, Map<String, String>> territories = new LinkedHashMap<>();
            try (ResultSet rs = st.executeQuery("SELECT level, code, nom FROM " + schema + ".territory ORDER BY level, code")) {
                while (rs.next()) {
                    territories.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>()).put(rs.getString(2), rs.getString(3));
                }
            }
            return new VersionSummary(version, published, territories, IndicatorRows.read(st,
                    IndicatorRows.selectDefinitions(schema + ".indicator", "definition_json::text"),
                    IndicatorRows.selectValues(schema + ".indicator_value")));
        } catch (SQLException e) {
            throw new StoreException("Could not read version " + version + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
