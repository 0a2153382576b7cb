package fr.culture.atlas.store.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import fr.culture.atlas.store.Dataset;
import fr.culture.atlas.store.Publisher;
import fr.culture.atlas.store.StoreException;
import fr.culture.atlas.store.VersionSummary;
import org.locationtech.jts.geom.GeometryFactory;

/** Publishes datasets as GeoPackage files under {@code ATLAS_HOME/embedded}. */
public final class EmbeddedPublisher implements Publisher {

    private final EmbeddedVersions versions;
    private final int keep;

    public EmbeddedPublisher(Path home, int keep) {
        this.versions = new EmbeddedVersions(home);
        this.keep = keep;
    }

    @Override
    public long publish(Dataset dataset) {
        List<Long> kept = versions.versions();
        long version = kept.isEmpty() ? 1 : kept.getLast() + 1;
        Path target = versions.file(version);
        // written under a name that is never listed as a version until it is complete
        Path tmp = versions.dir().resolve("incoming-v" + version + ".gpkg");
        try {
            Files.createDirectories(versions.dir());
            Files.deleteIfExists(tmp);
            GeoPackageFormat.write(tmp, dataset);
            verify(tmp, dataset);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(tmp);
            throw e instanceof StoreException se ? se
                    : new StoreException("Publishing version " + version + " failed: " + e.getMessage(), e);
        }
        versions.switchTo(version);
        // a server still reading a removed file keeps its snapshot in memory: deleting is safe
        for (long old : Publisher.surplus(versions.versions(), version, keep)) {
            deleteQuietly(versions.file(old));
        }
        return version;
    }

    /** Reads the written file back: a version that does not read whole is never made current. */
    private static void verify(Path file, Dataset dataset) {
        Map<String, Integer> expected = dataset.counts();
        Map<String, Integer> actual = new java.util.LinkedHashMap<>();
        GeoPackageFormat.read(file, new GeometryFactory()).territories()
                .forEach((level, list) -> actual.put(level, list.size()));
        if (!expected.equals(actual)) {
            throw new StoreException("Written version does not read back whole: expected " + expected + ", read " + actual);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // an incoming-* file is never read as a version; the next publish deletes it
        }
    }

    @Override
    public void activate(long version) {
        versions.switchTo(version);
    }

    @Override
    public List<Long> versions() {
        return versions.versions();
    }

    @Override
    public OptionalLong current() {
        return versions.current();
    }

    @Override
    public VersionSummary summary(long version) {
        return GeoPackageFormat.summary(versions.file(version), version);
    }

    @Override
    public void close() {
    }
}
