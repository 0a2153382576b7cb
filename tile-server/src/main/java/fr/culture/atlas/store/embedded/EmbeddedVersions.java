package fr.culture.atlas.store.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import fr.culture.atlas.store.StoreException;

/**
 * The embedded store's directory: one GeoPackage per version, {@code atlas-v<N>.gpkg}, and a
 * {@code CURRENT} file naming the live version. Switching versions is an atomic rename of
 * {@code CURRENT}, so a reader sees the old or the new version, never an in-between.
 */
final class EmbeddedVersions {

    private static final Pattern FILE = Pattern.compile("atlas-v(\\d+)\\.gpkg");

    private final Path dir;

    EmbeddedVersions(Path home) {
        this.dir = home.resolve("embedded");
    }

    Path dir() {
        return dir;
    }

    Path file(long version) {
        return dir.resolve("atlas-v" + version + ".gpkg");
    }

    Path pointer() {
        return dir.resolve("CURRENT");
    }

    List<Long> versions() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> FILE.matcher(p.getFileName().toString()))
                    .filter(Matcher::matches)
                    .map(m -> Long.parseLong(m.group(1)))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new StoreException("Could not list " + dir + ": " + e.getMessage(), e);
        }
    }

    OptionalLong current() {
        Path pointer = pointer();
        if (!Files.isRegularFile(pointer)) {
            return OptionalLong.empty();
        }
        try {
            String text = Files.readString(pointer, StandardCharsets.UTF_8).trim();
            return OptionalLong.of(Long.parseLong(text));
        } catch (IOException | NumberFormatException e) {
            throw new StoreException("Unreadable version pointer " + pointer + ": " + e.getMessage(), e);
        }
    }

    /** Makes {@code version} current with an atomic rename. */
    void switchTo(long version) {
        if (!Files.isRegularFile(file(version))) {
            throw new StoreException("Version " + version + " does not exist in " + dir + "; kept: " + versions());
        }
        try {
            Path tmp = dir.resolve("CURRENT.tmp");
            Files.writeString(tmp, version + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, pointer(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new StoreException("Could not switch to version " + version + ": " + e.getMessage(), e);
        }
    }
}
