package fr.culture.atlas.importer;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import fr.culture.atlas.config.Catalogue;
import fr.culture.atlas.config.IndicatorDef;
import fr.culture.atlas.config.LevelDef;
import fr.culture.atlas.store.Coverage;
import fr.culture.atlas.store.IndicatorData;
import fr.culture.atlas.store.Territory;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.GeometryFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each aggregation rule on a tiny France: two départements of communes A, B (in 01) and C (in 02),
 * two EPCIs of which one straddles both départements, one région holding all.
 */
class AggregationTest {

    private static final GeometryFactory GEOMETRY = new GeometryFactory();

    /** Square communes at the equator (Mercator metres ≈ ground metres there): A 4 km², B 1 km², C 4 km². */
    private static final Map<String, List<Territory>> TERRITORIES = Map.of(
            "region", List.of(territory("11", Map.of(), 600L, 3000)),
            "departement", List.of(territory("01", Map.of("region", "11"), 300L, 2000),
                    territory("02", Map.of("region", "11"), 300L, 2000)),
            "epci", List.of(territory("200", Map.of("region", "11", "departement", "01"), 200L, 2000),
                    territory("300", Map.of("region", "11"), 400L, 2000)),   // straddles 01 and 02
            "canton", List.of(territory("C1", Map.of(), null, 2000)),          // no link to anything
            "commune", List.of(territory("A", parents("01", "200"), 200L, 2000),
                    territory("B", parents("01", "300"), 100L, 1000),
                    territory("C", parents("02", "300"), 300L, 2000)));

    private final Aggregation aggregation = new Aggregation(catalogue(), TERRITORIES);

    @Test
    void countsAreSummedUpToEveryLevelTheirMembersMakeUpAndFrance() {
        IndicatorData out = one(indicator("population", IndicatorDef.Kind.COUNT, IndicatorDef.Aggregation.SUM,
                Map.of("commune", Map.of("A", 200.0, "B", 100.0, "C", 300.0))), Map.of());
        assertEquals(Map.of("01", 300.0, "02", 300.0), out.values().get("departement"));
        assertEquals(Map.of("200", 200.0, "300", 400.0), out.values().get("epci"));
        assertEquals(Map.of("11", 600.0), out.values().get("region"));
        assertEquals(600.0, out.france());
        assertEquals(List.of("region", "departement", "epci", "commune"), out.def().levels(),
                "the canton level names no parent: no value there, never a zero");
        assertEquals(Map.of("region", "commune", "departement", "commune", "epci", "commune"), out.def().computedFrom());
        assertEquals(new Coverage("commune", 2, 2, 1.0), out.coverage().get("departement").get("01"));
        assertFalse(out.coverage().get("departement").get("01").partial());
        assertNull(out.coverage().get("commune"), "values read from the file carry no coverage");
    }

    @Test
    void sharesAreARatioOfSumsNeverAnAverageOfRatios() {
        // A: 10 of 100 (10 %), B: 1 of 100 (1 %); the département's share is 11 of 200, 5.5 %
        IndicatorData share = indicator("part", IndicatorDef.Kind.SHARE, IndicatorDef.Aggregation.RATIO,
                Map.of("commune", Map.of("A", 10.0, "B", 1.0)));
        IndicatorData out = one(share, Map.of("part", Map.of("commune",
                Map.of("A", new Aggregation.Ratio(1000, 100), "B", new Aggregation.Ratio(100, 100)))));
        assertEquals(5.5, (Double) out.values().get("departement").get("01"), 1e-9);
        assertEquals(5.5, (Double) out.france(), 1e-9);
        Coverage c = out.coverage().get("departement").get("01");
        assertEquals(new Coverage("commune", 2, 2, 1.0), c);
        assertTrue(out.coverage().get("region").get("11").partial(), "C has no value: the région's share is partial");
        assertEquals(300.0 / 600, out.coverage().get("region").get("11").population(), 1e-9);
    }

    @Test
    void aMemberWithoutInhabitantsHasNoRateButItsVenuesStillCount() {
        // A: 2 venues for 200 inhabitants (100 per 10,000), B: 1 venue and no inhabitant (no rate)
        IndicatorData rate = indicator("musees_pour_10000_hab", IndicatorDef.Kind.RATE, IndicatorDef.Aggregation.RATIO,
                Map.of("commune", Map.of("A", 100.0)));
        IndicatorData out = one(rate, Map.of("musees_pour_10000_hab", Map.of("commune",
                Map.of("A", new Aggregation.Ratio(20_000, 200), "B", new Aggregation.Ratio(10_000, 0)))));
        assertEquals(150.0, (Double) out.values().get("departement").get("01"), 1e-9, "3 venues for 200 inhabitants");
        assertFalse(out.coverage().get("departement").get("01").partial(), "both communes are counted");
    }

