package fr.culture.atlas.importer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import fr.culture.atlas.config.LevelDef;
import fr.culture.atlas.geo.WebMercator;
import fr.culture.atlas.source.GeoJsonReader;
import fr.culture.atlas.source.SourceFeature;
import fr.culture.atlas.store.Territory;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.geom.util.GeometryFixer;

/**
 * Reads the territories of one level from its GeoJSON file: checks codes and geometry, repairs
 * what can be repaired (and says so), skips what cannot, and projects to Web Mercator.
 */
final class TerritoryReader {

    private final GeoJsonReader geoJson;
    private final ImportReport report;

    TerritoryReader(GeometryFactory factory, ImportReport report) {
        this.geoJson = new GeoJsonReader(factory);
        this.report = report;
    }

    List<Territory> read(Path dataDir, LevelDef level) throws IOException {
        Path file = dataDir.resolve(level.source());
        String name = dataDir.relativize(file).toString();
        if (!Files.isRegularFile(file)) {
            report.error("missing-file", name, null, null, null,
                    "level '" + level.id() + "' expects this file (levels.yaml source)");
            return List.of();
        }
        List<Territory> territories = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (SourceFeature f : geoJson.readAll(file)) {
            String code = f.text(level.codeProperty());
            String nom = f.text(level.nameProperty());
            if (!Territory.isValidCode(code)) {
                report.warn("invalid-code", name, f.index(), level.codeProperty(), code,
                        "code must be 1 to 10 letters or digits; feature skipped");
                continue;
            }
            if (!seen.add(code)) {
                report.warn("duplicated-code", name, f.index(), level.codeProperty(), code,
                        "code already seen in this file; later feature skipped");
                continue;
            }
            Geometry geom = polygonal(name, f, code);
            if (geom == null) {
                continue;
            }
            territories.add(new Territory(Territory.idOf(code), code, nom == null ? code : nom,
                    WebMercator.project(geom)));
        }
        return territories;
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
