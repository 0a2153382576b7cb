package fr.culture.atlas.importer;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import fr.culture.atlas.TestData;
import fr.culture.atlas.config.IndicatorCatalogue;
import fr.culture.atlas.store.IndicatorData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** config/indicators.yaml over the real Deps files, with a territory index from reference/*.json. */
class IndicatorReaderRealDataTest {

    private static ImportReport report;
    private static IndicatorImport result;
    private static long millis;

    @BeforeAll
    static void read() throws IOException {
        ReferenceIndex index = ReferenceIndex.load(TestData.dataDir());
        IndicatorCatalogue catalogue = IndicatorCatalogue.load(TestData.configDir(), TestData.catalogue());
        report = new ImportReport();
        long start = System.nanoTime();
        result = new IndicatorReader(TestData.dataDir(), index, report).read(catalogue);
        millis = (System.nanoTime() - start) / 1_000_000;
        System.out.println("indicator import: " + millis + " ms, " + result.values() + " values");
        result.files().forEach(f -> System.out.printf("  %-62s %6d rows %6d values %6d empty %5d entries %5d ms%n",
                f.file(), f.rows(), f.values(), f.emptyCells(), f.warnings(), f.millis()));
    }

    /** Lets the next test classes have the heap: the values of every indicator are large. */
    @AfterAll
    static void release() {
        result = null;
    }

    private static Map<String, Object> values(String indicator, String level) {
        IndicatorData data = result.indicators().stream().filter(d -> d.def().id().equals(indicator)).findFirst()
                .orElseThrow(() -> new AssertionError("indicator " + indicator + " not read"));
        return data.values().get(level);
    }

    private static double number(String indicator, String level, String code) {
        Object v = values(indicator, level).get(code);
        assertTrue(v instanceof Double, indicator + " " + level + " " + code + " = " + v);
        return (Double) v;
    }

    @Test
    void everyIndicatorIsReadWithoutError() {
        assertFalse(report.hasErrors(), report.summary());
        assertEquals(IndicatorCatalogue.load(TestData.configDir(), TestData.catalogue()).defs().size(), result.indicators().size());
        // the commune sheet of the businesses file holds employee counts: config publishes régions and départements only
        assertEquals(List.of("region", "departement"), result.indicators().stream()
                .filter(d -> d.def().id().equals("part_entreprises_culturelles")).findFirst().orElseThrow().def().levels());
    }

    @Test
    void knownValues() {
        assertEquals(2_187_526, number("population", "commune", "75056"));
        assertEquals(24189.0 / 414684 * 100, number("part_entreprises_culturelles", "region", "11"), 1e-9);
        // Grand Est: two sector rows, (46989.45967 + 15355.50375) k€ for 5 549 586 inhabitants
        assertEquals((46989.45967 + 15355.50375) * 1000 / 5549586, number("depenses_regions_par_habitant", "region", "44"), 1e-9);
        assertEquals("tres_dense", values("grille_densite", "commune").get("75056"));
        assertEquals("commune_centre", values("categorie_aire_attraction", "commune").get("75056"));
        assertEquals(234, values("action_coeur_de_ville", "commune").values().stream().filter(Boolean.TRUE::equals).count());
    }

    @Test
    void ministryFileIsJoinedByNameWithinEachLevel() {
        assertEquals(202554093.23, number("depenses_ministere", "region", "84"), 0.01);
        assertEquals(4239620.86, number("depenses_ministere", "departement", "01"), 0.01);
        // Guadeloupe is a région (01) and a département (971): each sheet joins its own level
        assertEquals(10378831.9, number("depenses_ministere", "region", "01"), 0.01);
        assertEquals(7723891.81, number("depenses_ministere", "departement", "971"), 0.01);
        assertNull(values("depenses_ministere", "departement").get("2A"), "-1 in the file means not available");
        assertEquals(18, values("depenses_ministere", "region").size());
        assertTrue(report.entries().stream().noneMatch(e -> e.kind().equals("unknown-name")));
    }

    @Test
    void sentinelsAreMissingOnlyWhereDeclared() {
        assertNull(values("indice_jeunesse", "commune").get("97601"), "-1 in Indice de jeunesse is a sentinel");
        assertTrue(values("evolution_population", "commune").containsValue(-1.0), "-1 % a year is a real evolution");
        assertEquals(34945, values("evolution_population", "commune").size());
    }

    @Test
    void metaTextsComeFromTheFileElseTheConfig() {
        IndicatorData population = result.indicators().getFirst();
        assertEquals(List.of("Insee", "2018"), List.of(population.source(), population.year()));
        assertTrue(population.definition().length() > 20, population.definition());
        IndicatorData typo = result.indicators().stream().filter(d -> d.def().id().equals("typologie_urbain_rural"))
                .findFirst().orElseThrow();
        assertEquals(List.of("Insee", "2020"), List.of(typo.source(), typo.year()));
    }

    @Test
    void reportSaysWhatWasNotImportedAndWhatLooksWrong() {
        List<String> sheets = report.entries().stream().filter(e -> e.kind().equals("sheet-not-imported"))
                .map(e -> e.file() + " / " + e.sheet()).toList();
        assertTrue(sheets.contains("indicators/Actifs dans les secteurs culturels.xls / Zone d'emploi"), sheets.toString());
        // the commune sheet of the businesses file, which carries the employees column, is not published
        assertEquals(null, values("entreprises_culturelles", "commune"));
        assertTrue(report.entries().stream().noneMatch(e -> e.kind().equals("level-totals-differ")
                && e.file().startsWith("indicators/Salariés")), report.summary());
        assertEquals(result.files().size(), report.steps().size());
    }
}
