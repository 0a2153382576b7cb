package fr.culture.atlas;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import fr.culture.atlas.config.Catalogue;
import fr.culture.atlas.config.IndicatorCatalogue;
import fr.culture.atlas.config.LevelDef;
import fr.culture.atlas.config.VenueCatalogue;
import fr.culture.atlas.config.Settings;
import fr.culture.atlas.importer.ImportReport;
import fr.culture.atlas.importer.Importer;
import fr.culture.atlas.store.Dataset;
import fr.culture.atlas.store.Publisher;
import fr.culture.atlas.store.embedded.EmbeddedPublisher;
import fr.culture.atlas.store.embedded.EmbeddedStore;

/**
 * Where tests find the project's config and the real open data, and a shared embedded store
 * imported once per test run from that data.
 */
public final class TestData {

    private static Path embeddedHome;
    private static Dataset dataset;
    private static EmbeddedStore embeddedStore;

    private TestData() {
    }

    /**
     * The repository root: Maven passes the directory it started in, which is the module's own
     * when run from tile-server/, so the nearest directory holding config/levels.yaml is taken.
     */
    public static Path repo() {
        String passed = System.getenv("ATLAS_REPO_DIR");
        Path dir = (passed == null ? Path.of("") : Path.of(passed)).toAbsolutePath().normalize();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("config/levels.yaml"))) {
                return d;
            }
        }
        return dir;
    }

    public static Path configDir() {
        return repo().resolve("config");
    }

    /** ATLAS_DATA_DIR, else ../shared/data beside the repository. */
    public static Path dataDir() {
        String dir = System.getenv("ATLAS_DATA_DIR");
        Path path = dir == null || dir.isBlank() ? repo().resolve("../shared/data") : Path.of(dir);
        path = path.toAbsolutePath().normalize();
        if (!Files.isDirectory(path.resolve("geo"))) {
            throw new IllegalStateException("The tests read the open data from " + path
                    + " (set ATLAS_DATA_DIR); it has no geo/ directory");
        }
        return path;
    }

    /** The font directories of application.yaml's default (Debian's Noto and DejaVu packages). */
    public static List<Path> fontDirs() {
        return java.util.Arrays.stream(Settings.DEFAULT_FONT_DIRS.split(",")).map(Path::of).toList();
    }

    public static Catalogue catalogue() {
        return Catalogue.load(configDir());
    }

    /** Settings for a test server on a free port, reading and writing the given directories. */
    public static Settings settings(Path home, Settings.StoreKind store, Settings.Database db) {
        return settings(home, store, db, repo().resolve("widget/dist"));
    }

    /** As above, serving the static files of {@code widgetDir}. */
    public static Settings settings(Path home, Settings.StoreKind store, Settings.Database db, Path widgetDir) {
        return new Settings(0, "127.0.0.1", dataDir(), home, store, db,
                widgetDir, repo().resolve("styles"), "", 3600, 64L << 20, List.of("*"), Settings.Versions.DEFAULT, configDir(),
                Settings.Preseed.OFF, java.time.Duration.ZERO, fontDirs(), Settings.Http.DEFAULT, repo().resolve("content"));
    }

    /** The real data read once per test run (the import takes most of a minute). */
    public static synchronized Dataset dataset() throws IOException {
        if (dataset == null) {
            ImportReport report = new ImportReport();
            dataset = new Importer(catalogue(), IndicatorCatalogue.load(configDir(), catalogue()),
                    VenueCatalogue.load(configDir()), dataDir(), line -> { }).read(report);
            if (report.hasErrors()) {
                throw new IllegalStateException("Test import failed: " + report.summary());
            }
        }
        return dataset;
    }

    /** An embedded store holding one published version of the real data. */
    public static synchronized Path embeddedHome() throws IOException {
        if (embeddedHome == null) {
            Path home = Files.createTempDirectory("atlas-test-home");
            try (Publisher publisher = new EmbeddedPublisher(home, 5)) {
                publisher.publish(dataset());
            }
            embeddedHome = home;
        }
        return embeddedHome;
    }

    /**
     * The embedded store over {@link #embeddedHome()}, opened once per test run and never closed:
     * a loaded snapshot of the real data holds about 600 MB, so every test server shares one.
     */
    public static synchronized EmbeddedStore embeddedStore() throws IOException {
        if (embeddedStore == null) {
            embeddedStore = new EmbeddedStore(embeddedHome(), 60_000);
        }
        return embeddedStore;
    }

    /** A square of 2°E–3°E, 48°N–49°N, code 01. */
    private static final String NORD = """
            {"type":"Feature","properties":{"code":"01","nom":"Nord"},
             "geometry":{"type":"Polygon","coordinates":[[[2,48],[3,48],[3,49],[2,49],[2,48]]]}}""";
    /** The square below it, 47°N–48°N, code 02. */
    private static final String SUD = """
            {"type":"Feature","properties":{"code":"02","nom":"Sud"},
             "geometry":{"type":"Polygon","coordinates":[[[2,47],[3,47],[3,48],[2,48],[2,47]]]}}""";

    /** The {@code themes:} of indicators.yaml, to append to a test's catalogue (top level, after its indicators). */
    public static final String THEMES = """
            themes:
              - { id: lieux, label: Lieux }
              - { id: depenses, label: Depenses }
              - { id: emploi, label: Emploi }
              - { id: contexte, label: Contexte }
            """;

    /** Nord and Sud, neighbours along 48°N: the data of tests that publish in a second. */
    public static final String SQUARES = "{\"type\":\"FeatureCollection\",\"features\":[" + NORD + "," + SUD + "]}";

    /**
     * A one-level catalogue, level {@code carre} (tileset {@code carres}), over {@code geojson}
     * written to {@code dir/data/carres.geojson}: for tests that need a publish in a second, not
     * the real data.
     */
    public static Catalogue squaresCatalogue(Path dir, String geojson) throws IOException {
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.writeString(data.resolve("carres.geojson"), geojson);
        return Catalogue.of(List.of(new LevelDef("carre", "Carré", "carres", 0, 22,
                new LevelDef.Source("carres.geojson", "code", "nom"), null, null, null)), dir.resolve("levels.yaml"));
    }

    /** The same over the Nord square alone. */
    public static Catalogue tinyCatalogue(Path dir) throws IOException {
        return squaresCatalogue(dir, "{\"type\":\"FeatureCollection\",\"features\":[" + NORD + "]}");
    }

    /** The PostGIS test database that ./atlas test starts; a test needing it fails without it. */
    public static Settings.Database postgis() {
        String url = System.getenv("ATLAS_TEST_DB_URL");
        if (url == null || url.isBlank()) {
            throw new IllegalStateException("ATLAS_TEST_DB_URL is not set: run the tests with ./atlas test, "
                    + "which starts a PostGIS instance for them");
        }
        return new Settings.Database(url, "", "");
    }

    /**
     * A database of the caller's own, named {@code name}, in the test instance (created once), so
     * that the versions it publishes are not the other PostGIS tests'.
     */
    public static Settings.Database postgis(String name) throws java.sql.SQLException {
        String url = postgis().url();
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url); java.sql.Statement st = c.createStatement()) {
            try (java.sql.ResultSet rs = st.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'")) {
                if (!rs.next()) {
                    st.execute("CREATE DATABASE " + name);
                }
            }
        }
        // jdbc:postgresql://host:port/name?params → the same server, this database
        return new Settings.Database(url.replaceFirst("(//[^/]+/)[^?]*", "$1" + name), "", "");
    }
}
