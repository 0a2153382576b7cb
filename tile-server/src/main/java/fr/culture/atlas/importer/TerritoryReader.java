package fr.culture.atlas.importer;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import fr.culture.atlas.config.LevelDef;
import fr.culture.atlas.source.GeoJsonReader;
import fr.culture.atlas.source.SourceFeature;
import fr.culture.atlas.store.Territory;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.geom.util.GeometryFixer;

/**
 * Reads the features of one level's GeoJSON file(s): checks codes and geometry, repairs what can
 * be repaired (and says so), and skips what cannot. Geometry stays in WGS84.
 */
final class TerritoryReader {

    /** A feature that passed the checks. */
    record Feature(String file, int index, String code, String name, Geometry geometry) {
    }

    private final GeoJsonReader geoJson;
    private final ImportReport report;

    TerritoryReader(GeometryFactory factory, ImportReport report) {
        this.geoJson = new GeoJsonReader(factory);
        this.report = report;
    }

    /** The files a source path names: one file, or those matching its {@code *} in one directory. */
    static List<Path> files(Path dataDir, String path) throws IOException {
        Path pattern = dataDir.resolve(path);
        if (!path.contains("*")) {
            return Files.isRegularFile(pattern) ? List.of(pattern) : List.of();
        }
        Path dir = pattern.getParent();
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern.getFileName());
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> matcher.matches(p.getFileName())).sorted().toList();
        }
    }

    List<Feature> read(Path dataDir, LevelDef level) throws IOException {
        LevelDef.Source source = level.source();
        List<Path> files = files(dataDir, source.path());
        if (files.isEmpty()) {
            report.error("missing-file", source.path(), null, null, null,
                    "level '" + level.id() + "' expects this file (levels.yaml source)");
            return List.of();
        }
        List<Feature> features = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Path file : files) {
            String name = dataDir.relativize(file).toString();
            for (SourceFeature f : geoJson.readAll(file)) {
                String code = f.text(source.codeProperty());
                if (!Territory.isValidCode(code)) {
                    report.warn("invalid-code", name, f.index(), source.codeProperty(), code,
                            "code must be 1 to 10 letters or digits; feature skipped");
                    continue;
                }
                if (!seen.add(code)) {
                    report.warn("duplicated-code", name, f.index(), source.codeProperty(), code,
                            "code already seen for this level; later feature skipped");
                    continue;
                }
                Geometry geom = polygonal(name, f, code);
                if (geom != null) {
                    String nom = f.text(source.nameProperty());
                    features.add(new Feature(name, f.index(), code, nom == null ? code : nom, geom));
                }
            }
        }
        return features;
    }

    /** The feature's geometry if it is polygonal, repaired when invalid; null (reported) otherwise. */
    private Geometry polygonal(String file, SourceFeature f, String code) {
        Geometry geom = f.geometry();
        if (geom == null || geom.isEmpty() || !(geom instanceof Polygonal)) {
            report.warn("invalid-geometry", file, f.index(), "geometry", code,
                    "expected a Polygon or MultiPolygon, found " + (geom == null ? "none" : geom.getGeometryType())
                            + "; feature skipped");
            return null;
        }
        if (!geom.isValid()) {
            Geometry fixed = GeometryFixer.fix(geom);
            if (fixed.isEmpty() || !(fixed instanceof Polygonal)) {
                report.warn("invalid-geometry", file, f.index(), "geometry", code,
                        "invalid polygon that cannot be repaired; feature skipped");
                return null;
            }
            report.warn("repaired-geometry", file, f.index(), "geometry", code,
                    "invalid polygon repaired (self-intersection or bad ring)");
            return fixed;
        }
        return geom;
    }
}
