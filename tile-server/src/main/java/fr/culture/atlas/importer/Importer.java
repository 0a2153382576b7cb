package fr.culture.atlas.importer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

import fr.culture.atlas.config.Catalogue;
import fr.culture.atlas.config.IndicatorCatalogue;
import fr.culture.atlas.config.VenueCatalogue;
import fr.culture.atlas.config.LevelDef;
import fr.culture.atlas.geo.Generaliser;
import fr.culture.atlas.geo.LabelPoint;
import fr.culture.atlas.geo.ZoomBands;
import fr.culture.atlas.source.SourceException;
import fr.culture.atlas.store.Dataset;
import fr.culture.atlas.store.IndicatorData;
import fr.culture.atlas.store.Venue;
import fr.culture.atlas.store.Publisher;
import fr.culture.atlas.store.StoreException;
import fr.culture.atlas.store.Territory;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;

/**
 * One import: builds every level of the catalogue from the data directory, generalises it per
 * zoom band, checks it, and publishes it as a new version. Anything that would make the version
 * wrong aborts the import before publication, so the live version keeps serving.
 */
public final class Importer {

    private final Catalogue catalogue;
    private final IndicatorCatalogue indicators;
    private final VenueCatalogue venues;
    private final Path dataDir;
    private final Consumer<String> progress;

    public Importer(Catalogue catalogue, IndicatorCatalogue indicators, VenueCatalogue venues, Path dataDir,
                    Consumer<String> progress) {
        List<String> themes = indicators.themes().stream().map(fr.culture.atlas.config.Theme::id).toList();
        if (!venues.families().isEmpty() && !themes.contains(venues.theme())) {
            // checked with the configuration, before any file is read
            throw new IllegalStateException("venues.yaml: theme '" + venues.theme() + "' is not declared under "
                    + "'themes:' in indicators.yaml; themes: " + String.join(", ", themes));
        }
        this.catalogue = catalogue;
        this.indicators = indicators;
        this.venues = venues;
        this.dataDir = dataDir;
        this.progress = progress;
    }

    /** Reads, checks and publishes; the report says what happened, whatever happened. */
    public ImportReport run(Publisher publisher) {
        ImportReport report = new ImportReport();
        try {
            Dataset dataset = read(report);
            if (report.hasErrors()) {
                report.aborted("errors in the input, see the entries; the live version is unchanged");
                return report;
            }
            compare(publisher, dataset, report);
            long start = System.nanoTime();
            long version = publisher.publish(dataset);
            report.step("publish", Map.of("version", version), millis(start));
            progress.accept(String.format("%-28s version %d %6d ms", "publish", version, millis(start)));
            report.published(version);
        } catch (SourceException e) {
            report.add(new ImportReport.Entry(ImportReport.Severity.ERROR, "unreadable-file",
                    dataDir.relativize(e.file()).toString(), e.sheet(), e.row(), e.column(), null, e.getMessage()));
            report.aborted(e.getMessage());
        } catch (IOException | StoreException e) {
            report.error("import-failed", null, null, null, null, e.getMessage());
            report.aborted(e.getMessage());
        } catch (RuntimeException e) {
            // a reader bug or a file damaged in a way no check foresaw: still a report, still no publication
            String reason = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            report.error("import-failed", null, null, null, null, "unexpected failure, nothing published: " + reason);
            report.aborted(reason);
        }
        return report;
    }

    /** Says in the report what publishing the dataset changes against the live version. */
    private void compare(Publisher publisher, Dataset dataset, ImportReport report) {
        java.util.OptionalLong live = publisher.current();
        if (live.isEmpty()) {
            return;
        }
        long start = System.nanoTime();
        try {
            report.changes(Changes.between(publisher.summary(live.getAsLong()), dataset));
            report.step("compare with version " + live.getAsLong(), Map.of(), millis(start));
        } catch (RuntimeException e) {
            // an older layout, a damaged file: the comparison only informs, the import goes on and
            // the report says why it cannot compare
            report.warn("no-comparison", null, null, null, null, "the live version " + live.getAsLong()
                    + " could not be read to list what changed: " + e.getMessage());
        }
    }

