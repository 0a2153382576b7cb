package fr.culture.atlas;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import fr.culture.atlas.config.Catalogue;
import fr.culture.atlas.config.IndicatorCatalogue;
import fr.culture.atlas.config.LevelDef;
import fr.culture.atlas.config.Settings;
import fr.culture.atlas.config.VenueCatalogue;
import fr.culture.atlas.http.Server;
import fr.culture.atlas.http.TileJson;
import fr.culture.atlas.importer.ImportReport;
import fr.culture.atlas.importer.Importer;
import fr.culture.atlas.store.Publisher;
import fr.culture.atlas.store.Snapshot;
import fr.culture.atlas.store.Store;
import fr.culture.atlas.store.StoreException;
import fr.culture.atlas.store.VersionSummary;
import fr.culture.atlas.store.embedded.EmbeddedPublisher;
import fr.culture.atlas.store.embedded.EmbeddedStore;
import fr.culture.atlas.store.postgis.PostgisPublisher;
import fr.culture.atlas.store.postgis.PostgisStore;
import fr.culture.atlas.tile.Layout;
import fr.culture.atlas.tile.Layouts;
import fr.culture.atlas.tile.PmtilesWriter;
import fr.culture.atlas.tile.Preseeder;
import fr.culture.atlas.tile.TileCoord;
import fr.culture.atlas.tile.TileCoverage;
import fr.culture.atlas.tile.TileRenderer;
import fr.culture.atlas.tile.Tilesets;
import io.helidon.logging.common.LogConfig;
import io.helidon.webserver.WebServer;

