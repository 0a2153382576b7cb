package fr.culture.atlas.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import fr.culture.atlas.TestData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every config file is checked key by key before anything is read: the Deps editor learns file, line and fix. */
class ConfigSchemaTest {

    @TempDir
    Path dir;

    @Test
    void aMisspeltOptionalKeyStopsTheImportWithItsLineAndTheKeyItMeant() throws IOException {
        Path file = Files.writeString(dir.resolve("indicators.yaml"), """
                files:
                  - id: emploi
                    path: Emploi.xls
                    levels:
                      - { level: region, sheet: R, code: C, columns: { culture: Culture, total: Total } }
                indicators:
                  - id: part
                    label: Part
                    theme: emploi
                    kind: share
                    aggregate: ratio
                    file: emploi
                    value: culture
                    divide-by: total
                    mutliply: 100
                    header-row: 2
                """ + TestData.THEMES);
        String m = assertThrows(IllegalStateException.class,
                () -> IndicatorCatalogue.load(file, true, TestData.catalogue())).getMessage();
        assertTrue(m.contains("indicators.yaml line 15: unknown key 'mutliply' in indicator 'part'; did you mean 'multiply'? Valid keys: "), m);
        assertTrue(m.contains("indicators.yaml line 16: unknown key 'header-row' in indicator 'part'; valid keys: id, label"),
                "a key of another entry is not suggested by distance but listed among the valid ones:\n" + m);
        assertTrue(m.contains("2 problem(s), nothing was read"), m);
    }

    @Test
    void wrongTypesAndMissingKeysNameTheirLine() throws IOException {
        Path file = Files.writeString(dir.resolve("levels.yaml"), """
                levels:
                  - id: region
                    label: Région
                    boundaries: regions
                    min-zoom: zero
                    max-zoom: 5
                    source: regions.geojson
                  - id: canton
                    boundaries: cantons
                    source: [cantons.geojson]
                """);
        String m = assertThrows(IllegalStateException.class, () -> Catalogue.load(dir)).getMessage();
        assertTrue(m.contains("levels.yaml line 5, levels.0.min-zoom: expected a whole number, found 'zero'"), m);
        assertTrue(m.contains("levels.yaml line 8, levels.1: level 'canton' has no 'label' (required)"), m);
        assertTrue(m.contains("levels.yaml line 10, levels.1.source: expected a text, found a list"), m);
    }

    @Test
    void aYamlSyntaxErrorNamesTheFileAndLine() throws IOException {
        Files.writeString(dir.resolve("venues.yaml"), """
                tolerance-metres: 1000
                families:
                  - id: cinemas
                    source: "cinemas.geojson
                    name: nom
                """);
        String m = assertThrows(IllegalStateException.class, () -> VenueCatalogue.load(dir)).getMessage();
        assertTrue(m.matches("(?s).*venues\\.yaml line [4-6]: YAML syntax error: .*"), m);
    }

    @Test
    void theShippedFilesAreValidAndEachSheetKnowsItsLine() {
        IndicatorCatalogue catalogue = IndicatorCatalogue.load(TestData.configDir(), TestData.catalogue());
        String declared = catalogue.file("population").orElseThrow().level("commune").orElseThrow().declaredAt();
        assertTrue(declared.matches("config/indicators\\.yaml line \\d+"), declared);
        assertEquals("multiply", ConfigSchema.closest("mutliply", java.util.List.of("value", "multiply", "divide-by")));
    }
}