    /** What is read beside the geometry: the indicators (computed ones included) and the venues placed. */
    private record Values(List<IndicatorData> indicators, List<Venue> venues) {
    }

    /** Reads every level into a dataset, reporting as it goes; publishes nothing. */
    public Dataset read(ImportReport report) throws IOException {
        if (!Files.isDirectory(dataDir)) {
            throw new IOException("data directory " + dataDir + " does not exist (set ATLAS_DATA_DIR)");
        }
        TerritoryBuilder territories = new TerritoryBuilder(dataDir, report, new GeometryFactory());
        Map<String, List<Territory>> byLevel = territories.build(catalogue, progress);
        // indicators and venues need only codes, names and source detail: read them while the
        // geometry is generalised
        CompletableFuture<Values> values = CompletableFuture.supplyAsync(() -> {
            long start = System.nanoTime();
            IndicatorImport result = new IndicatorReader(dataDir, territories, report).read(indicators);
            progress.accept(String.format("%-28s %6d indicators  %6d ms", "read indicators",
                    result.indicators().size(), millis(start)));
            start = System.nanoTime();
            List<Venue> placed = readVenues(territories, byLevel, report);
            List<IndicatorData> all = new ArrayList<>(result.indicators());
            Map<String, Map<String, Map<String, Aggregation.Ratio>>> ratios = new java.util.HashMap<>(result.ratios());
            if (byLevel.containsKey(venues.level())) {
                IndicatorImport counts = VenueCounts.of(venues, placed, byLevel.get(venues.level()), venues.level(), dataDir);
                all.addAll(counts.indicators());
                ratios.putAll(counts.ratios());
            }
            progress.accept(String.format("%-28s %6d venues      %6d ms", "read venues", placed.size(), millis(start)));
            start = System.nanoTime();
            all = new Aggregation(catalogue, byLevel).apply(all, ratios);
            report.step("aggregate", aggregated(all), millis(start));
            return new Values(all, placed);
        });
        // the levels are generalised side by side, the largest first: the commune level alone is
        // a third of the import, the others and the indicators fit beside it on a second core
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(
                Math.max(1, Runtime.getRuntime().availableProcessors()));
        Map<String, CompletableFuture<Dataset.LevelData>> generalised = new java.util.HashMap<>();
        try {
            catalogue.levels().stream()
                    .sorted(java.util.Comparator.comparingInt((LevelDef l) -> byLevel.get(l.id()).size()).reversed())
                    .forEach(level -> generalised.put(level.id(), CompletableFuture.supplyAsync(
                            () -> generalised(level, byLevel.get(level.id()), report), pool)));
        } finally {
            pool.shutdown();
        }
        try {
            List<Dataset.LevelData> levels = new ArrayList<>();
            for (LevelDef level : catalogue.levels()) {
                levels.add(generalised.get(level.id()).join());
            }
            Values read = values.join();
            return new Dataset(catalogue, indicators.themes(), levels, read.indicators(), read.venues());
        } catch (CompletionException e) {
            if (e.getCause() instanceof java.io.UncheckedIOException io) {
                throw io.getCause();
            }
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /** Per level, how many indicators were computed from members there (and France). */
    private static Map<String, Object> aggregated(List<IndicatorData> indicators) {
        Map<String, Object> counts = new java.util.LinkedHashMap<>();
        for (IndicatorData i : indicators) {
            i.def().computedFrom().keySet().forEach(level -> counts.merge(level, 1, (a, b) -> (int) a + (int) b));
            if (i.france() != null) {
                counts.merge(fr.culture.atlas.config.Catalogue.FRANCE, 1, (a, b) -> (int) a + (int) b);
            }
        }
        return counts;
    }

    /** One level generalised per band, its territories with their label points. */
    private Dataset.LevelData generalised(LevelDef level, List<Territory> list, ImportReport report) {
        if (list.isEmpty()) {
            report.error("empty-level", level.source() == null ? level.dissolve().file() : level.source().path(),
                    null, null, null, "level '" + level.id() + "' has no usable territory");
            return new Dataset.LevelData(level, list, List.of());
        }
        List<Geometry[]> bands = generalise(level, list, report);
        return new Dataset.LevelData(level, labelled(level, list, bands, report), bands);
    }

    /**
     * The territories with their label points, computed once here rather than per tile: on the
     * geometry of zooms 8–9 (exact enough for a name or a symbol, and several times fewer
     * vertices than the source), or the source's for a territory that band merged into a neighbour.
     */
    private List<Territory> labelled(LevelDef level, List<Territory> territories, List<Geometry[]> bands,
                                     ImportReport report) {
        long start = System.nanoTime();
        Geometry[] detailed = bands.get(ZoomBands.of(9).index());
        List<Territory> labelled = java.util.stream.IntStream.range(0, territories.size()).parallel()
                .mapToObj(i -> {
                    Territory t = territories.get(i);
                    return t.withLabel(LabelPoint.of(detailed[i] != null ? detailed[i] : t.geometry()));
                }).toList();
        report.step("label points " + level.id(), Map.of("territories", labelled.size()), millis(start));
        return labelled;
    }

    private List<Venue> readVenues(TerritoryIndex index, Map<String, List<Territory>> byLevel, ImportReport report) {
        if (venues.families().isEmpty()) {
            return List.of();
        }
        if (!byLevel.containsKey(venues.level())) {
            report.error("unknown-level", null, null, "level", venues.level(), "venues.yaml places venues in level '"
                    + venues.level() + "', which levels.yaml does not declare; levels: " + String.join(", ", byLevel.keySet()));
            return List.of();
        }
        Map<String, Territory> communes = new java.util.HashMap<>();
        byLevel.get(venues.level()).forEach(t -> communes.put(t.code(), t));
        try {
            return new VenueReader(dataDir, report, index, venues.level(), communes, new GeometryFactory(),
                    venues.toleranceMetres())
                    .read(venues);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Generalises one level's coverage per zoom band and reports invalid edges before and after. */
    private List<Geometry[]> generalise(LevelDef level, List<Territory> territories, ImportReport report) {
        long start = System.nanoTime();
        Generaliser.Result result = Generaliser.generalise(
                territories.stream().map(Territory::geometry).toArray(Geometry[]::new));
        String file = level.source() == null ? level.dissolve().file() : level.source().path();
        for (int i : result.invalidBefore()) {
            report.warn("invalid-coverage-edge", file, null, "geometry", territories.get(i).code(),
                    level.label() + " overlaps a neighbour or leaves a gap narrower than "
                            + (int) Generaliser.GAP_WIDTH + " m along its border (source data)");
        }
        for (int b = 0; b < result.invalidAfter().size(); b++) {
            ZoomBands.Band band = ZoomBands.ALL.get(b);
            for (int i : result.invalidAfter().get(b)) {
                report.warn("invalid-generalised-edge", file, null, "geometry", territories.get(i).code(),
                        level.label() + " has an invalid edge after generalisation for zooms "
                                + band.minZoom() + "–" + band.maxZoom());
            }
        }
        // where a tile would hold too many polygons, a band merges territories of more than a pixel
        Map<String, Object> raised = new java.util.LinkedHashMap<>();
        for (int b = 0; b < result.mergedBelow().size(); b++) {
            ZoomBands.Band band = ZoomBands.ALL.get(b);
            if (result.mergedBelow().get(b) > 1) {
                raised.put("z" + band.minZoom() + "-" + band.maxZoom(),
                        Math.round(result.mergedBelow().get(b) * 10) / 10.0);
            }
        }
        long vertices = 0;
        for (Geometry g : result.bands().getFirst()) {
            vertices += g == null ? 0 : g.getNumPoints();
        }
        report.step("generalise " + level.id(), Map.of("invalid edges before", result.invalidBefore().size(),
                "coarsest band vertices", vertices, "merged below (pixels) where 1 px would pass " + Generaliser.MAX_TILE_BYTES / 1024 + " KB in a tile", raised),
                millis(start));
        progress.accept(String.format("%-28s %6d invalid edges %6d ms", "generalise " + level.id(),
                result.invalidBefore().size(), millis(start)));
        return result.bands();
    }

    private static long millis(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
