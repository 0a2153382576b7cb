package fr.culture.atlas.tile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
    }
}
