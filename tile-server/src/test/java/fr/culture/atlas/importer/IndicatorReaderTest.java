package fr.culture.atlas.importer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import fr.culture.atlas.TestData;
import fr.culture.atlas.config.IndicatorCatalogue;
import fr.culture.atlas.source.Workbooks;
import fr.culture.atlas.store.IndicatorData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static fr.culture.atlas.source.Workbooks.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One test per problem a Deps file can have, on tiny workbooks written at test time. */
class IndicatorReaderTest {

    private static final String POPULATION_FILE = """
            files:
              - id: pop
                path: pop.xls
                meta-sheet: Meta
                missing-values: [-1]
                levels:
                  - { level: commune, sheet: "Population", code: "Code Insee", name: "Commune",
                      columns: { population: "Population totale" } }
            indicators:
              - { id: population, label: Population, unit: hab., theme: contexte, kind: count, aggregate: sum, file: pop, value: population }
            """ + TestData.THEMES;

    @TempDir
    Path data;

    private final ImportReport report = new ImportReport();
    private final ReferenceIndex index = ReferenceIndex.of(Map.of(
                    "region", Map.of("11", "Île-de-France", "01", "Guadeloupe"),
                    "departement", Map.of("01", "Ain", "75", "Paris", "971", "Guadeloupe"),
                    "commune", Map.of("01001", "L'Abergement-Clémenciat", "01002", "L'Abergement-de-Varey",
                            "01004", "Ambérieu-en-Bugey", "75056", "Paris")))
            .alias("commune", "01003", "01004");   // 01003 merged into 01004 since

    @Test
    void wideFileGivesValuesPerCurrentCodeAndTheMetaTexts() throws IOException {
        population(row("L'Abergement-Clémenciat", "01001", 767), row("Varey", 1002, 100), row("Paris", "75056", -1),
                row("Nulle part", "01004", null));
        IndicatorImport result = read(POPULATION_FILE);
        IndicatorData pop = result.indicators().getFirst();
        assertEquals(Map.of("01001", 767.0, "01002", 100.0), pop.values().get("commune"),
                "numeric code 1002 is 01002; -1 and the empty cell are not available, not zero");
        assertEquals("Population municipale", pop.definition());
        assertEquals("Insee", pop.source());
        assertEquals("2018", pop.year());
        IndicatorImport.FileSummary summary = result.files().getFirst();
        assertEquals(new IndicatorImport.FileSummary("pop.xls", 4, 2, 2, 0, summary.millis()), summary);
        assertTrue(report.entries().isEmpty(), report.summary());
        assertEquals("indicators pop.xls", report.steps().getFirst().name());
    }

    @Test
    void truncatedFileIsAnErrorNamingItsIndicatorsAndTheOthersAreStillRead() throws IOException {
        population(row("Paris", "75056", 2187526));
        byte[] bytes = Files.readAllBytes(data.resolve("pop.xls"));
        Files.write(data.resolve("cut.xls"), Arrays.copyOf(bytes, 3000));
        IndicatorImport result = read(POPULATION_FILE.replace("indicators:", """
                  - id: cut
                    path: cut.xls
                    levels:
                      - { level: commune, sheet: "Population", code: "Code Insee", columns: { population: "Population totale" } }
                indicators:
                  - { id: population_bis, label: Bis, theme: contexte, kind: count, aggregate: sum, file: cut, value: population }"""));
        ImportReport.Entry e = only("unreadable-file");
        assertEquals(ImportReport.Severity.ERROR, e.severity());
        assertEquals("cut.xls", e.file());
        assertTrue(e.message().contains("truncated or damaged") && e.message().contains("population_bis"), e.message());
        assertTrue(report.hasErrors(), "the importer must not publish");
        assertEquals(List.of("population"), result.indicators().stream().map(d -> d.def().id()).toList());
        assertEquals(2187526.0, result.indicators().getFirst().values().get("commune").get("75056"));
    }

