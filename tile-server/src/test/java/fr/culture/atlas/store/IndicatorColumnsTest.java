package fr.culture.atlas.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;

import fr.culture.atlas.config.Catalogue;
import fr.culture.atlas.config.IndicatorDef;
import org.junit.jupiter.api.Test;

/** Values kept as columns read back as they were written, in the order of the snapshot's territories. */
class IndicatorColumnsTest {

    private static IndicatorDef def(String id, IndicatorDef.Kind kind) {
        return new IndicatorDef(id, id, "", "contexte", kind, List.of(), List.of("dep"),
                IndicatorDef.Aggregation.NONE, Map.of(), false);
    }

    private static final Coverage PARTIAL = new Coverage("commune", 3, 5, 0.75);
    private static final Coverage UNKNOWN_POPULATION = new Coverage("commune", 2, 2, null);

    @Test
    void eachKindReadsBackInTheSnapshotsOrder() {
        List<String> stored = List.of("2B", "01", "2A"); // as a database's collation may list them
        Map<String, List<String>> codes = Map.of("dep", stored, Catalogue.FRANCE, List.of(IndicatorData.FRANCE_CODE));
        IndicatorData amount = new IndicatorData(def("montant", IndicatorDef.Kind.AMOUNT), "", "", "",
                Map.of("dep", Map.of("01", 1.5, "2A", -0.0), Catalogue.FRANCE, Map.of("FR", 42.0)),
                Map.of("dep", Map.of("01", PARTIAL, "2A", UNKNOWN_POPULATION)), null);
        IndicatorData label = new IndicatorData(def("label", IndicatorDef.Kind.BOOLEAN), "", "", "",
                Map.of("dep", Map.of("01", true, "2B", false)), Map.of(), null);
        IndicatorData category = new IndicatorData(def("type", IndicatorDef.Kind.CATEGORICAL), "", "", "",
                Map.of("dep", Map.of("2B", "montagne é", "2A", "")), Map.of(), null);
        Map<String, Map<String, byte[]>> cells = new java.util.HashMap<>();
        for (IndicatorData data : List.of(amount, label, category)) {
            data.values().forEach((level, values) -> cells.computeIfAbsent(data.def().id(), k -> new java.util.HashMap<>())
                    .put(level, IndicatorColumns.encode(data.def().kind(), codes.get(level), values,
                            data.coverage().getOrDefault(level, Map.of()))));
        }
        List<IndicatorData> definitions = List.of(amount, label, category).stream()
                .map(d -> new IndicatorData(d.def(), "", "", "", Map.of(), Map.of(), null)).toList();

        Indicators read = new IndicatorColumns.Stored(definitions, codes, cells)
                .indicators(Map.of("dep", List.of("01", "2A", "2B")));

        assertArrayEquals(new Object[] {1.5, -0.0, null}, read.column("montant", "dep"));
        assertArrayEquals(new Coverage[] {PARTIAL, UNKNOWN_POPULATION, null}, read.coverage("montant", "dep"));
        assertEquals(42.0, read.get("montant").orElseThrow().france());
        assertNull(read.get("label").orElseThrow().france());
        assertArrayEquals(new Object[] {true, null, false}, read.column("label", "dep"));
        assertNull(read.coverage("label", "dep"), "no coverage for values read from a file");
        assertArrayEquals(new Object[] {null, "", "montagne é"}, read.column("type", "dep"));
        assertEquals(2, read.row("dep", "2B"));
    }
}
