package fr.culture.atlas;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import fr.culture.atlas.config.Catalogue;
import fr.culture.atlas.config.IndicatorCatalogue;
import fr.culture.atlas.config.VenueCatalogue;
import fr.culture.atlas.config.Settings;
import fr.culture.atlas.importer.ImportReport;
import fr.culture.atlas.importer.Importer;
import fr.culture.atlas.store.Dataset;
import fr.culture.atlas.store.Publisher;
import fr.culture.atlas.store.embedded.EmbeddedPublisher;

/**
 * Where tests find the project's config and the real open data, and a shared embedded store
 * imported once per test run from that data.
 */
public final class TestData {

    private static Path embeddedHome;
    private static Dataset dataset;

    private TestData() {
    }

    /** The repository root (Maven passes it to the tests). */
    public static Path repo() {
        String repo = System.getenv("ATLAS_REPO_DIR");
        return repo == null ? Path.of("..").toAbsolutePath().normalize() : Path.of(repo);
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
                widgetDir, repo().resolve("styles"), "", 3600, 64L << 20, List.of("*"), 5, configDir());
    }

    /** The real data read once per test run (the import takes most of a minute). */
    public static synchronized Dataset dataset() throws IOException {
        if (dataset == null) {
            ImportReport report = new ImportReport();
            dataset = new Importer(catalogue(), IndicatorCatalogue.load(configDir()),
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

    /** The PostGIS test database that ./atlas test starts; a test needing it fails without it. */
    public static Settings.Database postgis() {
        String url = System.getenv("ATLAS_TEST_DB_URL");
        if (url == null || url.isBlank()) {
            throw new IllegalStateException("ATLAS_TEST_DB_URL is not set: run the tests with ./atlas test, "
                    + "which starts a PostGIS instance for them");
        }
        return new Settings.Database(url, "", "");
    }
}