    @Test
    void missingSheetListsTheSheetsFound() throws IOException {
        Workbooks.create().sheet("Pop", row("Commune", "Code Insee", "Population totale"))
                .meta("d", "s", "2018").write(data.resolve("pop.xls"));
        read(POPULATION_FILE);
        ImportReport.Entry e = only("missing-sheet");
        assertEquals(ImportReport.Severity.ERROR, e.severity());
        assertEquals("Population", e.sheet());
        assertTrue(e.message().endsWith("sheets found: Pop | Meta"), e.message());
        assertTrue(e.config().endsWith("/indicators.yaml line 7"), "the entry of config/ that declares the sheet: " + e.config());
    }

    @Test
    void renamedColumnSaysWhichColumnsWereFound() throws IOException {
        Workbooks.create().sheet("Population", row("Commune", "Code Insee", "Population 2018"), row("Paris", "75056", 1))
                .meta("d", "s", "2018").write(data.resolve("pop.xls"));
        read(POPULATION_FILE);
        ImportReport.Entry e = only("missing-column");
        assertEquals(ImportReport.Severity.ERROR, e.severity());
        assertEquals("Population totale", e.column());
        assertEquals(1, e.row());
        assertTrue(e.message().endsWith("columns found: Commune | Code Insee | Population 2018"), e.message());
        assertTrue(e.config().endsWith("/indicators.yaml line 7"), e.config());
        assertTrue(report.summary().contains("(declared in "), report.summary());
    }

    @Test
    void textInANumberColumnIsReportedAtItsCellAndSkipped() throws IOException {
        population(row("A", "01001", "n.d."), row("B", "01002", "1 234,5"));
        IndicatorImport result = read(POPULATION_FILE);
        ImportReport.Entry e = only("text-in-number");
        assertEquals(List.of("pop.xls", "Population", 2, "Population totale", "n.d."),
                List.of(e.file(), e.sheet(), e.row(), e.column(), e.value()));
        assertEquals(ImportReport.Severity.WARNING, e.severity());
        assertEquals(Map.of("01002", 1234.5), result.indicators().getFirst().values().get("commune"),
                "a number typed as French text is a number");
    }

    @Test
    void duplicatedCodeKeepsTheFirstRow() throws IOException {
        population(row("A", "01001", 10), row("A bis", "01001", 20));
        IndicatorImport result = read(POPULATION_FILE);
        ImportReport.Entry e = only("duplicated-code");
        assertEquals(3, e.row());
        assertEquals("01001", e.value());
        assertTrue(e.message().contains("already on row 2"), e.message());
        assertEquals(10.0, result.indicators().getFirst().values().get("commune").get("01001"));
    }

    @Test
    void unknownCodeIsReportedAfterResolution() throws IOException {
        population(row("Atlantide", "99999", 10), row("Ancienne", "01003", 5));
        IndicatorImport result = read(POPULATION_FILE);
        ImportReport.Entry e = only("unknown-code");
        assertEquals(List.of(2, "Code Insee", "99999"), List.of(e.row(), e.column(), e.value()));
        assertEquals(Map.of("01004", 5.0), result.indicators().getFirst().values().get("commune"),
                "an old code is published under its current one");
    }

    @Test
    void oldCodesAreRejectedOrSummedAsDeclared() throws IOException {
        population(row("Nouvelle", "01004", 100), row("Ancienne", "01003", 5));
        assertEquals(100.0, read(POPULATION_FILE).indicators().getFirst().values().get("commune").get("01004"));
        assertEquals(3, only("merged-code").row());
        ImportReport summed = new ImportReport();
        String yaml = POPULATION_FILE.replace("missing-values: [-1]", "old-codes: sum");
        IndicatorImport result = new IndicatorReader(data, index, summed, 1).read(catalogue(yaml));
        assertEquals(105.0, result.indicators().getFirst().values().get("commune").get("01004"));
        assertTrue(summed.entries().isEmpty(), summed.summary());
    }

