package fr.culture.atlas.source;

import java.math.BigDecimal;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;

/**
 * One spreadsheet cell as the importer needs it: empty, a number, or text. An empty cell is
 * a value of its own so that "not available" is never mistaken for zero.
 */
public sealed interface CellValue {

    Empty EMPTY = new Empty();

    /** A missing, blank or whitespace-only cell. */
    record Empty() implements CellValue {
        @Override
        public String display() {
            return "";
        }
    }

    record Number(double value) implements CellValue {
        @Override
        public String display() {
            return plain(value);
        }
    }

    /** Text, stripped of surrounding whitespace (never blank). */
    record Text(String value) implements CellValue {
        @Override
        public String display() {
            return value;
        }
    }

    /** The value as a person would read it in Excel ({@code 75056}, not {@code 75056.0}). */
    String display();

    default boolean isEmpty() {
        return this instanceof Empty;
    }

    /** Reads a POI cell; formulas give their cached result, error cells their Excel text (#N/A…). */
    static CellValue of(Cell cell) {
        if (cell == null) {
            return EMPTY;
        }
        CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
        return switch (type) {
            case NUMERIC -> new Number(cell.getNumericCellValue());
            case STRING -> text(cell.getStringCellValue());
            case BOOLEAN -> new Text(Boolean.toString(cell.getBooleanCellValue()));
            case ERROR -> new Text(org.apache.poi.ss.usermodel.FormulaError.forInt(cell.getErrorCellValue()).getString());
            default -> EMPTY;
        };
    }

    static CellValue text(String s) {
        if (s == null) {
            return EMPTY;
        }
        // strip() keeps U+00A0, which Excel exports often leave around values
        String t = s.replace('\u00a0', ' ').strip();
        return t.isEmpty() ? EMPTY : new Text(t);
    }

    /**
     * The cell as a territory code: text as is; a number (Excel turned "01013" into 1013) back
     * into text without a decimal part, left-padded with zeros to {@code width} when shorter.
     * Null for an empty cell or a number that cannot be a code (fraction, negative).
     */
    default String code(int width) {
        return switch (this) {
            case Empty e -> null;
            case Text t -> t.value();
            case Number n -> {
                double v = n.value();
                if (v < 0 || v != Math.rint(v) || v > 1e15) {
                    yield null;
                }
                String digits = Long.toString((long) v);
                yield digits.length() < width ? "0".repeat(width - digits.length()) + digits : digits;
            }
        };
    }

    /** A number without exponent nor trailing {@code .0}. */
    static String plain(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
