package fr.culture.atlas.source;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;

/**
 * One sheet read as a table: a header row, then one record per row. Rows are numbered as Excel
 * shows them (1-based) everywhere, so that a report entry points at what a person sees.
 */
public final class ExcelTable {

    private final Sheet sheet;
    private final int headerRow;
    private final Map<String, Integer> columns = new LinkedHashMap<>();

    ExcelTable(Sheet sheet, int headerRow) {
        this.sheet = sheet;
        this.headerRow = headerRow;
        Row header = sheet.getRow(headerRow - 1);
        if (header != null) {
            for (int c = 0; c < header.getLastCellNum(); c++) {
                CellValue v = CellValue.of(header.getCell(c));
                if (!v.isEmpty()) {
                    columns.putIfAbsent(v.display(), c);
                }
            }
        }
    }

    public String sheetName() {
        return sheet.getSheetName();
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

    /** Excel row number of the last row holding anything (may be before the first data row). */
    public int lastRow() {
        return sheet.getLastRowNum() + 1;
    }

    /** The cell at Excel row {@code row} (1-based) and column index {@code column} (0-based). */
    public CellValue cell(int row, int column) {
        Row r = sheet.getRow(row - 1);
        return r == null || column < 0 ? CellValue.EMPTY : CellValue.of(r.getCell(column));
    }

    /** Every cell of a row is empty (trailing blank rows Excel keeps after deletions). */
    public boolean blank(int row) {
        Row r = sheet.getRow(row - 1);
        if (r == null) {
            return true;
        }
        for (int c = Math.max(0, r.getFirstCellNum()); c < r.getLastCellNum(); c++) {
            if (!CellValue.of(r.getCell(c)).isEmpty()) {
                return false;
            }
        }
        return true;
    }
}