    @Test
    void ministryNamesMatchingNothingAreReportedAtEachLevel() throws IOException {
        Object[] header = row("X", "Dépénses totales", "Population");
        Workbooks.create()
                .sheet("Région", header, row("Île-de-France", 1000.0, 10), row("Guadeloupe", 50.0, 5), row("Atlantide", 1.0, 1))
                .sheet("Département", header, row("Paris", 800.0, 4), row("Guadeloupe", 40.0, 4), row("Haute-Corse", -1, 2))
                .meta("d", "s", "2019").write(data.resolve("min.xls"));
        IndicatorImport result = read("""
                files:
                  - id: min
                    path: min.xls
                    meta-sheet: Meta
                    missing-values: [-1]
                    levels:
                      - { level: region, sheet: "Région", name: "X", join: name, columns: { total: "Dépénses totales", population: "Population" } }
                      - { level: departement, sheet: "Département", name: "X", join: name, columns: { total: "Dépénses totales", population: "Population" } }
                indicators:
                  - { id: par_hab, label: L, unit: €/hab., theme: depenses, kind: rate, aggregate: ratio, file: min, value: total, divide-by: population }
                """ + TestData.THEMES);
        Map<String, Map<String, Object>> v = result.indicators().getFirst().values();
        assertEquals(Map.of("11", 100.0, "01", 10.0), v.get("region"), "Guadeloupe the région is 01");
        assertEquals(Map.of("75", 200.0, "971", 10.0), v.get("departement"), "Guadeloupe the département is 971");
        List<ImportReport.Entry> unknown = entries("unknown-name");
        assertEquals(2, unknown.size(), report.summary());
        assertEquals(List.of("Région", 4, "Atlantide"), List.of(unknown.get(0).sheet(), unknown.get(0).row(), unknown.get(0).value()));
        assertEquals("Haute-Corse", unknown.get(1).value());
    }

    @Test
    void longFormatSumsSectorsAndComputesPerInhabitantAndPerSector() throws IOException {
        Object[] header = row("Code INSEE", "Commune", "Secteur", "Total", "Population");
        Workbooks.create().sheet("Dépenses culturelles", header,
                        row("75056", "Paris", "Musées", 100.0, 2000), row("75056", "Paris", "Bibliothèques", 60.0, 2000),
                        row("01001", "A", "Bibliothèques", 3.0, 1000), row("01001", "A", "Bibliothèques", 9.0, 1000),
                        row("01002", "B", "Musées", 2.0, 500), row("01002", "B", "Théâtres", null, 500))
                .write(data.resolve("dep.xls"));
        IndicatorImport result = read("""
                files:
                  - id: dep
                    path: dep.xls
                    year: "2019"
                    sector-column: Secteur
                    per-territory: [population]
                    levels:
                      - { level: commune, sheet: "Dépenses culturelles", code: "Code INSEE", columns: { total: "Total", population: "Population" } }
                indicators:
                  - { id: dep_hab, label: L, theme: depenses, kind: rate, aggregate: ratio, file: dep, value: total, multiply: 1000, divide-by: population }
                  - { id: musees_hab, label: L, theme: depenses, kind: rate, aggregate: ratio, file: dep, value: total, multiply: 1000,
                      divide-by: population, sectors: ["Musées"], absent-sector: zero }
                """ + TestData.THEMES);
        assertEquals(Map.of("75056", 80.0, "01001", 3.0), result.indicators().get(0).values().get("commune"),
                "Paris (100 + 60) k€ / 2000 hab.; B has an empty amount, so no total");
        assertEquals(Map.of("75056", 50.0, "01001", 0.0, "01002", 4.0), result.indicators().get(1).values().get("commune"),
                "A has no Musées row: it spent nothing on them");
        ImportReport.Entry dup = only("duplicated-code");
        assertEquals(5, dup.row());
        assertTrue(dup.message().startsWith("sector 'Bibliothèques'"), dup.message());
        assertEquals("2019", result.indicators().getFirst().year(), "no Meta sheet: the year of the config");
    }

