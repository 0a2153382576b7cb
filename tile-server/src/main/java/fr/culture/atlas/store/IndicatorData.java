package fr.culture.atlas.store;

import java.util.Map;

import fr.culture.atlas.config.Catalogue;
import fr.culture.atlas.config.IndicatorDef;

/**
 * The published values of one indicator.
 *
 * @param def        the indicator as declared
 * @param definition definition text (from the file's Meta sheet, else the config)
 * @param source     source text (idem)
 * @param year       year or period of the values (idem)
 * @param values     level id → territory code (current vintage) → value: a {@code Double} for
 *                   numeric kinds, the category key {@code String} for categorical, a
 *                   {@code Boolean} for boolean. A territory without a value has no entry:
 *                   "not available" is absence, never zero. France's value, when it has one, is
 *                   under level {@link Catalogue#FRANCE} and code {@link #FRANCE_CODE}.
 * @param coverage   level id → code → how much of its members a computed value counts; values read
 *                   from a file have none
 * @param edition    the file its values were read from, or null when unknown
 */
public record IndicatorData(IndicatorDef def, String definition, String source, String year,
                            Map<String, Map<String, Object>> values, Map<String, Map<String, Coverage>> coverage,
                            Edition edition) {

    /** The code of France's value under {@link Catalogue#FRANCE}. */
    public static final String FRANCE_CODE = "FR";

    /** Values read from a file, none computed. */
    public IndicatorData(IndicatorDef def, String definition, String source, String year,
                         Map<String, Map<String, Object>> values) {
        this(def, definition, source, year, values, Map.of(), null);
    }

    /** The same indicator read from {@code other}. */
    public IndicatorData withEdition(Edition other) {
        return new IndicatorData(def, definition, source, year, values, coverage, other);
    }

    /** France's value, or null. */
    public Object france() {
        return values.getOrDefault(Catalogue.FRANCE, Map.of()).get(FRANCE_CODE);
    }

    /** How France's value was computed, or null. */
    public Coverage franceCoverage() {
        return coverage.getOrDefault(Catalogue.FRANCE, Map.of()).get(FRANCE_CODE);
    }
}
