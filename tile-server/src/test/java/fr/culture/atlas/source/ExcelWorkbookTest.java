package fr.culture.atlas.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static fr.culture.atlas.source.Workbooks.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExcelWorkbookTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"t.xls", "t.xlsx"})
    void readsTypedCellsWithExcelRowNumbersInBothFormats(String name) throws IOException {
        Path file = Workbooks.create()
                .sheet("Données", row("titre"), row(), row("Code", "Valeur", "Texte"),
                        row("01013", 12.5, "  Peu dense "), row(1013, null, ""), row(null, null, null))
                .meta("Déf", "Insee", "2018")
                .write(dir.resolve(name));
        try (ExcelWorkbook wb = ExcelWorkbook.open(file)) {
            assertEquals(List.of("Données", "Meta"), wb.sheetNames());
            ExcelTable t = wb.table("Données", 3).orElseThrow();
            assertEquals(List.of("Code", "Valeur", "Texte"), t.headers());
            assertEquals(4, t.firstDataRow());
            assertEquals("01013", t.cell(4, 0).code(5));
            assertEquals(new CellValue.Number(12.5), t.cell(4, 1));
            assertEquals(new CellValue.Text("Peu dense"), t.cell(4, 2));
            // Excel turned the code into a number: back to text, zero restored, no ".0"
            assertEquals("01013", t.cell(5, 0).code(5));
            assertInstanceOf(CellValue.Empty.class, t.cell(5, 1));
            assertTrue(t.cell(5, 2).isEmpty(), "a blank string is not available, not text");
            assertFalse(t.blank(5));
            assertTrue(wb.table("Absente", 1).isEmpty());
            assertEquals("2018", wb.meta("Meta").get("Année"));
        }
    }

    @Test
    void codesKeepTheirLengthUnlessTheyLostZeros() {
        assertEquals("971", new CellValue.Number(971).code(2));
        assertEquals("01", new CellValue.Number(1).code(2));
        assertEquals("200000172", new CellValue.Number(200000172).code(9));
        assertEquals("2A004", new CellValue.Text("2A004").code(5));
        assertNull(new CellValue.Number(1.5).code(5), "a fraction is not a code");
        assertNull(CellValue.EMPTY.code(5));
        assertEquals("75056", new CellValue.Number(75056).display());
    }

    @Test
    void truncatedFileSaysSoInsteadOfAStackTrace() throws IOException {
        for (String name : List.of("t.xls", "t.xlsx")) {
            Path whole = Workbooks.create().sheet("S", row("Code"), row("01001")).write(dir.resolve("whole-" + name));
            byte[] bytes = Files.readAllBytes(whole);
            Path cut = Files.write(dir.resolve("cut-" + name), Arrays.copyOf(bytes, bytes.length / 2));
            SourceException e = assertThrows(SourceException.class, () -> {
                try (ExcelWorkbook wb = ExcelWorkbook.open(cut)) {
                    wb.table("S", 1);
                }
            });
            assertTrue(e.getMessage().startsWith("cut-" + name + ": truncated or damaged Excel file"), e.getMessage());
        }
    }

    @Test
    void nonExcelAndEmptyFilesAreNamed() throws IOException {
        Path csv = Files.writeString(dir.resolve("Population.xls"), "Commune;Code Insee\nParis;75056\n");
        SourceException e = assertThrows(SourceException.class, () -> ExcelWorkbook.open(csv));
        assertTrue(e.getMessage().contains("not an Excel file"), e.getMessage());
        Path empty = Files.createFile(dir.resolve("vide.xlsx"));
        assertTrue(assertThrows(SourceException.class, () -> ExcelWorkbook.open(empty)).getMessage().contains("empty"));
        assertTrue(assertThrows(SourceException.class, () -> ExcelWorkbook.open(dir.resolve("absent.xls")))
                .getMessage().contains("not found"));
    }
}
