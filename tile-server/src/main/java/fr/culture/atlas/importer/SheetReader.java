package fr.culture.atlas.importer;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import fr.culture.atlas.config.ExcelFileSpec;
import fr.culture.atlas.source.CellValue;
import fr.culture.atlas.source.ExcelTable;

/**
 * Reads the rows of one sheet into {@link LevelRows}: finds each row's territory (by code of
 * any vintage, or by name), reads the declared columns as numbers or text, and reports, row by
 * row, what it had to skip. Counts rows and empty cells for the progress lines.
 */
final class SheetReader {

    private final TerritoryIndex index;
    private final ImportReport report;
    private final String fileName;
    private final ExcelFileSpec file;
    int rows;
    int emptyCells;

    SheetReader(TerritoryIndex index, ImportReport report, String fileName, ExcelFileSpec file) {
        this.index = index;
        this.report = report;
        this.fileName = fileName;
        this.file = file;
    }

    /** Reads the roles in {@code numeric} and {@code text}; the table's columns were checked before. */
    LevelRows read(ExcelTable table, ExcelFileSpec.SheetSpec spec, Set<String> numeric, Set<String> text) {
        String level = spec.level();
        int keyColumn = table.column(spec.joinByName() ? spec.nameColumn() : spec.codeColumn());
        String keyHeader = spec.joinByName() ? spec.nameColumn() : spec.codeColumn();
        int sectorColumn = file.longFormat() ? table.column(file.sectorColumn()) : -1;
        Map<String, Integer> roleColumns = new LinkedHashMap<>();
        spec.columns().forEach((role, header) -> {
            if (numeric.contains(role) || text.contains(role)) {
                roleColumns.put(role, table.column(header));
            }
        });
        Map<String, LevelRows.Territory> territories = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        Map<String, Integer> firstRowOf = new HashMap<>();
        int codeWidth = index.codeWidth(level);
        for (int row = table.firstDataRow(); row <= table.lastRow(); row++) {
            if (table.blank(row)) {
                continue;
            }
            rows++;
            CellValue keyCell = table.cell(row, keyColumn);
            String raw = spec.joinByName() ? (keyCell.isEmpty() ? null : keyCell.display())
                    : keyCell.code(codeWidth);
            if (raw == null) {
                warn(spec, table, row, keyHeader, keyCell.display(), keyCell.isEmpty() ? "missing-code" : "invalid-code",
                        (keyCell.isEmpty() ? "no " : "not a ") + (spec.joinByName() ? "name" : "code") + "; row skipped");
                continue;
            }
            Optional<String> current = spec.joinByName() ? index.byName(level, raw) : index.resolve(level, raw);
            if (current.isEmpty()) {
                warn(spec, table, row, keyHeader, raw, spec.joinByName() ? "unknown-name" : "unknown-code",
                        (spec.joinByName() ? "no " + level + " has this name" : "no " + level + " has this code, in any vintage")
                                + "; row skipped");
                continue;
            }
            String sector = LevelRows.NO_SECTOR;
            if (sectorColumn >= 0) {
                CellValue s = table.cell(row, sectorColumn);
                if (s.isEmpty()) {
                    warn(spec, table, row, file.sectorColumn(), "", "missing-sector", "no sector; row skipped");
                    continue;
                }
                sector = s.display();
            }
            String key = raw + '\u0000' + sector;
            if (!seen.add(key)) {
                warn(spec, table, row, keyHeader, raw, "duplicated-code", (sector.isEmpty() ? "" : "sector '" + sector + "': ")
                        + "already on row " + firstRowOf.get(key) + "; this row skipped");
                continue;
            }
            firstRowOf.put(key, row);
            LevelRows.Territory t = territories.get(current.get());
            if (t != null && !t.rawCodes.contains(raw) && !file.sumOldCodes()) {
                warn(spec, table, row, keyHeader, raw, "merged-code", "resolves to " + current.get() + " like row " + t.row
                        + " (" + String.join(", ", t.rawCodes) + "); this row skipped (old-codes: reject)");
                continue;
            }
            if (t == null) {
                t = new LevelRows.Territory(current.get(), row);
                territories.put(t.code, t);
            }
            Map<String, Object> values = values(table, row, spec, roleColumns, numeric);
            add(spec, table, row, t, raw, sector, values);
        }
        return new LevelRows(spec, table.sheetName(), territories);
    }

