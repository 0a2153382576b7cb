package fr.culture.atlas.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.GeometryFactory;

class GeoJsonReaderTest {

    private final GeoJsonReader reader = new GeoJsonReader(new GeometryFactory());

    @Test
    void readsPropertiesAndPolygons() throws IOException {
        Path file = Path.of("src/test/resources/fixtures/two-squares.geojson");
        List<SourceFeature> features = reader.readAll(file);
        assertEquals(2, features.size());
        assertEquals("01", features.get(0).text("code"));
        assertEquals("Carré Nord", features.get(0).text("nom"));
        assertEquals("Polygon", features.get(0).geometry().getGeometryType());
        assertEquals("MultiPolygon", features.get(1).geometry().getGeometryType());
        assertEquals(1.0, features.get(0).geometry().getArea(), 1e-9);
    }

    @Test
    void namesTheFileWhenItIsNotGeoJson(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("broken.geojson");
        Files.writeString(file, "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":");
        SourceException e = assertThrows(SourceException.class, () -> reader.readAll(file));
        assertTrue(e.getMessage().startsWith("broken.geojson: malformed JSON at line 1"), e.getMessage());
    }

    @Test
    void namesTheFeatureWithAnOpenRing(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("open.geojson");
        Files.writeString(file, """
                {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"1"},
                 "geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1]]]}}]}""");
        SourceException e = assertThrows(SourceException.class, () -> reader.readAll(file));
        assertEquals("open.geojson: feature 0: ring of 4 points is not closed", e.getMessage());
    }
}