    @Test
    void aPartialSumSaysHowMuchItCounts() {
        IndicatorData out = one(indicator("depenses", IndicatorDef.Kind.AMOUNT, IndicatorDef.Aggregation.SUM,
                Map.of("commune", Map.of("C", 50.0))), Map.of());
        assertEquals(50.0, out.values().get("epci").get("300"));
        assertEquals(new Coverage("commune", 1, 2, 300.0 / 400), out.coverage().get("epci").get("300"));
        assertFalse(out.values().get("departement").containsKey("01"), "no member of 01 has a value: no value");
    }

    @Test
    void theShareOfPopulationCountedIsOverTheMembersWhosePopulationIsKnown() {
        // B's population is unknown (as Mayotte's communes in the reference): A and C count 200 of 500
        Map<String, List<Territory>> territories = new java.util.HashMap<>(TERRITORIES);
        territories.put("commune", List.of(territory("A", parents("01", "200"), 200L, 2000),
                territory("B", parents("01", "300"), null, 1000), territory("C", parents("02", "300"), 300L, 2000)));
        IndicatorData out = new Aggregation(catalogue(), territories).apply(List.of(indicator("depenses",
                IndicatorDef.Kind.AMOUNT, IndicatorDef.Aggregation.SUM, Map.of("commune", Map.of("A", 5.0)))), Map.of()).getFirst();
        assertEquals(new Coverage("commune", 1, 3, 200.0 / 500), out.franceCoverage());
    }

    @Test
    void densitiesAreWeightedByAreaAndDeclaredMeansByPopulation() {
        // A 4 km² at 50 hab./km² (200 hab.), B 1 km² at 100 hab./km² (100 hab.): 300 hab. on 5 km² = 60
        IndicatorData out = one(indicator("densite", IndicatorDef.Kind.RATE, IndicatorDef.Aggregation.AREA_WEIGHTED_MEAN,
                Map.of("commune", Map.of("A", 50.0, "B", 100.0))), Map.of());
        assertEquals(60.0, (Double) out.values().get("departement").get("01"), 0.01);
        IndicatorData mean = one(indicator("evolution", IndicatorDef.Kind.RATE,
                IndicatorDef.Aggregation.POPULATION_WEIGHTED_MEAN, Map.of("commune", Map.of("A", 1.0, "B", -2.0))), Map.of());
        assertEquals(0.0, (Double) mean.values().get("departement").get("01"), 1e-9, "(200 × 1 − 100 × 2) / 300");
    }

    @Test
    void mediansStayAtTheirLevelsAndHaveNoFranceValue() {
        IndicatorData median = indicator("niveau_vie", IndicatorDef.Kind.RATE, IndicatorDef.Aggregation.NONE,
                Map.of("commune", Map.of("A", 20000.0, "B", 21000.0)));
        IndicatorData out = one(median, Map.of());
        assertEquals(List.of("commune"), out.def().levels());
        assertNull(out.france());
    }

    @Test
    void franceIsComputedFromTheLargestLevelOfTheFileAndDepartementsAreNeverMadeOfEpcis() {
        // read at two levels: France from the régions; EPCIs do not make up départements
        IndicatorData out = one(indicator("entreprises", IndicatorDef.Kind.COUNT, IndicatorDef.Aggregation.SUM,
                Map.of("region", Map.of("11", 7.0), "epci", Map.of("200", 2.0, "300", 5.0))), Map.of());
        assertEquals(7.0, out.france());
        assertEquals("region", out.franceCoverage().from());
        assertFalse(out.values().containsKey("departement"),
                "EPCI 300 straddles two départements: their EPCIs do not add up to their population");
    }

    private IndicatorData one(IndicatorData data, Map<String, Map<String, Map<String, Aggregation.Ratio>>> ratios) {
        return aggregation.apply(List.of(data), ratios).getFirst();
    }

    private static IndicatorData indicator(String id, IndicatorDef.Kind kind, IndicatorDef.Aggregation aggregation,
                                           Map<String, Map<String, Object>> values) {
        return new IndicatorData(new IndicatorDef(id, id, "", "contexte", kind, List.of(),
                List.copyOf(values.keySet()), aggregation, Map.of(), false), "", "", "", new LinkedHashMap<>(values));
    }

    private static Map<String, String> parents(String departement, String epci) {
        return Map.of("region", "11", "departement", departement, "epci", epci);
    }

    private static Territory territory(String code, Map<String, String> parents, Long population, double side) {
        return new Territory(Territory.idOf(code), code, code, parents, population,
                GEOMETRY.toGeometry(new Envelope(0, side, 0, side)));
    }

    private static Catalogue catalogue() {
        List<LevelDef> levels = java.util.stream.Stream.of("region", "departement", "epci", "canton", "commune")
                .map(id -> new LevelDef(id, id, id + "s", -1, -1, new LevelDef.Source(id + ".geojson", "code", "nom"),
                        null, null, null)).toList();
        return Catalogue.of(levels, Path.of("levels.yaml"));
    }
}
