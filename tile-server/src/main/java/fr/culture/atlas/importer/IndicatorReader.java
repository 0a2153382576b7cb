package fr.culture.atlas.importer;

import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import fr.culture.atlas.config.ExcelFileSpec;
import fr.culture.atlas.config.IndicatorDef;
import fr.culture.atlas.config.IndicatorSource;
import fr.culture.atlas.config.IndicatorCatalogue;
import fr.culture.atlas.source.CellValue;
import fr.culture.atlas.source.ExcelTable;
import fr.culture.atlas.source.ExcelWorkbook;
import fr.culture.atlas.source.SourceException;
import fr.culture.atlas.store.IndicatorData;

/**
 * Reads the indicators of the catalogue from their Excel files. Row-level problems (unknown
 * code, text in a number column, duplicate…) are warnings: the row or cell is skipped. A file
 * that cannot be read, or lacks a declared sheet or column, is an error: its indicators would be
 * missing or wrong, so the import must not publish (the live version keeps serving).
 * The reader still reads every other file, so that one report lists every problem at once.
 */
public final class IndicatorReader {

    private final Path dataDir;
    private final TerritoryIndex index;
    private final ImportReport report;
    private final int threads;

    /** Reads files two at a time: the .xls parse is single-threaded and the files independent. */
    public IndicatorReader(Path dataDir, TerritoryIndex index, ImportReport report) {
        this(dataDir, index, report, Math.min(2, Runtime.getRuntime().availableProcessors()));
    }

    public IndicatorReader(Path dataDir, TerritoryIndex index, ImportReport report, int threads) {
        this.dataDir = dataDir;
        this.index = index;
        this.report = report;
        this.threads = Math.max(1, threads);
    }

    private record FileResult(List<IndicatorData> data, IndicatorImport.FileSummary summary,
                              Map<String, Map<String, Map<String, Aggregation.Ratio>>> ratios) {
    }

