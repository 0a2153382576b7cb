package fr.culture.atlas.importer;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import fr.culture.atlas.config.ExcelFileSpec;

/**
 * The rows of one sheet grouped by current territory code. A role's value is a {@code Double},
 * a {@code String}, or null for "not available". A wide sheet has one sector, {@code ""}.
 *
 * @param spec        the sheet as declared
 * @param sheetName   for report entries
 * @param territories current code → its rows, in sheet order
 */
record LevelRows(ExcelFileSpec.SheetSpec spec, String sheetName, Map<String, Territory> territories) {

    /** The single sector of a wide sheet. */
    static final String NO_SECTOR = "";

    /** One territory of the sheet: its values per sector, and those given once per territory. */
    static final class Territory {
        final String code;
        final int row;
        final Set<String> rawCodes = new LinkedHashSet<>();
        final Map<String, Map<String, Object>> sectors = new LinkedHashMap<>();
        /** Per-territory roles per raw code: summed when old codes are merged. */
        final Map<String, Map<String, Object>> perRawCode = new LinkedHashMap<>();

        Territory(String code, int row) {
            this.code = code;
            this.row = row;
        }

        /** A per-territory role, summed over merged old codes; null when any is not available. */
        Double perTerritory(String role) {
            double sum = 0;
            for (Map<String, Object> values : perRawCode.values()) {
                if (!(values.get(role) instanceof Double d)) {
                    return null;
                }
                sum += d;
            }
            return perRawCode.isEmpty() ? null : sum;
        }
    }
}