    private Map<String, Object> values(ExcelTable table, int row, ExcelFileSpec.SheetSpec spec,
                                       Map<String, Integer> roleColumns, Set<String> numeric) {
        Map<String, Object> values = new HashMap<>();
        roleColumns.forEach((role, column) -> {
            CellValue cell = table.cell(row, column);
            Object value = numeric.contains(role) ? number(spec, table, row, spec.columns().get(role), cell)
                    : (cell.isEmpty() ? null : cell.display());
            if (value == null) {
                emptyCells++;
            }
            values.put(role, value);
        });
        return values;
    }

    /** A cell of a numeric column: null when empty, a missing-value sentinel, or text (reported). */
    private Double number(ExcelFileSpec.SheetSpec spec, ExcelTable table, int row, String header, CellValue cell) {
        return switch (cell) {
            case CellValue.Empty e -> null;
            case CellValue.Number n -> file.missingValues().contains(n.value()) ? null : n.value();
            case CellValue.Text t -> {
                Double parsed = parse(t.value());
                if (parsed == null) {
                    warn(spec, table, row, header, t.value(), "text-in-number", "text where a number is expected; "
                            + "cell taken as not available");
                } else if (file.missingValues().contains(parsed)) {
                    parsed = null;
                }
                yield parsed;
            }
        };
    }

    /** Numbers typed as text ("12,5", "1 234"): accepted, they are what the cell says. */
    static Double parse(String text) {
        String s = text.replace(" ", "").replace("\u202f", "").replace(',', '.');
        if (!s.matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?")) {
            return null;
        }
        return Double.parseDouble(s);
    }

    private void add(ExcelFileSpec.SheetSpec spec, ExcelTable table, int row, LevelRows.Territory t, String raw,
                     String sector,
                     Map<String, Object> values) {
        t.rawCodes.add(raw);
        Map<String, Object> perTerritory = new HashMap<>();
        for (String role : file.perTerritory()) {
            if (values.containsKey(role)) {
                perTerritory.put(role, values.remove(role));
            }
        }
        if (!perTerritory.isEmpty()) {
            Map<String, Object> known = t.perRawCode.putIfAbsent(raw, perTerritory);
            if (known != null && !known.equals(perTerritory)) {
                perTerritory.keySet().stream().filter(r -> !Objects.equals(known.get(r), perTerritory.get(r)))
                        .findFirst().ifPresent(r -> warn(spec, table, row, headerOf(r), String.valueOf(perTerritory.get(r)),
                                "inconsistent-value", "differs from " + known.get(r) + " on an earlier row of " + raw
                                        + " (a value given once per territory); the first is kept"));
            }
        }
        Map<String, Object> previous = t.sectors.putIfAbsent(sector, values);
        if (previous != null) {
            // only reached when old codes are summed: add numbers (not available if one is), keep the first text
            values.forEach((role, b) -> {
                Object a = previous.get(role);
                previous.put(role, a instanceof Double x ? (b instanceof Double y ? (Object) (x + y) : null) : a);
            });
        }
    }

    private String headerOf(String role) {
        return file.levels().stream().map(s -> s.columns().get(role)).filter(h -> h != null).findFirst().orElse(role);
    }

    private void warn(ExcelFileSpec.SheetSpec spec, ExcelTable table, int row, String column, String value, String kind,
                      String message) {
        report.add(new ImportReport.Entry(ImportReport.Severity.WARNING, kind, fileName, table.sheetName(), row,
                column, value, message, spec.declaredAt()));
    }
}
