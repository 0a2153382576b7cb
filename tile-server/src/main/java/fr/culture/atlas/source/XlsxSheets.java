package fr.culture.atlas.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.poi.ooxml.util.SAXHelper;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads the sheets of an .xlsx file by streaming their XML: only the sheets asked for are
 * parsed, into plain cell rows. POI's user model parses every sheet into XML beans first, which
 * takes ~10 s for the Insee AAV file; this takes well under one.
 */
final class XlsxSheets implements AutoCloseable {

    private final OPCPackage pkg;
    private final XSSFReader reader;
    private final ReadOnlySharedStringsTable strings;
    private final Map<String, Integer> order = new LinkedHashMap<>();

    XlsxSheets(Path file) throws IOException, OpenXML4JException, SAXException {
        this.pkg = OPCPackage.open(file.toFile(), PackageAccess.READ);
        try {
            this.reader = new XSSFReader(pkg);
            this.strings = new ReadOnlySharedStringsTable(pkg, false);
            XSSFReader.SheetIterator it = (XSSFReader.SheetIterator) reader.getSheetsData();
            int i = 0;
            while (it.hasNext()) {
                it.next().close();
                order.put(it.getSheetName(), i++);
            }
        } catch (IOException | OpenXML4JException | SAXException | RuntimeException e) {
            pkg.revert();
            throw e;
        }
    }

    List<String> sheetNames() {
        return new ArrayList<>(order.keySet());
    }

    /** The rows of a sheet (index = Excel row − 1, null where Excel has no row), or null if no such sheet. */
    List<CellValue[]> rows(String sheet) throws IOException, SAXException, OpenXML4JException {
        Integer wanted = order.get(sheet);
        if (wanted == null) {
            return null;
        }
        XSSFReader.SheetIterator it = (XSSFReader.SheetIterator) reader.getSheetsData();
        for (int i = 0; it.hasNext(); i++) {
            try (InputStream in = it.next()) {
                if (i == wanted) {
                    SheetHandler handler = new SheetHandler();
                    try {
                        XMLReader xml = SAXHelper.newXMLReader();
                        xml.setContentHandler(handler);
                        xml.parse(new InputSource(in));
                    } catch (javax.xml.parsers.ParserConfigurationException e) {
                        throw new SAXException(e);
                    }
                    return handler.rows;
                }
            }
        }
        return null;
    }

    @Override
    public void close() {
        pkg.revert();   // opened read-only: nothing to save
    }

    /** SpreadsheetML {@code <row><c r="B2" t="s"><v>3</v></c></row>} into typed cells. */
    private final class SheetHandler extends DefaultHandler {
        final List<CellValue[]> rows = new ArrayList<>();
        private final List<CellValue> current = new ArrayList<>();
        private final StringBuilder text = new StringBuilder();
        private int rowIndex = -1;
        private int column;
        private String type;
        private boolean inValue;

        @Override
        public void startElement(String uri, String localName, String qName, Attributes atts) {
            switch (localName) {
                case "row" -> {
                    String r = atts.getValue("r");
                    rowIndex = r == null ? rowIndex + 1 : Integer.parseInt(r) - 1;
                    current.clear();
                    column = -1;
                }
                case "c" -> {
                    String ref = atts.getValue("r");
                    column = ref == null ? column + 1 : columnOf(ref);
                    type = atts.getValue("t");
                    text.setLength(0);
                }
                case "v", "t" -> inValue = true;
                default -> { }
            }
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            // past Excel's cell limit the rest is not kept: ExcelWorkbook refuses the cell anyway,
            // and a damaged file cannot make one cell fill the heap
            if (inValue && text.length() <= ExcelWorkbook.MAX_CELL_CHARS) {
                text.append(ch, start, Math.min(length, ExcelWorkbook.MAX_CELL_CHARS + 1 - text.length()));
            }
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            switch (localName) {
                case "v", "t" -> inValue = false;
                case "c" -> {
                    while (current.size() < column) {
                        current.add(CellValue.EMPTY);
                    }
                    current.add(value());
                }
                case "row" -> {
                    while (rows.size() < rowIndex) {
                        rows.add(null);
                    }
                    rows.add(current.toArray(new CellValue[0]));
                }
                default -> { }
            }
        }

        private CellValue value() {
            String s = text.toString();
            if (s.isEmpty()) {
                return CellValue.EMPTY;
            }
            return switch (type == null ? "n" : type) {
                case "s" -> CellValue.text(strings.getItemAt(Integer.parseInt(s.strip())).getString());
                case "inlineStr", "str", "e" -> CellValue.text(s);
                case "b" -> new CellValue.Text("1".equals(s) ? "true" : "false");
                default -> new CellValue.Number(Double.parseDouble(s));
            };
        }
    }

    /** "AB12" → 27. */
    static int columnOf(String ref) {
        int col = 0;
        for (int i = 0; i < ref.length() && Character.isLetter(ref.charAt(i)); i++) {
            col = col * 26 + (Character.toUpperCase(ref.charAt(i)) - 'A' + 1);
        }
        return col - 1;
    }
}
