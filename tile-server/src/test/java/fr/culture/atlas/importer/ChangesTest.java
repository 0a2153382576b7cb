package fr.culture.atlas.importer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import fr.culture.atlas.TestData;
import fr.culture.atlas.config.Catalogue;
import fr.culture.atlas.config.IndicatorCatalogue;
import fr.culture.atlas.config.VenueCatalogue;
import fr.culture.atlas.source.Workbooks;
import fr.culture.atlas.store.embedded.EmbeddedPublisher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static fr.culture.atlas.source.Workbooks.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A yearly refresh says what it changes against the live version, in the report and in 20 lines at most. */
class ChangesTest {

    private static final String EST = """
            {"type":"Feature","properties":{"code":"03","nom":"Est"},
             "geometry":{"type":"Polygon","coordinates":[[[3,47],[4,47],[4,48],[3,48],[3,47]]]}}""";

    @Test
    void aNewEditionReportsTerritoriesValuesAndFilesThatChanged(@TempDir Path dir) throws Exception {
        Catalogue catalogue = TestData.squaresCatalogue(dir, TestData.SQUARES);
        Path data = dir.resolve("data");
        Path yaml = Files.writeString(dir.resolve("indicators.yaml"), """
                files:
                  - id: pop
                    path: pop.xls
                    meta-sheet: Meta
                    levels:
                      - { level: carre, sheet: Pop, code: Code, columns: { population: Population } }
                indicators:
                  - { id: population, label: Population, theme: contexte, kind: count, aggregate: sum, file: pop, value: population }
                """ + TestData.THEMES);
        Workbooks.create().sheet("Pop", row("Code", "Population"), row("01", 100), row("02", 200))
                .meta("Population", "Insee", "2019").write(data.resolve("pop.xls"));
        Importer importer = new Importer(catalogue, IndicatorCatalogue.load(yaml, true, catalogue),
                new VenueCatalogue(1000, 12, List.of()), data, line -> { });
        try (EmbeddedPublisher publisher = new EmbeddedPublisher(dir.resolve("home"), 3)) {
            ImportReport first = importer.run(publisher);
            assertEquals("published", first.outcome());
            assertNull(first.changes());
            assertTrue(first.digest().contains("First version of this store: nothing to compare with."), first.digest().toString());

            // the next edition: a new square, Sud grows by half, the file is another one
            Files.writeString(data.resolve("carres.geojson"), TestData.SQUARES.substring(0, TestData.SQUARES.length() - 2)
                    + "," + EST + "]}");
            Workbooks.create().sheet("Pop", row("Code", "Population"), row("01", 105), row("02", 300), row("03", 50))
                    .meta("Population", "Insee", "2020").write(data.resolve("pop.xls"));
            ImportReport second = importer.run(publisher);
            assertEquals("published", second.outcome(), second.summary());
            Changes changes = second.changes();
            assertEquals(1, changes.against());
            assertEquals(Map.of("03", "Est"), changes.territories().get("carre").added());
            assertTrue(changes.territories().get("carre").removed().isEmpty());
            List<Changes.Value> values = changes.values().get("population");
            assertEquals(List.of("02", "03", "FR"), values.stream().map(Changes.Value::code).sorted().toList(),
                    "01 moved by 5 % only (under the 10 % threshold); France by 52 %: " + values);
            Changes.Value sud = values.stream().filter(v -> v.code().equals("02")).findFirst().orElseThrow();
            assertEquals(200.0, sud.before());
            assertEquals(300.0, sud.after());
            assertEquals(0.5, sud.change(), 1e-9);
            Changes.EditionChange edition = changes.editions().get("population");
            assertTrue(edition.changed());
            assertEquals("pop.xls", edition.now().file());
            assertEquals("2020", edition.now().year());
            assertEquals("2019", edition.before().year());
            assertFalse(edition.now().sha256().equals(edition.before().sha256()));

            List<String> digest = second.digest();
            assertTrue(digest.size() <= 20, digest.toString());
            assertTrue(digest.stream().anyMatch(l -> l.contains("carre: 1 added, 0 removed (+03 Est)")), digest.toString());
            assertTrue(digest.stream().anyMatch(l -> l.contains("population: 3, e.g.")), digest.toString());
            assertTrue(second.summary().contains("pop.xls"), "the full report lists the editions");
            // the versions kept are listed with their editions
            assertEquals("2020", publisher.summary(2).indicators().getFirst().edition().year());
        }
    }
}
