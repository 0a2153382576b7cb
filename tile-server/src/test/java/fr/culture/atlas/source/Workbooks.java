package fr.culture.atlas.source;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Tiny Excel fixtures written at test time (no binary in the repository): sheet name → rows,
 * a row being cell values (String, Number, or null for an empty cell). The format follows
 * the file name: .xls (HSSF) or .xlsx.
 */
public final class Workbooks {

    private final Map<String, List<Object[]>> sheets = new LinkedHashMap<>();

    public static Workbooks create() {
        return new Workbooks();
    }

    public Workbooks sheet(String name, Object[]... rows) {
        sheets.put(name, List.of(rows));
        return this;
    }

    /** A Deps Meta sheet: Definition, Source, Année (as text, like the Deps files). */
    public Workbooks meta(String definition, String source, String year) {
        return sheet("Meta", new Object[] {"Definition", definition}, new Object[] {"Source", source},
                new Object[] {"Année", year});
    }

    public Path write(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        try (Workbook wb = file.toString().endsWith(".xlsx") ? new XSSFWorkbook() : new HSSFWorkbook();
             OutputStream out = Files.newOutputStream(file)) {
            sheets.forEach((name, rows) -> {
                Sheet sheet = wb.createSheet(name);
                for (int r = 0; r < rows.size(); r++) {
                    Row row = sheet.createRow(r);
                    Object[] cells = rows.get(r);
                    for (int c = 0; c < cells.length; c++) {
                        if (cells[c] instanceof Number n) {
                            row.createCell(c).setCellValue(n.doubleValue());
                        } else if (cells[c] != null) {
                            row.createCell(c).setCellValue(cells[c].toString());
                        }
                    }
                }
            });
            wb.write(out);
        }
        return file;
    }

    public static Object[] row(Object... cells) {
        return cells;
    }
}
