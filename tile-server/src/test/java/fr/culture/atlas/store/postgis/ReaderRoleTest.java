package fr.culture.atlas.store.postgis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import fr.culture.atlas.TestData;
import fr.culture.atlas.config.IndicatorCatalogue;
import fr.culture.atlas.config.Settings;
import fr.culture.atlas.config.VenueCatalogue;
import fr.culture.atlas.importer.Importer;
import fr.culture.atlas.store.StoreException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The servers' role reads every published version and cannot change anything; only the importer
 * (the owner) writes. Runs in a database of its own on the PostGIS of ./atlas test, so that the
 * versions it publishes do not meet the other PostGIS tests'.
 */
class ReaderRoleTest {

    private static final String DATABASE = "atlas_reader_test";
    private static final String READER = "atlas_test_reader";
    private static final String OWNER = "atlas_test_owner";
    /** PostgreSQL's SQLSTATE for "permission denied" and "must be owner". */
    private static final String INSUFFICIENT_PRIVILEGE = "42501";

    private static String ownerUrl;
    private static String readerUrl;

    @BeforeAll
    static void createDatabaseAndRole() throws SQLException {
        Settings.Database test = TestData.postgis();
        try (Connection admin = DriverManager.getConnection(test.url());
             Statement st = admin.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
            st.execute("DROP ROLE IF EXISTS " + READER);
            st.execute("DROP ROLE IF EXISTS " + OWNER);
            // as in k8s/postgis-cluster.yaml: the importer owns the database but is no superuser,
            // the reader is a login role with no other power, PostGIS is created by the bootstrap
            st.execute("CREATE ROLE " + OWNER + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD 'owner'");
            st.execute("CREATE ROLE " + READER + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD 'reader'");
            st.execute("CREATE DATABASE " + DATABASE + " OWNER " + OWNER);
        }
        String url = withDatabase(test.url(), DATABASE);
        try (Connection admin = DriverManager.getConnection(url); Statement st = admin.createStatement()) {
            st.execute("CREATE EXTENSION IF NOT EXISTS postgis");
        }
        ownerUrl = withUser(url, OWNER) + "&password=owner";
        readerUrl = withUser(url, READER) + "&password=reader";
    }

    @AfterAll
    static void dropDatabaseAndRole() throws SQLException {
        try (Connection admin = DriverManager.getConnection(TestData.postgis().url());
             Statement st = admin.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
            st.execute("DROP ROLE IF EXISTS " + READER);
            st.execute("DROP ROLE IF EXISTS " + OWNER);
        }
    }

    @Test
    void readerReadsEveryPublishedVersionAndWritesNothing(@TempDir Path dir) throws Exception {
        try (PostgisPublisher publisher = new PostgisPublisher(new Settings.Database(ownerUrl, "", "", READER), 5)) {
            long first = publish(dir, publisher);
            long second = publish(dir, publisher);

            // the server follows the current version with the reader's role alone
            PostgisStore store = new PostgisStore(new Settings.Database(readerUrl, "", ""), 2, 60_000);
            try {
                assertEquals(second, store.current().orElseThrow().version());
            } finally {
                store.close();
            }
            try (Connection reader = DriverManager.getConnection(readerUrl)) {
                assertEquals(second, single(reader, "SELECT version FROM atlas.current"));
                assertEquals(2, single(reader, "SELECT count(*) FROM atlas.versions WHERE version IN (" + first + ", " + second + ")"));
                for (long version : List.of(first, second)) {
                    String schema = Postgis.schema(version);
                    assertEquals(1, single(reader, "SELECT count(*) FROM " + schema + ".territory"));
                    // one geometry per zoom band (the squares are never merged into a neighbour)
                    assertEquals(fr.culture.atlas.geo.ZoomBands.ALL.size(),
                            single(reader, "SELECT count(*) FROM " + schema + ".territory_geom"));
                }
                String live = Postgis.schema(second);
                denied(reader, "INSERT INTO " + live + ".territory (level, id, code, nom, parents) "
                        + "VALUES ('carre', 99, '99', 'Faux', '{}')");
                denied(reader, "UPDATE " + live + ".territory SET nom = 'Changé'");
                denied(reader, "DELETE FROM " + live + ".territory_geom");
                denied(reader, "UPDATE atlas.current SET version = " + first);
                denied(reader, "INSERT INTO atlas.versions (version, published_at) VALUES (99, now())");
                denied(reader, "TRUNCATE atlas.versions");
                denied(reader, "DROP TABLE " + live + ".territory");
                denied(reader, "DROP SCHEMA " + live + " CASCADE");
                denied(reader, "CREATE TABLE " + live + ".planted (x int)");
                denied(reader, "CREATE TABLE public.planted (x int)");
                denied(reader, "CREATE SCHEMA atlas_v999");
                denied(reader, "ALTER TABLE " + live + ".territory ADD COLUMN x int");
                assertEquals("Nord", text(reader, "SELECT nom FROM " + live + ".territory"));
            }

            // a rollback through the owner: the reader follows it
            publisher.activate(first);
            try (Connection reader = DriverManager.getConnection(readerUrl)) {
                assertEquals(first, single(reader, "SELECT version FROM atlas.current"));
            }
        }
    }

    @Test
    void aMissingReaderRoleFailsThePublishAndChangesNothing(@TempDir Path dir) throws Exception {
        long before;
        try (PostgisPublisher owner = new PostgisPublisher(new Settings.Database(ownerUrl, "", ""), 5)) {
            publish(dir, owner);
            before = owner.current().orElseThrow();
        }
        try (PostgisPublisher publisher = new PostgisPublisher(
                new Settings.Database(ownerUrl, "", "", "atlas_no_such_role"), 5)) {
            StoreException e = assertThrows(StoreException.class,
                    () -> publisher.publish(new Importer(TestData.tinyCatalogue(dir), IndicatorCatalogue.load(dir.resolve("none.yaml"), false, TestData.tinyCatalogue(dir)),
                            new VenueCatalogue(1000, 12, List.of()), dir.resolve("data"), line -> { })
                            .read(new fr.culture.atlas.importer.ImportReport())));
            assertTrue(e.getMessage().contains("ATLAS_DB_READER"), e.getMessage());
            assertEquals(before, publisher.current().orElseThrow());
            assertTrue(!publisher.versions().contains(before + 1), "nothing published: " + publisher.versions());
        }
    }

    // --- helpers -----------------------------------------------------------------------------

    private static long publish(Path dir, PostgisPublisher publisher) throws IOException {
        var report = new Importer(TestData.tinyCatalogue(dir), IndicatorCatalogue.load(dir.resolve("none.yaml"), false, TestData.tinyCatalogue(dir)),
                new VenueCatalogue(1000, 12, List.of()), dir.resolve("data"), line -> { }).run(publisher);
        assertEquals("published", report.outcome(), report.summary());
        return publisher.current().orElseThrow();
    }


    private static void denied(Connection reader, String sql) {
        SQLException e = assertThrows(SQLException.class, () -> {
            try (Statement st = reader.createStatement()) {
                st.execute(sql);
            }
        }, "the reader could run: " + sql);
        assertEquals(INSUFFICIENT_PRIVILEGE, e.getSQLState(), sql + ": " + e.getMessage());
    }

    private static long single(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String text(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** The same JDBC URL on another database. */
    private static String withDatabase(String url, String database) {
        Matcher m = Pattern.compile("(jdbc:postgresql://[^/]+/)([^?]*)(.*)").matcher(url);
        if (!m.matches()) {
            throw new IllegalStateException("Unexpected ATLAS_TEST_DB_URL " + url);
        }
        return m.group(1) + database + m.group(3);
    }

    /** The same JDBC URL as another user (./atlas test's URL names its user in the query). */
    private static String withUser(String url, String user) {
        String base = url.replaceAll("([?&])user=[^&]*&?", "$1").replaceAll("[?&]$", "");
        return base + (base.contains("?") ? "&" : "?") + "user=" + user;
    }
}
