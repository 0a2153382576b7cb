package fr.culture.atlas.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How to read one Excel file of {@code config/indicators.yaml} ({@code files:}).
 *
 * @param id            short name that indicators refer to
 * @param path          file relative to the data directory
 * @param metaSheet     sheet with Definition / Source / Année in columns A–B, or null
 * @param definition    fallback definition when the Meta sheet lacks it (may be empty)
 * @param source        fallback source
 * @param year          fallback year
 * @param headerRow     Excel row number (1-based, as shown in Excel) of the column headers
 * @param missingValues numbers meaning "not available" in this file (besides empty cells)
 * @param sectorColumn  header of the sector column of a long-format file, or null (one row per territory)
 * @param perTerritory  long format: roles repeated on every sector row, taken once
 * @param sumOldCodes   rows whose codes resolve to the same current territory are added up
 *                      (otherwise the first is kept and the others reported)
 * @param ignoreSheets  sheets deliberately not imported
 * @param levels        one sheet per territorial level
 */
public record ExcelFileSpec(String id, String path, String metaSheet, String definition, String source,
                            String year, int headerRow, Set<Double> missingValues, String sectorColumn,
                            Set<String> perTerritory, boolean sumOldCodes, Set<String> ignoreSheets,
                            List<SheetSpec> levels) {

    /**
     * One sheet holding one level.
     *
     * @param level      level id (region, departement, epci, commune)
     * @param sheet      sheet name, exact
     * @param codeColumn header of the code column, or null when joined by name
     * @param nameColumn header of the name column, or null
     * @param joinByName territories are found by name (no code column)
     * @param columns    role → exact header, in the order of the config
     * @param declaredAt the file and line of config/ that declares this sheet, for the import report
     */
    public record SheetSpec(String level, String sheet, String codeColumn, String nameColumn, boolean joinByName,
                            Map<String, String> columns, String declaredAt) {
    }

    public boolean longFormat() {
        return sectorColumn != null;
    }

    public Optional<SheetSpec> level(String level) {
        return levels.stream().filter(s -> s.level().equals(level)).findFirst();
    }
}