/**
 * Command line: {@code serve} (default), {@code import}, {@code publish --version N}, {@code versions},
 * {@code check-store} (exit status 2 when the embedded store's current file is of another layout),
 * {@code coverage} (how much of metropolitan France each level's tiles cover, per zoom; exit status 1
 * when a figure is under {@code --min}), {@code export --pmtiles} (PMTiles archives for static hosting).
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        LogConfig.configureRuntime();
        String command = args.length == 0 ? "serve" : args[0];
        List<String> rest = Arrays.asList(args).subList(Math.min(1, args.length), args.length);
        try {
            Settings settings = Settings.load();
            // levels.yaml is read by the import only: a server reads the levels of the version it
            // serves, and a coverage run those of the version it measures
            int status = switch (command) {
                case "serve" -> serve(settings);
                case "import" -> importData(settings, Catalogue.load(settings.configDir()));
                case "publish" -> publish(settings, rest);
                case "versions" -> versions(settings);
                case "check-store" -> checkStore(settings);
                case "coverage" -> coverage(settings, rest);
                case "export" -> export(settings, rest);
                default -> {
                    System.err.println("Unknown command '" + command + "'; commands: serve, import, publish --version N, versions, check-store, coverage [--zooms A-B] [--sample N] [--min PERCENT], export --pmtiles PATH [--tilesets a,b] [--maxzoom N] [--layout ID]");
                    yield 2;
                }
            };
            if (status != 0 || !"serve".equals(command)) {
                System.exit(status);
            }
        } catch (IllegalStateException | StoreException e) {
            // a configuration or store the server cannot use: the message says what to do
            System.err.println("atlas: " + e.getMessage());
            System.exit(2);
        }
    }

    private static int serve(Settings settings) {
        Store store = openStore(settings);
        WebServer server = Server.start(settings, store);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            store.close();
        }, "shutdown"));
        System.out.println("Atlas Culture tiles serving on http://localhost:" + server.port()
                + "/ (" + store.describe() + ")");
        return 0;
    }

    private static int importData(Settings settings, Catalogue catalogue) {
        Path dataDir = settings.dataDir();
        if (!Files.isDirectory(dataDir)) {
            System.err.println("atlas: data directory " + dataDir + " does not exist; set ATLAS_DATA_DIR to the "
                    + "directory holding geo/, indicators/, equipements/ and reference/");
            return 2;
        }
        System.out.println("Importing " + dataDir + " into " + describe(settings));
        try (Publisher publisher = openPublisher(settings)) {
            IndicatorCatalogue indicators = IndicatorCatalogue.load(settings.configDir(), catalogue);
            VenueCatalogue venues = VenueCatalogue.load(settings.configDir());
            ImportReport report = new Importer(catalogue, indicators, venues, dataDir,
                    line -> System.out.println("  " + line)).run(publisher);
            Path reports = settings.home().resolve("reports");
            report.write(reports);
            report.digest().forEach(System.out::println);
            System.out.println("Report: " + reports.resolve("import-report.txt") + " (every entry: "
                    + reports.resolve("import-report.json") + ")");
            return report.hasErrors() ? 1 : 0;
        } catch (java.io.IOException e) {
            System.err.println("atlas: could not write the import report: " + e.getMessage());
            return 1;
        }
    }

    private static int publish(Settings settings, List<String> args) {
        if (args.size() != 2 || !"--version".equals(args.get(0)) || !args.get(1).matches("\\d{1,9}")) {
            System.err.println("usage: atlas publish --version N");
            return 2;
        }
        long version = Long.parseLong(args.get(1));
        try (Publisher publisher = openPublisher(settings)) {
            publisher.activate(version);
            System.out.println("Version " + version + " is now current in " + describe(settings));
            return 0;
        } catch (RuntimeException e) {
            System.err.println("atlas: " + e.getMessage());
            return 1;
        }
    }

    /** Whether this server can read the embedded store's current version, without loading it. */
    private static int checkStore(Settings settings) {
        if (settings.store() == Settings.StoreKind.EMBEDDED) {
            EmbeddedStore.checkCurrent(settings.home()); // a StoreException exits with status 2
        }
        return 0;
    }

    /**
     * One line per level and zoom: the share of the régions' land that the level's tiles fill
     * ({@link TileCoverage}), over every tile of metropolitan France or a fixed sample of them.
     */
    /**
     * {@code export --pmtiles PATH [--tilesets a,b] [--maxzoom N] [--layout ID]}: each tileset (by
     * default the level boundaries, every indicator and the venues) as a PMTiles v3 archive of the
     * gzipped tiles the server serves, zoom 0 to N (default 10) over the top level's territories,
     * with its TileJSON as metadata: PATH is the file for one tileset, a directory
     * ({tileset}.pmtiles) for several. With {@code --layout}, the tiles of that composite view of
     * levels.yaml (the France view and its overseas insets: {@code ?layout=france}) over its frame
     * and insets, in {tileset}-{ID}.pmtiles.
     */
    private static int export(Settings settings, List<String> args) {
        String path = null;
        List<String> names = null;
        int maxZoom = 10;
        String layoutId = null;
        for (int i = 0; i + 1 < args.size(); i += 2) {
            switch (args.get(i)) {
                case "--pmtiles" -> path = args.get(i + 1);
                case "--tilesets" -> names = List.of(args.get(i + 1).split(","));
                case "--maxzoom" -> maxZoom = Integer.parseInt(args.get(i + 1));
                case "--layout" -> layoutId = args.get(i + 1);
                default -> path = null;
            }
        }
        if (path == null || args.size() % 2 != 0 || maxZoom < 0 || maxZoom > TileCoord.MAX_ZOOM) {
            System.err.println("usage: atlas export --pmtiles PATH [--tilesets a,b] [--maxzoom N (0-22, default 10)] [--layout ID]");
            return 2;
        }
        try (Store store = openStore(settings)) {
            Snapshot snapshot = store.current().orElseThrow(() -> new StoreException("No data version is published yet: run ./atlas import"));
            List<String> tilesets = names != null ? names : Tilesets.names(snapshot);
            Path out = Path.of(path);
            boolean one = tilesets.size() == 1 && path.endsWith(".pmtiles");
            if (!one) {
                Files.createDirectories(out);
            }
            TileRenderer renderer = new TileRenderer(64L << 20, 12);
            Layout layout = null;
            if (layoutId != null) {
                layout = renderer.layouts().get(snapshot, layoutId).orElse(null);
                if (layout == null) {
                    System.err.println("atlas export: '" + layoutId + "' is not a layout of version " + snapshot.version()
                            + "; layouts: " + String.join(", ", Layouts.ids(snapshot)));
                    return 2;
                }
            }
            VenueCatalogue venues = VenueCatalogue.load(settings.configDir());
            for (String name : tilesets) {
                var tileset = Tilesets.find(snapshot, name).orElse(null);
                if (tileset == null) {
                    System.err.println("atlas export: '" + name + "' is not a tileset of version " + snapshot.version()
                            + "; tilesets: " + String.join(", ", Tilesets.names(snapshot)));
                    return 2;
                }
                Path file = one ? out : out.resolve(name + (layout == null ? "" : "-" + layoutId) + ".pmtiles");
                long start = System.nanoTime();
                try (PmtilesWriter writer = new PmtilesWriter(file)) {
                    for (int z = 0; z <= maxZoom; z++) {
                        var atZoom = Tilesets.content(snapshot, tileset, z).orElseThrow();
                        var content = new TileRenderer.Content(atZoom.level(), atZoom.indicators(), layoutId);
                        // in tile-id order, as an archive is written: by the Hilbert curve of each zoom
                        List<TileCoord> coords = new ArrayList<>(layout == null ? Preseeder.covering(snapshot, z)
                                : Preseeder.covering(layout, z));
                        coords.sort(Comparator.comparingLong(c -> PmtilesWriter.tileId(c.z(), c.x(), c.y())));
                        for (var coord : coords) {
                            var tile = renderer.tile(snapshot, content, coord);
                            if (!tile.isEmpty()) {
                                writer.add(coord.z(), coord.x(), coord.y(), tile.gzip());
                            }
                        }
                    }
                    Map<String, Object> metadata = TileJson.forArchive(snapshot, tileset, venues, layout);
                    double[] bounds = (double[]) metadata.get("bounds");
                    double[] center = (double[]) metadata.get("center");
                    metadata.put("maxzoom", maxZoom);
                    writer.finish(new PmtilesWriter.Info(0, maxZoom, bounds, (int) Math.min(center[2], maxZoom), center[0], center[1]),
                            new ObjectMapper().writeValueAsString(metadata));
                    System.out.printf(java.util.Locale.ROOT, "export %-45s z0-%d %8d tiles (%d distinct) %10.1f MB in %5.1f s%n",
                            file, maxZoom, writer.addressed(), writer.distinct(), Files.size(file) / 1e6,
                            (System.nanoTime() - start) / 1e9);
                }
            }
            return 0;
        } catch (java.io.IOException e) {
            System.err.println("atlas export: " + e.getMessage());
            return 1;
        }
    }

    private static int coverage(Settings settings, List<String> args) {
        int from = 0;
        int to = 14;
        int sample = 64;
        double min = 0;
        for (int i = 0; i + 1 < args.size(); i += 2) {
            switch (args.get(i)) {
                case "--zooms" -> {
                    String[] range = args.get(i + 1).split("-");
                    from = Integer.parseInt(range[0]);
                    to = Integer.parseInt(range[range.length - 1]);
                }
                case "--sample" -> sample = Integer.parseInt(args.get(i + 1));
                case "--min" -> min = Double.parseDouble(args.get(i + 1));
                default -> {
                    System.err.println("usage: atlas coverage [--zooms A-B] [--sample N] [--min PERCENT]");
                    return 2;
                }
            }
        }
        try (Store store = openStore(settings)) {
            Snapshot snapshot = store.current().orElseThrow(() -> new StoreException("No data version is published yet: run ./atlas import"));
            TileRenderer renderer = new TileRenderer(64L << 20, 12);
            TileCoverage.Tiles tiles = (level, coord) ->
                    renderer.tile(snapshot, new TileRenderer.Content(level, List.of()), coord).raw();
            Catalogue catalogue = snapshot.catalogue();
            String reference = catalogue.levels().getFirst().id();
            int passed = 0;
            int failed = 0;
            for (LevelDef level : catalogue.levels()) {
                for (int z = from; z <= to; z++) {
                    TileCoverage.Ratio ratio = TileCoverage.measure(tiles, level.id(), reference,
                            TileCoverage.sample(z, sample));
                    boolean ok = ratio.percent() >= min;
                    passed += ok ? 1 : 0;
                    failed += ok ? 0 : 1;
                    System.out.printf(java.util.Locale.ROOT, "coverage %-12s z%-2d %7.2f %% of %s (%d tiles)%s%n",
                            level.id(), z, ratio.percent(), reference, ratio.tiles(), ok ? "" : "  UNDER " + min + " %");
                }
            }
            // the national view: every zoom-5 tile over metropolitan France, as a first view loads it
            for (LevelDef level : catalogue.levels()) {
                long raw = 0;
                long gzipped = 0;
                List<TileCoord> national = TileCoverage.sample(5, Integer.MAX_VALUE);
                for (TileCoord coord : national) {
                    var tile = renderer.tile(snapshot, new TileRenderer.Content(level.id(), List.of()), coord);
                    raw += tile.raw().length;
                    gzipped += tile.gzip().length;
                }
                System.out.printf(java.util.Locale.ROOT, "national view z5 %-12s %d tiles, %7.1f KB, %7.1f KB gzipped%n",
                        level.id(), national.size(), raw / 1024.0, gzipped / 1024.0);
            }
            System.out.printf("coverage: %d passed, %d failed%n", passed, failed);
            return failed == 0 ? 0 : 1;
        }
    }

    /** Each version kept: number (* for the current one), date, and the editions of its source files. */
    private static int versions(Settings settings) {
        try (Publisher publisher = openPublisher(settings)) {
            long current = publisher.current().orElse(-1);
            Map<String, fr.culture.atlas.store.Edition> previous = null;
            long previousVersion = 0;
            for (long v : publisher.versions()) {
                String mark = v == current ? "* " : "  ";
                try {
                    VersionSummary summary = publisher.summary(v);
                    Map<String, List<String>> byFile = new java.util.TreeMap<>();
                    Map<String, fr.culture.atlas.store.Edition> editions = new java.util.HashMap<>();
                    summary.indicators().stream().filter(i -> i.edition() != null).forEach(i -> {
                        byFile.computeIfAbsent(i.edition().file(), k -> new ArrayList<>()).add(i.def().id());
                        editions.put(i.edition().file(), i.edition());
                    });
                    System.out.printf("%s%d  published %s  %d indicators from %d files%s%n", mark, v,
                            summary.published().truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                            summary.indicators().size(), byFile.size(),
                            editions.equals(previous) ? ", the same editions as version " + previousVersion : "");
                    if (editions.equals(previous)) {
                        continue;
                    }
                    previous = editions;
                    previousVersion = v;
                    byFile.forEach((file, ids) -> {
                        var e = editions.get(file);
                        System.out.printf("      %-58s %10d bytes  sha256 %s  année %-9s %d indicators%n", file,
                                e.bytes(), e.sha256().substring(0, 12), e.year().isEmpty() ? "-" : e.year(), ids.size());
                    });
                } catch (RuntimeException e) {
                    System.out.println(mark + v + "  (not readable by this version of Atlas: " + e.getMessage() + ")");
                }
            }
            return 0;
        }
    }

    static Store openStore(Settings settings) {
        return switch (settings.store()) {
            case EMBEDDED -> new EmbeddedStore(settings.home(), 1_000, settings.versions().grace());
            case POSTGIS -> new PostgisStore(settings.db(), settings.db().pool(), 1_000, settings.versions().grace());
        };
    }

    static Publisher openPublisher(Settings settings) {
        return switch (settings.store()) {
            case EMBEDDED -> new EmbeddedPublisher(settings.home(), settings.versions().keep());
            case POSTGIS -> new PostgisPublisher(settings.db(), settings.versions().keep());
        };
    }

    private static String describe(Settings settings) {
        return switch (settings.store()) {
            case EMBEDDED -> "the embedded store in " + settings.home().resolve("embedded");
            case POSTGIS -> "PostGIS at " + settings.db().url();
        };
    }
}
