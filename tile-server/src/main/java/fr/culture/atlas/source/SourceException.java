package fr.culture.atlas.source;

import java.nio.file.Path;

/** An input file that cannot be read as what it should be; the message names the file and the place. */
public final class SourceException extends RuntimeException {

    private final Path file;

    public SourceException(Path file, String message) {
        super(file.getFileName() + ": " + message);
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
