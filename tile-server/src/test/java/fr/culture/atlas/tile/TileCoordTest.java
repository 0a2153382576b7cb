package fr.culture.atlas.tile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import fr.culture.atlas.geo.WebMercator;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;

class TileCoordTest {

    @Test
    void worldTileCoversTheWholeMercatorSquare() {
        Envelope env = TileCoord.parse("0", "0", "0").envelope();
        assertEquals(-20037508.34, env.getMinX(), 0.01);
        assertEquals(20037508.34, env.getMaxY(), 0.01);
        assertEquals(env.getWidth(), env.getHeight(), 1e-6);
    }

    @Test
    void rowsCountFromTheTop() {
        Envelope top = new TileCoord(1, 0, 0).envelope();
        assertEquals(0, top.getMinY(), 1e-6);
        assertEquals(0, new TileCoord(1, 1, 1).envelope().getMaxY(), 1e-6);
    }

    @Test
    void rejectsWhatIsNotATile() {
        assertEquals("x must be a whole number >= 0, not 'a'",
                assertThrows(IllegalArgumentException.class, () -> TileCoord.parse("3", "a", "1")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> TileCoord.parse("3", "-1", "1"));
        assertThrows(IllegalArgumentException.class, () -> TileCoord.parse("3", "8", "1"));
        assertThrows(IllegalArgumentException.class, () -> TileCoord.parse("23", "0", "0"));
        assertThrows(IllegalArgumentException.class, () -> TileCoord.parse("3", "99999999999999999999", "0"));
        assertThrows(IllegalArgumentException.class, () -> TileCoord.parse("3", "1.5", "0"));
        assertThrows(IllegalArgumentException.class, () -> TileCoord.parse("", "1", "0"));
        assertThrows(IllegalArgumentException.class, () -> TileCoord.parse("3", "+1", "0"));
        assertThrows(IllegalArgumentException.class, () -> TileCoord.parse("3", "١", "0")); // an Arabic-Indic digit
        assertEquals(new TileCoord(22, 4194303, 7), TileCoord.parse("22", "4194303", "0007"));
    }

    @Test
    void tilesCoveringAnEnvelope() {
        // Île-de-France, roughly: zoom 8 tiles x 129–130, y 87–88
        Envelope idf = new Envelope(WebMercator.x(1.45), WebMercator.x(3.56), WebMercator.y(48.12), WebMercator.y(49.24));
        assertEquals(java.util.List.of(new TileCoord(8, 129, 87), new TileCoord(8, 130, 87), new TileCoord(8, 129, 88),
                new TileCoord(8, 130, 88)), TileCoord.covering(idf, 8));
        assertEquals(java.util.List.of(new TileCoord(0, 0, 0)), TileCoord.covering(idf, 0));
        // an envelope past the edge of the world is clamped to the grid
        Envelope beyond = new Envelope(-3e7, 3e7, -3e7, 3e7);
        assertEquals(4, TileCoord.covering(beyond, 1).size());
    }
}
