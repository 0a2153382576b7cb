package fr.culture.atlas.importer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import fr.culture.atlas.store.Edition;

/** The edition of a source file: size and SHA-256, which tell two editions of the same name apart. */
final class Editions {

    private Editions() {
    }

    /** @param path relative to {@code dataDir}, as the config names it */
    static Edition of(Path dataDir, String path, String year) {
        Path file = dataDir.resolve(path);
        try (DigestInputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return new Edition(path, Files.size(file), HexFormat.of().formatHex(in.getMessageDigest().digest()),
                    year == null ? "" : year);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
