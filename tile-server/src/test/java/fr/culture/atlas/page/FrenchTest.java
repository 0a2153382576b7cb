package fr.culture.atlas.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;

import fr.culture.atlas.config.IndicatorDef;
import fr.culture.atlas.store.Coverage;
import fr.culture.atlas.TestData;
import org.junit.jupiter.api.Test;

/** The pages' French wording, as the widget's format.js words the same values. */
class FrenchTest {

    private static IndicatorDef def(String unit, IndicatorDef.Kind kind, List<IndicatorDef.Category> categories) {
        return new IndicatorDef("x", "X", unit, "contexte", kind, categories, List.of("region"),
                IndicatorDef.Aggregation.NONE, Map.of(), false);
    }

    @Test
    void numbersHaveTheDecimalsTheirSizeDeserves() {
        assertEquals("12\u202f345", French.number(12_345.4));
        assertEquals("123,5", French.number(123.45));
        assertEquals("1,23", French.number(1.234));
        assertEquals("0,056", French.number(0.0564));
        assertEquals("-1\u202f234", French.number(-1234.2));
    }

    @Test
    void valuesWithTheirUnitOrCategory() {
        assertEquals("1\u202f234\u00a0€/hab.", French.value(1234.0, def("€/hab.", IndicatorDef.Kind.RATE, List.of())));
        assertEquals("non disponible", French.value(null, def("%", IndicatorDef.Kind.SHARE, List.of())));
        assertEquals("Oui", French.value(true, def("", IndicatorDef.Kind.BOOLEAN, List.of())));
        assertEquals("Dense", French.value("dense", def("", IndicatorDef.Kind.CATEGORICAL,
                List.of(new IndicatorDef.Category("dense", "Dense")))));
    }

    @Test
    void levelsRanksAndCoverageFromTheCatalogue() throws Exception {
        var catalogue = TestData.catalogue();
        assertEquals("intercommunalités", French.level(catalogue, "epci", true));
        assertEquals("région", French.level(catalogue, "region", false));
        assertEquals("3ᵉ sur 18 régions", French.rank(catalogue, "region", 3, 18));
        assertEquals("1er sur 18 régions", French.rank(catalogue, "region", 1, 18));
        assertEquals("312 communes sur 1\u202f255, 64 % de la population",
                French.coverage(catalogue, new Coverage("commune", 312, 1255, 0.64)));
        assertNull(French.coverage(catalogue, new Coverage("commune", 3, 3, 1.0)));
    }
}
