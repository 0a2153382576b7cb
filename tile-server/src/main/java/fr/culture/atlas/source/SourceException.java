package fr.culture.atlas.source;

import java.nio.file.Path;

/**
 * An input file that cannot be read as what it should be; the message names the file, and
 * {@link #sheet}, {@link #row}, {@link #column} the place in it when there is one (else null).
 */
public final class SourceException extends RuntimeException {

    private final Path file;
    private final String sheet;
    private final Integer row;
    private final String column;

    public SourceException(Path file, String message) {
        this(file, null, null, null, message);
    }

    /** @param row Excel row, 1-based; column as Excel names it ("B") */
    public SourceException(Path file, String sheet, Integer row, String column, String message) {
        super(file.getFileName() + ": " + message);
        this.file = file;
        this.sheet = sheet;
        this.row = row;
        this.column = column;
    }

    public Path file() {
        return file;
    }

    public String sheet() {
        return sheet;
    }

    public Integer row() {
        return row;
    }

    public String column() {
        return column;
    }
}
