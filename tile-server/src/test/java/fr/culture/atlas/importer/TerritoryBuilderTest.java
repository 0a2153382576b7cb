package fr.culture.atlas.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import fr.culture.atlas.TestData;
import fr.culture.atlas.geo.WebMercator;
import fr.culture.atlas.source.GeoJsonReader;
import fr.culture.atlas.store.Dataset;
import fr.culture.atlas.store.Territory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;

/** The territories built from the real data: reconciliation, dissolution, parents, population. */
class TerritoryBuilderTest {

    private static Dataset dataset;

    @BeforeAll
    static void read() throws IOException {
        dataset = TestData.dataset();
    }

    private static Map<String, Territory> level(String id) {
        return dataset.levels().stream().filter(l -> l.level().id().equals(id)).findFirst().orElseThrow()
                .territories().stream().collect(java.util.stream.Collectors.toMap(Territory::code, t -> t));
    }

    @Test
    void everyLevelIsThere() {
        assertEquals(18, level("region").size());
        assertEquals(101, level("departement").size());
        assertEquals(1255, level("epci").size());
        // the 2020 list has 34,968 communes; Sannerville (14666) was split from Saline after 2018 and has no polygon
        assertEquals(34967, level("commune").size());
    }

    @Test
    void communeNouvelleGetsTheUnionOfItsPredecessors() throws IOException {
        // Arvière-en-Valromey (01453) was created on 2019-01-01 from Arvière, Brénaz, Chavornay and Virieu-le-Petit
        Territory arviere = level("commune").get("01453");
        assertEquals("Arvière-en-Valromey", arviere.name());
        double sourceArea = new GeoJsonReader(new GeometryFactory())
                .readAll(TestData.dataDir().resolve("geo/communes/communes-01-ain.geojson")).stream()
                .filter(f -> List.of("01453", "01059", "01097", "01218").contains(f.text("code")))
                .mapToDouble(f -> WebMercator.project(f.geometry()).getArea()).sum();
        assertEquals(sourceArea, arviere.geometry().getArea(), sourceArea * 1e-6);
        assertEquals(1, arviere.geometry().getNumGeometries(), "one polygon, no internal border left");
    }

    @Test
    void communesKnowTheirParentsAndPopulation() {
        Territory paris = level("commune").get("75056");
        assertEquals(Map.of("departement", "75", "region", "11", "epci", "200054781"), paris.parents());
        assertTrue(paris.population() > 2_000_000, "Paris has over 2 million inhabitants");
        Territory lyon = level("commune").get("69123");
        assertEquals("69", lyon.parents().get("departement"));
        assertEquals("84", lyon.parents().get("region"));
    }

    @Test
    void upperLevelsSumTheirCommunesPopulation() {
        long communesOfIdf = level("commune").values().stream()
                .filter(t -> "11".equals(t.parents().get("region")) && t.population() != null)
                .mapToLong(Territory::population).sum();
        assertEquals(communesOfIdf, level("region").get("11").population());
        assertTrue(level("departement").get("75").population() > 2_000_000);
        assertEquals("11", level("departement").get("75").parents().get("region"));
    }

    @Test
    void epciBordersAreExactlyTheirCommunesBorders() {
        Territory grandLyon = level("epci").get("200046977"); // Métropole de Lyon
        Geometry members = new GeometryFactory().buildGeometry(level("commune").values().stream()
                .filter(t -> "200046977".equals(t.parents().get("epci"))).map(Territory::geometry).toList()).union();
        assertEquals(59, level("commune").values().stream()
                .filter(t -> "200046977".equals(t.parents().get("epci"))).count());
        assertEquals(0, grandLyon.geometry().symDifference(members).getArea(), 1e-3);
        assertEquals(Map.of("departement", "69", "region", "84"), grandLyon.parents());
    }

    @Test
    void oldCodesResolveToTheirSuccessors() throws IOException {
        ImportReport report = new ImportReport();
        TerritoryBuilder builder = new TerritoryBuilder(TestData.dataDir(), report, new GeometryFactory());
        builder.build(TestData.catalogue(), line -> { });
        assertEquals("01453", builder.resolve("commune", "01059").orElseThrow(), "Brénaz → Arvière-en-Valromey");
        assertEquals("21452", builder.resolve("commune", "21213").orElseThrow(), "Crimolois → Neuilly-Crimolois (patch)");
        assertEquals("75056", builder.resolve("commune", "75056").orElseThrow());
        assertTrue(builder.resolve("commune", "99999").isEmpty());
        assertEquals("84", builder.byName("region", "auvergne rhone-alpes").orElseThrow());
        assertEquals("2A", builder.byName("departement", "Corse-du-Sud").orElseThrow());
        assertTrue(report.entries().stream().anyMatch(e -> e.kind().equals("member-without-geometry")
                && "14666".equals(e.value())), "Sannerville is reported");
    }
}
