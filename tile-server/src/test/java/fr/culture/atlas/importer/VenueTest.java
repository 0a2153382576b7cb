package fr.culture.atlas.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Map;

import fr.culture.atlas.TestData;
import fr.culture.atlas.store.Dataset;
import fr.culture.atlas.store.IndicatorData;
import fr.culture.atlas.store.Venue;
import org.junit.jupiter.api.Test;

/** Venues of the real data: placed in their commune, mis-geocoded ones flagged, counts summed up. */
class VenueTest {

    @Test
    void venuesArePlacedAndCounted() throws IOException {
        Dataset dataset = TestData.dataset();
        long monuments = dataset.venues().stream().filter(v -> v.family().equals("monuments_historiques")).count();
        long libraries = dataset.venues().stream().filter(v -> v.family().equals("bibliotheques")).count();
        // 12,115 rows: 72 without coordinates, ~370 geocoded abroad and others far from their commune are left out
        assertTrue(monuments > 10_500 && monuments < 12_043, "monuments placed: " + monuments);
        assertTrue(libraries > 15_000, "libraries placed: " + libraries);
        // Clion (17111) was geocoded in Québec: not placed anywhere
        assertTrue(dataset.venues().stream().noneMatch(v -> "17111".equals(v.commune()) && v.point().getX() < -5e6));
        assertTrue(dataset.venues().stream().allMatch(v -> v.commune() != null));

        IndicatorData count = indicator(dataset, "monuments_historiques");
        double communes = count.values().get("commune").values().stream().mapToDouble(v -> (Double) v).sum();
        double regions = count.values().get("region").values().stream().mapToDouble(v -> (Double) v).sum();
        assertEquals(monuments, communes, "every placed monument counts once in its commune");
        assertEquals(communes, regions, 1, "and once in its région");
        assertEquals(0.0, count.values().get("commune").get("01001"), "no venue is a known 0, not a missing value");
        assertTrue((Double) indicator(dataset, "bibliotheques_pour_10000_hab").values().get("departement").get("75") > 0);
    }

    @Test
    void flaggedVenuesAreReportedWithTheirRow() throws IOException {
        ImportReport report = new ImportReport();
        var territories = new TerritoryBuilder(TestData.dataDir(), report, new org.locationtech.jts.geom.GeometryFactory());
        var byLevel = territories.build(TestData.catalogue(), line -> { });
        Map<String, fr.culture.atlas.store.Territory> communes = new java.util.HashMap<>();
        byLevel.get("commune").forEach(t -> communes.put(t.code(), t));
        var venues = new VenueReader(TestData.dataDir(), report, territories, "commune", communes,
                new org.locationtech.jts.geom.GeometryFactory(), 1000)
                .read(fr.culture.atlas.config.VenueCatalogue.load(TestData.configDir()));
        ImportReport.Entry clion = report.entries().stream()
                .filter(e -> e.kind().equals("flagged-venue") && "17111".equals(e.value())).findFirst().orElseThrow();
        assertEquals("equipements/base-equipements-deps.xlsx", clion.file());
        assertEquals("Sheet1", clion.sheet());
        assertEquals("Code_Insee", clion.column());
        assertTrue(clion.message().contains("km from its commune"), clion.message());
        assertTrue(report.entries().stream().anyMatch(e -> e.kind().equals("flagged-venue")
                && e.message().startsWith("coordinates are not")), "blank coordinates are reported");
        assertTrue(venues.stream().map(Venue::id).distinct().count() == venues.size(), "ids are unique");
        // a municipal arrondissement (aliases: in levels.yaml) counts in its commune, never dropped
        assertEquals(java.util.Optional.of("75056"), territories.alias("commune", "75105"));
        assertEquals(java.util.Optional.of("69123"), territories.alias("commune", "69381"));
        assertEquals(java.util.Optional.of("13055"), territories.alias("commune", "13216"));
        assertEquals(java.util.Optional.empty(), territories.alias("commune", "75121"));
        assertEquals(java.util.Optional.empty(), territories.resolve("commune", "75105"),
                "indicator sheets do not take aliases: Paris and its arrondissements would count twice");
    }

    private static IndicatorData indicator(Dataset dataset, String id) {
        return dataset.indicators().stream().filter(i -> i.def().id().equals(id)).findFirst().orElseThrow();
    }
}
