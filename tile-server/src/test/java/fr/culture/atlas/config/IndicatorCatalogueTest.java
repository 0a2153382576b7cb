package fr.culture.atlas.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import fr.culture.atlas.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IndicatorCatalogueTest {

    @TempDir
    Path dir;

    @Test
    void theCatalogueDeclaresEveryIndicatorFile() throws IOException {
        IndicatorCatalogue catalogue = IndicatorCatalogue.load(TestData.configDir(), TestData.catalogue());
        Set<String> declared = catalogue.files().stream().map(ExcelFileSpec::path).collect(Collectors.toSet());
        try (Stream<Path> files = Files.list(TestData.dataDir().resolve("indicators"))) {
            files.map(f -> "indicators/" + f.getFileName()).forEach(f ->
                    assertTrue(declared.contains(f), f + " is not declared in indicators.yaml"));
        }
        IndicatorDef share = catalogue.def("part_salaries_culturels").orElseThrow();
        assertEquals(IndicatorDef.Kind.SHARE, share.kind());
        assertEquals("emploi", share.theme());
        assertEquals(4, catalogue.def("grille_densite").orElseThrow().categories().size());
        assertEquals("Très dense", catalogue.def("grille_densite").orElseThrow().categories().getFirst().label());
        IndicatorSource perSector = catalogue.source("depenses_communes_patrimoine_par_habitant");
        assertEquals(1000.0, perSector.multiply());
        assertEquals("population", perSector.divideBy());
        assertTrue(perSector.absentSectorZero());
    }

    @Test
    void everyProblemIsListedAtOnce() throws IOException {
        Path file = Files.writeString(dir.resolve("indicators.yaml"), """
                files:
                  - id: pop
                    path: Population.xls
                    levels:
                      - { level: commune, code: "Code Insee", columns: { population: "Population totale" } }
                      - { level: canton, sheet: C, code: C, columns: { population: P } }
                indicators:
                  - { id: population, label: P, theme: contexte, kind: count, aggregate: sum, file: pop, value: population }
                  - { id: population, label: P, theme: contexte, kind: count, aggregate: sum, file: pop, value: population }
                  - { id: densite, label: D, theme: contexte, kind: ratio, file: pop, value: population }
                  - { id: part, label: P, theme: culture, kind: share, aggregate: none, file: popu, value: population }
                  - { id: autre, label: A, theme: contexte, kind: count, aggregate: sum, file: pop, value: habitants }
                  - { id: sans, label: S, theme: contexte, kind: count, file: pop, value: population }
                  - { id: moyenne, label: M, theme: contexte, kind: rate, aggregate: sum, file: pop, value: population }
                  - { id: rapport, label: R, theme: contexte, kind: share, aggregate: ratio, file: pop, value: population }
                  - { id: somme, label: S, theme: contexte, kind: count, aggregate: average, file: pop, value: population }
                  - { id: habitants, label: H, theme: contextes, kind: count, aggregate: sum, file: pop, value: population }
                  - { id: range, label: R, theme: contexte, kind: count, aggregate: sum, file: pop, value: population, ordered: true }
                """ + TestData.THEMES);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> IndicatorCatalogue.load(file, true, TestData.catalogue()));
        String m = e.getMessage();
        for (String expected : new String[] {
                "file 'pop' level commune has no 'sheet'",
                "unknown level 'canton'; levels of levels.yaml: region, departement, epci, commune",
                "indicator 'sans' has no 'aggregate' (how a larger territory's value is made from its members'): sum",
                "indicator 'moyenne': a rate does not add up over territories",
                "indicator 'rapport': aggregate ratio sums the numerators and the denominators: it needs 'divide-by'",
                "indicator 'somme': unknown aggregate 'average'; known: sum, ratio, area-weighted-mean, population-weighted-mean, none",
                "indicator 'population' is declared twice",
                "unknown kind 'ratio'; known: count, amount, rate, share, categorical, boolean",
                "unknown theme 'culture'; themes are declared under 'themes:': lieux, depenses, emploi, contexte",
                "indicator 'habitants': unknown theme 'contextes'; did you mean 'contexte'?",
                "unknown file 'popu'; known: pop",
                "role 'habitants' is not a column of file 'pop' level commune; its roles: population",
                "indicator 'range': only a categorical indicator has ordered categories (kind is count)"}) {
            assertTrue(m.contains(expected), "missing «" + expected + "» in\n" + m);
        }
    }

    @Test
    void missingCatalogueIsNamed() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> IndicatorCatalogue.load(dir, TestData.catalogue()));
        assertTrue(e.getMessage().startsWith("Indicator catalogue not found: "), e.getMessage());
    }
}
