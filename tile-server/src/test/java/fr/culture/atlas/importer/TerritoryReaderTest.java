package fr.culture.atlas.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import fr.culture.atlas.config.LevelDef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.GeometryFactory;

/** Boundary files as they go wrong: each fault named by file, feature (row), property and code. */
class TerritoryReaderTest {

    private static final String SQUARE = "[[[0,0],[1,0],[1,1],[0,1],[0,0]]]";

    private static String feature(String code, String type, String coordinates) {
        return "{\"type\":\"Feature\",\"properties\":{\"code\":\"" + code + "\",\"nom\":\"Nom " + code + "\"},"
                + "\"geometry\":{\"type\":\"" + type + "\",\"coordinates\":" + coordinates + "}}";
    }

    @Test
    void invalidPolygonsAreRepairedDuplicatesAndOtherGeometriesSkippedAllReported(@TempDir Path data)
            throws IOException {
        Files.createDirectories(data.resolve("geo"));
        Files.writeString(data.resolve("geo/zones.geojson"), "{\"type\":\"FeatureCollection\",\"features\":["
                + String.join(",",
                        feature("01", "Polygon", SQUARE),
                        // a bow tie: the ring crosses itself at (1,1)
                        feature("02", "Polygon", "[[[0,0],[2,2],[2,0],[0,2],[0,0]]]"),
                        feature("01", "Polygon", SQUARE),
                        feature("03", "Point", "[0.5,0.5]"),
                        feature("04 bis", "Polygon", SQUARE))
                + "]}");
        ImportReport report = new ImportReport();
        LevelDef level = new LevelDef("zone", "Zones", "zones", 0, 22,
                new LevelDef.Source("geo/zones.geojson", "code", "nom"), null, null, null);

        List<TerritoryReader.Feature> features = new TerritoryReader(new GeometryFactory(), report).read(data, level);

        assertEquals(List.of("01", "02"), features.stream().map(TerritoryReader.Feature::code).toList());
        assertTrue(features.get(1).geometry().isValid(), "the bow tie is repaired");
        assertEquals(2.0, features.get(1).geometry().getArea(), 1e-9, "both halves of the bow tie are kept");
        Map<String, ImportReport.Entry> byCode = report.entries().stream()
                .collect(Collectors.toMap(ImportReport.Entry::value, e -> e, (a, b) -> a));
        assertEquals("repaired-geometry", byCode.get("02").kind());
        assertEquals("duplicated-code", byCode.get("01").kind());
        assertEquals(2, byCode.get("01").row(), "the third feature, counted from 0");
        assertEquals("invalid-geometry", byCode.get("03").kind());
        assertEquals("invalid-code", byCode.get("04 bis").kind());
        assertTrue(report.entries().stream().allMatch(e -> "geo/zones.geojson".equals(e.file())), report.summary());
        assertTrue(!report.hasErrors(), "warnings only: the import goes on");
    }

    @Test
    void aMissingFileIsAnErrorNamingTheLevel(@TempDir Path data) throws IOException {
        ImportReport report = new ImportReport();
        LevelDef level = new LevelDef("canton", "Cantons", "cantons", 0, 22,
                new LevelDef.Source("geo/cantons.geojson", "code", "nom"), null, null, null);
        assertEquals(List.of(), new TerritoryReader(new GeometryFactory(), report).read(data, level));
        assertTrue(report.hasErrors());
        assertTrue(report.entries().getFirst().message().contains("level 'canton'"), report.summary());
    }
}
