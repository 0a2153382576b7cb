package fr.culture.atlas.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;

/**
 * An Excel workbook (.xls or .xlsx, told apart by content, not by name) opened read-only.
 * Opening fails with a {@link SourceException} whose message says what is wrong with the file
 * (missing, empty, truncated, not Excel), never with a bare POI stack trace.
 */
public final class ExcelWorkbook implements AutoCloseable {

    private final Path file;
    private final Workbook workbook;

    private ExcelWorkbook(Path file, Workbook workbook) {
        this.file = file;
        this.workbook = workbook;
    }

    public static ExcelWorkbook open(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new SourceException(file, "file not found");
        }
        try {
            if (Files.size(file) == 0) {
                throw new SourceException(file, "the file is empty (0 bytes)");
            }
            return new ExcelWorkbook(file, WorkbookFactory.create(file.toFile(), null, true));
        } catch (IOException | RuntimeException e) {
            if (e instanceof SourceException se) {
                throw se;
            }
            // POI signals truncation and foreign formats with many exception types: keep its reason
            throw new SourceException(file, "not a readable Excel file (.xls or .xlsx), truncated or of "
                    + "another format: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }

    public Path file() {
        return file;
    }

    public List<String> sheetNames() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < workbook.getNumberOfSheets(); i++) {
            names.add(workbook.getSheetName(i));
        }
        return names;
    }

    /**
     * The sheet as a table whose headers are on Excel row {@code headerRow} (1-based), or empty
     * when the workbook has no sheet of that exact name.
     */
    public Optional<ExcelTable> table(String sheet, int headerRow) {
        Sheet s = workbook.getSheet(sheet);
        return s == null ? Optional.empty() : Optional.of(new ExcelTable(s, headerRow));
    }

    /**
     * The label → text pairs of a Deps Meta sheet (label in column A, text in column B:
     * {@code Definition}, {@code Source}, {@code Année}); empty when there is no such sheet.
     */
    public Map<String, String> meta(String sheet) {
        Map<String, String> meta = new LinkedHashMap<>();
        Sheet s = sheet == null ? null : workbook.getSheet(sheet);
        if (s == null) {
            return meta;
        }
        for (Row row : s) {
            CellValue label = CellValue.of(row.getCell(0));
            CellValue value = CellValue.of(row.getCell(1));
            if (!label.isEmpty() && !value.isEmpty()) {
                meta.put(label.display(), value.display());
            }
        }
        return meta;
    }

    @Override
    public void close() {
        try {
            workbook.close();
        } catch (IOException e) {
            // read-only: nothing was written, nothing to lose
        }
    }
}
