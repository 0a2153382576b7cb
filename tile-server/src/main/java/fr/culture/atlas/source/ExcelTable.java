package fr.culture.atlas.source;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One sheet read as a table: a header row, then one record per row. Rows are numbered as Excel
 * shows them (1-based) everywhere, so that a report entry points at what a person sees.
 */
public final class ExcelTable {

    private final String sheetName;
    private final List<CellValue[]> rows;
    private final int headerRow;
    private final Map<String, Integer> columns = new LinkedHashMap<>();

    /** {@code rows.get(i)} is Excel row i + 1 (null when Excel stores no such row). */
    ExcelTable(String sheetName, List<CellValue[]> rows, int headerRow) {
        this.sheetName = sheetName;
        this.rows = rows;
        this.headerRow = headerRow;
        CellValue[] header = row(headerRow);
        for (int c = 0; c < header.length; c++) {
            if (!header[c].isEmpty()) {
                columns.putIfAbsent(header[c].display(), c);
            }
        }
    }

    public String sheetName() {
        return sheetName;
    }

    /** Excel row number of the headers. */
    public int headerRow() {
        return headerRow;
    }

    /** Non-empty headers, in column order. */
    public List<String> headers() {
        return new ArrayList<>(columns.keySet());
    }

    /** Index of the column with exactly this header, or -1. */
    public int column(String header) {
        return columns.getOrDefault(header, -1);
    }

    /** Excel row number of the first data row. */
    public int firstDataRow() {
        return headerRow + 1;
    }

    /** Excel row number of the last row stored (may be before the first data row). */
    public int lastRow() {
        return rows.size();
    }

    /** The cell at Excel row {@code row} (1-based) and column index {@code column} (0-based). */
    public CellValue cell(int row, int column) {
        CellValue[] r = row(row);
        return column < 0 || column >= r.length ? CellValue.EMPTY : r[column];
    }

    /** Every cell of a row is empty (trailing blank rows Excel keeps after deletions). */
    public boolean blank(int row) {
        for (CellValue v : row(row)) {
            if (!v.isEmpty()) {
                return false;
            }
        }
        return true;
    }

    private CellValue[] row(int row) {
        CellValue[] r = row >= 1 && row <= rows.size() ? rows.get(row - 1) : null;
        return r == null ? new CellValue[0] : r;
    }
}