    @Test
    void sharesCategoriesBooleansAndUndeclaredSheets() throws IOException {
        Workbooks.create()
                .sheet("Commune", row("Code Insee", "Culture", "Total", "Grille", "ACV"),
                        row("01001", 1, 4, "Peu dense", "ACV001"), row("01002", 0, 0, "Dense ?", null),
                        row("75056", 30, 20, "Très dense", null))
                .sheet("Zone d'emploi", row("Code Insee", "Culture", "Total"))
                .write(data.resolve("emploi.xlsx"));
        IndicatorImport result = read("""
                files:
                  - id: e
                    path: emploi.xlsx
                    levels:
                      - { level: commune, sheet: Commune, code: "Code Insee",
                          columns: { culture: Culture, total: Total, grille: Grille, acv: ACV } }
                indicators:
                  - { id: part, label: Part, unit: "%", theme: emploi, kind: share, aggregate: ratio, file: e, value: culture, divide-by: total, multiply: 100 }
                  - id: grille
                    label: Grille
                    theme: contexte
                    kind: categorical
                    file: e
                    value: grille
                    categories:
                      - { key: tres_dense, label: "Très dense", match: ["Très dense"] }
                      - { key: peu_dense, label: "Peu dense" }
                  - { id: acv, label: ACV, theme: contexte, kind: boolean, file: e, value: acv, true-when: filled }
                """ + TestData.THEMES);
        assertEquals(Map.of("01001", 25.0, "75056", 150.0), result.indicators().get(0).values().get("commune"),
                "a share of a zero total is not available");
        assertEquals(Map.of("01001", "peu_dense", "75056", "tres_dense"), result.indicators().get(1).values().get("commune"));
        assertEquals(Map.of("01001", true, "01002", false, "75056", false), result.indicators().get(2).values().get("commune"));
        assertEquals("Dense ?", only("unknown-category").value());
        assertEquals(4, only("share-out-of-range").row());
        ImportReport.Entry sheet = only("sheet-not-imported");
        assertEquals("Zone d'emploi", sheet.sheet());
        assertEquals(ImportReport.Severity.WARNING, sheet.severity());
    }

    @Test
    void outliersAreReportedAndKept() throws IOException {
        List<Object[]> rows = new ArrayList<>();
        String[] codes = {"01001", "01002", "01004", "75056"};
        double[] values = {100, 104, 97, 5000};
        for (int i = 0; i < codes.length; i++) {
            rows.add(row("C", codes[i], values[i]));
        }
        population(rows.toArray(Object[][]::new));
        IndicatorImport result = read(POPULATION_FILE);
        ImportReport.Entry e = only("outlier");
        assertEquals(List.of(5, "Population totale", "5000"), List.of(e.row(), e.column(), e.value()));
        assertEquals(5000.0, result.indicators().getFirst().values().get("commune").get("75056"));
        assertFalse(report.hasErrors());
    }

    @Test
    void countsAddingUpDifferentlyAcrossLevelsAreReported() throws IOException {
        Object[] header = row("Code Insee", "N");
        Workbooks.create().sheet("R", header, row("11", 100))
                .sheet("C", header, row("01001", 500), row("75056", 400)).write(data.resolve("n.xls"));
        read("""
                files:
                  - id: n
                    path: n.xls
                    levels:
                      - { level: region, sheet: R, code: "Code Insee", columns: { n: N } }
                      - { level: commune, sheet: C, code: "Code Insee", columns: { n: N } }
                indicators:
                  - { id: n, label: N, theme: emploi, kind: count, aggregate: sum, file: n, value: n }
                """ + TestData.THEMES);
        ImportReport.Entry e = only("level-totals-differ");
        assertEquals("900", e.value());
        assertNull(e.row());
    }

    private void population(Object[]... rows) throws IOException {
        Object[][] all = new Object[rows.length + 1][];
        all[0] = row("Commune", "Code Insee", "Population totale");
        System.arraycopy(rows, 0, all, 1, rows.length);
        Workbooks.create().sheet("Population", all).meta("Population municipale", "Insee", "2018")
                .write(data.resolve("pop.xls"));
    }

    private IndicatorImport read(String yaml) throws IOException {
        return new IndicatorReader(data, index, report, 1).read(catalogue(yaml));
    }

    private IndicatorCatalogue catalogue(String yaml) throws IOException {
        Path file = Files.writeString(data.resolve("indicators.yaml"), yaml);
        return IndicatorCatalogue.load(file, true, fr.culture.atlas.TestData.catalogue());
    }

    private List<ImportReport.Entry> entries(String kind) {
        return report.entries().stream().filter(e -> e.kind().equals(kind)).toList();
    }

    private ImportReport.Entry only(String kind) {
        List<ImportReport.Entry> found = entries(kind);
        assertEquals(1, found.size(), "expected one '" + kind + "' entry in\n" + report.summary());
        return found.getFirst();
    }
}
