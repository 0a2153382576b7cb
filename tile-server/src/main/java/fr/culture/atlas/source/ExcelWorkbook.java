package fr.culture.atlas.source;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.poifs.filesystem.FileMagic;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;

/**
 * An Excel workbook opened read-only: .xls through POI's HSSF user model, .xlsx by streaming
 * only the sheets asked for ({@link XlsxSheets}). The format is told by the file's content,
 * not its name. Any failure is a {@link SourceException} saying what is wrong with the file
 * (missing, empty, truncated, not Excel), never a bare POI stack trace.
 */
public final class ExcelWorkbook implements AutoCloseable {

    static {
        // POI logs through log4j-api; without a provider it prints an alarming "ERROR" line at startup
        if (System.getProperty("log4j2.loggerContextFactory") == null) {
            System.setProperty("log4j2.loggerContextFactory", "org.apache.logging.log4j.simple.SimpleLoggerContextFactory");
        }
    }

    /** Excel's limit on the characters of one cell. */
    public static final int MAX_CELL_CHARS = 32_767;

    private final Path file;
    private final HSSFWorkbook xls;
    private final XlsxSheets xlsx;

    private ExcelWorkbook(Path file, HSSFWorkbook xls, XlsxSheets xlsx) {
        this.file = file;
        this.xls = xls;
        this.xlsx = xlsx;
    }

    public static ExcelWorkbook open(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new SourceException(file, "file not found");
        }
        FileMagic magic;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            if (Files.size(file) == 0) {
                throw new SourceException(file, "the file is empty (0 bytes)");
            }
            magic = FileMagic.valueOf(in);
        } catch (IOException e) {
            throw new SourceException(file, "cannot be read: " + e.getMessage());
        }
        try {
            return switch (magic) {
                case OLE2 -> new ExcelWorkbook(file, new HSSFWorkbook(new POIFSFileSystem(file.toFile(), true)), null);
                case OOXML -> new ExcelWorkbook(file, null, new XlsxSheets(file));
                default -> throw new SourceException(file, "not an Excel file (.xls or .xlsx): its content looks like "
                        + magic.name().toLowerCase(java.util.Locale.ROOT));
            };
        } catch (SourceException e) {
            throw e;
        } catch (Exception e) {
            // POI signals truncation with many exception types: keep its reason for the report
            throw new SourceException(file, "truncated or damaged Excel file: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }

    public Path file() {
        return file;
    }

    public List<String> sheetNames() {
        if (xlsx != null) {
            return xlsx.sheetNames();
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < xls.getNumberOfSheets(); i++) {
            names.add(xls.getSheetName(i));
        }
        return names;
    }

    /**
     * The sheet as a table whose headers are on Excel row {@code headerRow} (1-based), or empty
     * when the workbook has no sheet of that exact name.
     */
    public Optional<ExcelTable> table(String sheet, int headerRow) {
        List<CellValue[]> rows = rows(sheet);
        return rows == null ? Optional.empty() : Optional.of(new ExcelTable(sheet, rows, headerRow));
    }

    /**
     * The label → text pairs of a Deps Meta sheet (label in column A, text in column B:
     * {@code Definition}, {@code Source}, {@code Année}); empty when there is no such sheet.
     */
    public Map<String, String> meta(String sheet) {
        Map<String, String> meta = new LinkedHashMap<>();
        List<CellValue[]> rows = sheet == null ? null : rows(sheet);
        if (rows == null) {
            return meta;
        }
        for (CellValue[] row : rows) {
            if (row != null && row.length >= 2 && !row[0].isEmpty() && !row[1].isEmpty()) {
                meta.put(row[0].display(), row[1].display());
            }
        }
        return meta;
    }

    private List<CellValue[]> rows(String sheet) {
        List<CellValue[]> rows = read(sheet);
        if (rows != null) {
            checkCells(sheet, rows);
        }
        return rows;
    }

    /**
     * Refuses a cell longer than Excel allows: no Deps export has one, so the file is damaged or
     * was not written by Excel, and its values cannot be trusted.
     */
    private void checkCells(String sheet, List<CellValue[]> rows) {
        for (int r = 0; r < rows.size(); r++) {
            CellValue[] row = rows.get(r);
            for (int c = 0; row != null && c < row.length; c++) {
                if (row[c] instanceof CellValue.Text t && t.value().length() > MAX_CELL_CHARS) {
                    throw new SourceException(file, sheet, r + 1, columnName(c), "cell " + columnName(c) + (r + 1)
                            + " of sheet '" + sheet + "' holds " + (t.value().length() > MAX_CELL_CHARS + 1 ? "over " : "")
                            + String.format("%,d", MAX_CELL_CHARS) + " characters, more than Excel allows: "
                            + "the file is damaged or was not written by Excel");
                }
            }
        }
    }

    /** 0 → "A", 27 → "AB". */
    static String columnName(int index) {
        StringBuilder name = new StringBuilder();
        for (int i = index + 1; i > 0; i = (i - 1) / 26) {
            name.insert(0, (char) ('A' + (i - 1) % 26));
        }
        return name.toString();
    }

    private List<CellValue[]> read(String sheet) {
        if (xlsx != null) {
            try {
                return xlsx.rows(sheet);
            } catch (Exception e) {
                throw new SourceException(file, "sheet '" + sheet + "' cannot be read (truncated or damaged file): "
                        + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
            }
        }
        Sheet s = xls.getSheet(sheet);
        if (s == null) {
            return null;
        }
        List<CellValue[]> rows = new ArrayList<>(s.getLastRowNum() + 1);
        for (Row row : s) {
            while (rows.size() < row.getRowNum()) {
                rows.add(null);
            }
            CellValue[] cells = new CellValue[Math.max(0, row.getLastCellNum())];
            for (int c = 0; c < cells.length; c++) {
                cells[c] = CellValue.of(row.getCell(c));
            }
            rows.add(cells);
        }
        return rows;
    }

    @Override
    public void close() {
        try {
            if (xls != null) {
                xls.close();
            }
        } catch (IOException e) {
            // read-only: nothing was written, nothing to lose
        }
        if (xlsx != null) {
            xlsx.close();
        }
    }
}