    /**
     * Reads every file that at least one indicator uses; adds entries and one step per file to
     * the report. IndicatorCatalogue come back in catalogue order.
     */
    public IndicatorImport read(IndicatorCatalogue catalogue) {
        List<ExcelFileSpec> files = catalogue.files().stream().filter(f -> !catalogue.readFrom(f.id()).isEmpty()).toList();
        List<FileResult> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<FileResult>> futures = files.stream().map(f -> pool.submit(() -> readFile(catalogue, f))).toList();
            for (Future<FileResult> future : futures) {
                results.add(future.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("indicator import interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("indicator import failed: " + e.getCause(), e.getCause());
        }
        Map<String, IndicatorData> byId = new HashMap<>();
        results.forEach(r -> r.data().forEach(d -> byId.put(d.def().id(), d)));
        List<IndicatorData> ordered = catalogue.defs().stream().map(d -> byId.get(d.id())).filter(d -> d != null).toList();
        List<IndicatorImport.FileSummary> summaries = new ArrayList<>();
        for (FileResult r : results) {
            IndicatorImport.FileSummary read = r.summary();
            int warnings = (int) report.entries().stream().filter(e -> read.file().equals(e.file())).count();
            var s = new IndicatorImport.FileSummary(read.file(), read.rows(), read.values(), read.emptyCells(), warnings,
                    read.millis());
            summaries.add(s);
            report.step("indicators " + s.file(), counts(s), s.millis());
        }
        Map<String, Map<String, Map<String, Aggregation.Ratio>>> ratios = new HashMap<>();
        results.forEach(r -> ratios.putAll(r.ratios()));
        return new IndicatorImport(ordered, summaries, ratios);
    }

    private static Map<String, Object> counts(IndicatorImport.FileSummary s) {
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("rows", s.rows());
        counts.put("values", s.values());
        counts.put("empty", s.emptyCells());
        counts.put("entries", s.warnings());
        return counts;
    }

    private FileResult readFile(IndicatorCatalogue catalogue, ExcelFileSpec file) {
        long start = System.nanoTime();
        String name = file.path();
        List<IndicatorDef> defs = catalogue.readFrom(file.id());
        try (ExcelWorkbook workbook = ExcelWorkbook.open(dataDir.resolve(file.path()))) {
            Map<String, String> meta = meta(workbook, file, name);
            reportUndeclaredSheets(workbook, file, name);
            SheetReader reader = new SheetReader(index, report, name, file);
            Map<String, LevelRows> levels = new LinkedHashMap<>();
            Set<String> wanted = new LinkedHashSet<>();
            defs.forEach(d -> wanted.addAll(d.levels()));
            for (String level : wanted) {
                ExcelFileSpec.SheetSpec spec = file.level(level).orElseThrow();
                ExcelTable table = table(workbook, file, spec, name);
                if (table != null) {
                    levels.put(level, reader.read(table, spec, catalogue.numericRoles(file.id()), catalogue.textRoles(file.id())));
                }
            }
            List<IndicatorData> data = new ArrayList<>();
            Map<String, Map<String, Map<String, Aggregation.Ratio>>> ratios = new HashMap<>();
            int values = 0;
            IndicatorValues compute = new IndicatorValues(report, name);
            for (IndicatorDef def : defs) {
                IndicatorSource source = catalogue.source(def.id());
                Map<String, Map<String, Object>> byLevel = new LinkedHashMap<>();
                for (String level : def.levels()) {
                    LevelRows rows = levels.get(level);
                    if (rows != null) {
                        Map<String, Object> v = compute.compute(def, source, rows);
                        if (def.kind().numeric()) {
                            checkValues(def, source, rows, v, name);
                        }
                        byLevel.put(level, v);
                        values += v.size();
                        if (def.aggregation() == IndicatorDef.Aggregation.RATIO) {
                            ratios.computeIfAbsent(def.id(), k -> new HashMap<>())
                                    .put(level, IndicatorValues.ratios(source, rows));
                        }
                    }
                }
                if (def.kind() == IndicatorDef.Kind.COUNT) {
                    checkLevelTotals(def, source, byLevel, levels, name);
                }
                data.add(new IndicatorData(def, first(source.definition(), meta.get("definition"), file.definition()),
                        first(source.source(), meta.get("source"), file.source()),
                        first(source.year(), meta.get("annee"), file.year()), byLevel)
                        .withEdition(Editions.of(dataDir, file.path(), first(meta.get("annee"), file.year()))));
            }
            return new FileResult(data, new IndicatorImport.FileSummary(name, reader.rows, values, reader.emptyCells, 0,
                    millis(start)), ratios);
        } catch (SourceException e) {
            report.add(new ImportReport.Entry(ImportReport.Severity.ERROR, "unreadable-file", name, e.sheet(), e.row(),
                    e.column(), null,
                    e.getMessage() + "; its indicators (" + String.join(", ", defs.stream().map(IndicatorDef::id).toList())
                            + ") cannot be published"));
            return new FileResult(List.of(), new IndicatorImport.FileSummary(name, 0, 0, 0, 0, millis(start)), Map.of());
        }
    }

    /** The sheet of a level, its declared columns checked; null (an error entry) when it does not fit. */
    private ExcelTable table(ExcelWorkbook workbook, ExcelFileSpec file, ExcelFileSpec.SheetSpec spec, String name) {
        ExcelTable table = workbook.table(spec.sheet(), file.headerRow()).orElse(null);
        if (table == null) {
            report.add(new ImportReport.Entry(ImportReport.Severity.ERROR, "missing-sheet", name, spec.sheet(), null, null,
                    null, "no sheet named '" + spec.sheet() + "' for level " + spec.level() + "; sheets found: "
                    + String.join(" | ", workbook.sheetNames()), spec.declaredAt()));
            return null;
        }
        List<String> expected = new ArrayList<>();
        if (spec.codeColumn() != null) {
            expected.add(spec.codeColumn());
        }
        if (spec.nameColumn() != null) {
            expected.add(spec.nameColumn());
        }
        if (file.sectorColumn() != null) {
            expected.add(file.sectorColumn());
        }
        expected.addAll(spec.columns().values());
        List<String> missing = expected.stream().filter(h -> table.column(h) < 0).distinct().toList();
        for (String header : missing) {
            report.add(new ImportReport.Entry(ImportReport.Severity.ERROR, "missing-column", name, spec.sheet(),
                    file.headerRow(), header, null, "no column '" + header + "' on header row " + file.headerRow()
                    + "; columns found: " + String.join(" | ", table.headers()), spec.declaredAt()));
        }
        return missing.isEmpty() ? table : null;
    }

    private Map<String, String> meta(ExcelWorkbook workbook, ExcelFileSpec file, String name) {
        Map<String, String> meta = new HashMap<>();
        if (file.metaSheet() == null) {
            return meta;
        }
        if (!workbook.sheetNames().contains(file.metaSheet())) {
            report.add(new ImportReport.Entry(ImportReport.Severity.WARNING, "missing-meta", name, file.metaSheet(), null,
                    null, null, "no Meta sheet; definition, source and year taken from indicators.yaml"));
        }
        // labels compared without accents nor case: "Année", "Annee", "Définition" all work
        workbook.meta(file.metaSheet()).forEach((label, text) -> meta.put(fold(label), text));
        return meta;
    }

    private void reportUndeclaredSheets(ExcelWorkbook workbook, ExcelFileSpec file, String name) {
        Set<String> known = new LinkedHashSet<>(file.ignoreSheets());
        file.levels().forEach(s -> known.add(s.sheet()));
        if (file.metaSheet() != null) {
            known.add(file.metaSheet());
        }
        for (String sheet : workbook.sheetNames()) {
            if (!known.contains(sheet)) {
                report.add(new ImportReport.Entry(ImportReport.Severity.WARNING, "sheet-not-imported", name, sheet, null,
                        null, null, "sheet not imported: no level of indicators.yaml reads it (information)"));
            }
        }
    }

    private void checkValues(IndicatorDef def, IndicatorSource source, LevelRows rows, Map<String, Object> values,
                              String name) {
        Outliers found = Outliers.of(values.values());
        // no usable spread (too few values, MAD zero): nothing is an outlier
        Outliers test = found != null ? found : new Outliers(false, 0, Double.POSITIVE_INFINITY);
        String column = rows.spec().columns().get(source.value());
        double[] range = test.range();
        values.forEach((code, v) -> {
            if (v instanceof Double d && def.kind() == IndicatorDef.Kind.SHARE && (d < 0 || d > 100)) {
                report.add(new ImportReport.Entry(ImportReport.Severity.WARNING, "share-out-of-range", name,
                        rows.sheetName(), rows.territories().get(code).row, column, CellValue.plain(round(d)),
                        def.id() + " of " + rows.spec().level() + " " + code + " is not between 0 and 100 %: "
                                + "is the part larger than its total? value kept, please check"));
            } else if (v instanceof Double d && test.outlier(d)) {
                report.add(new ImportReport.Entry(ImportReport.Severity.WARNING, "outlier", name, rows.sheetName(),
                        rows.territories().get(code).row, column, CellValue.plain(round(d)), String.format(Locale.ROOT,
                        "%s of %s %s is more than %.0f MAD from the median%s (usual range %s to %s); value kept, please check",
                        def.id(), rows.spec().level(), code, Outliers.LIMIT, test.log() ? ", on a log scale" : "",
                        CellValue.plain(round(range[0])), CellValue.plain(round(range[1])))));
            }
        });
    }

    /**
     * A count summed over all territories of a level should give about the same total at every
     * level. A sheet holding another file's column (it happened: the commune sheet of the
     * businesses file carries employees) gives totals several times apart.
     */
    private void checkLevelTotals(IndicatorDef def, IndicatorSource source, Map<String, Map<String, Object>> byLevel,
                                  Map<String, LevelRows> levels, String name) {
        String reference = null;
        double referenceTotal = 0;
        for (Map.Entry<String, Map<String, Object>> e : byLevel.entrySet()) {
            double total = e.getValue().values().stream().mapToDouble(v -> (Double) v).sum();
            if (reference == null) {
                reference = e.getKey();
                referenceTotal = total;
            } else if (referenceTotal > 0 && Math.abs(total - referenceTotal) > LEVEL_TOLERANCE * referenceTotal) {
                report.add(new ImportReport.Entry(ImportReport.Severity.WARNING, "level-totals-differ", name,
                        levels.get(e.getKey()).sheetName(), null, levels.get(e.getKey()).spec().columns().get(source.value()), CellValue.plain(round(total)), String.format(
                        Locale.ROOT, "%s: the %s values add up to %s, the %s values to %s (more than %.0f %% apart); "
                                + "is it the right column? values kept, please check", def.id(), e.getKey(),
                        CellValue.plain(round(total)), reference, CellValue.plain(round(referenceTotal)),
                        LEVEL_TOLERANCE * 100)));
            }
        }
    }

    /** Relative gap between level totals that is reported (territories missing at one level explain a few %). */
    static final double LEVEL_TOLERANCE = 0.10;

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    private static String first(String... texts) {
        for (String t : texts) {
            if (t != null && !t.isBlank()) {
                return t.strip();
            }
        }
        return "";
    }

    static String fold(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "").strip().toLowerCase(Locale.ROOT);
    }

    private static long millis(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
