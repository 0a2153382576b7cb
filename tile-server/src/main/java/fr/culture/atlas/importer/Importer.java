package fr.culture.atlas.importer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import fr.culture.atlas.config.Catalogue;
import fr.culture.atlas.config.LevelDef;
import fr.culture.atlas.source.SourceException;
import fr.culture.atlas.store.Dataset;
import fr.culture.atlas.store.Publisher;
import fr.culture.atlas.store.StoreException;
import fr.culture.atlas.store.Territory;
import org.locationtech.jts.geom.GeometryFactory;

/**
 * One import: reads every level of the catalogue from the data directory, checks it, and
 * publishes it as a new version. Anything that would make the version wrong aborts the import
 * before publication, so the live version keeps serving.
 */
public final class Importer {

    private final Catalogue catalogue;
    private final Path dataDir;
    private final Consumer<String> progress;

    public Importer(Catalogue catalogue, Path dataDir, Consumer<String> progress) {
        this.catalogue = catalogue;
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
            long start = System.nanoTime();
            long version = publisher.publish(dataset);
            report.step("publish", Map.of("version", version), millis(start));
            progress.accept("published version " + version);
            report.published(version);
        } catch (SourceException e) {
            report.error("unreadable-file", dataDir.relativize(e.file()).toString(), null, null, null, e.getMessage());
            report.aborted(e.getMessage());
        } catch (IOException | StoreException e) {
            report.error("import-failed", null, null, null, null, e.getMessage());
            report.aborted(e.getMessage());
        }
        return report;
    }

    /** Reads every level into a dataset, reporting as it goes. */
    Dataset read(ImportReport report) throws IOException {
        if (!Files.isDirectory(dataDir)) {
            throw new IOException("data directory " + dataDir + " does not exist (set ATLAS_DATA_DIR)");
        }
        GeometryFactory factory = new GeometryFactory();
        TerritoryReader reader = new TerritoryReader(factory, report);
        List<Dataset.LevelData> levels = new ArrayList<>();
        for (LevelDef level : catalogue.levels()) {
            long start = System.nanoTime();
            List<Territory> territories = reader.read(dataDir, level);
            report.step("territories " + level.id(), Map.of("territories", territories.size()), millis(start));
            progress.accept(String.format("%-24s %6d territories  %5d ms", "read " + level.id(),
                    territories.size(), millis(start)));
            if (territories.isEmpty()) {
                report.error("empty-level", level.source(), null, null, null,
                        "level '" + level.id() + "' has no usable territory");
            }
            levels.add(new Dataset.LevelData(level, territories));
        }
        return new Dataset(levels);
    }

    private static long millis(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
