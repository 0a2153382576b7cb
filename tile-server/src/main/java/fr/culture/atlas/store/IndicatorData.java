package fr.culture.atlas.store;

import java.util.Map;

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
 *                   "not available" is absence, never zero.
 */
public record IndicatorData(IndicatorDef def, String definition, String source, String year,
                            Map<String, Map<String, Object>> values) {
}
