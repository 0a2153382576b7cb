package fr.culture.atlas.tile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The archive's own arithmetic; that an independent reader (the pmtiles npm package) finds the
 * server's bytes in an archive ./atlas export wrote is widget/test/pmtiles.test.mjs.
 */
class PmtilesWriterTest {

    @Test
    void tileIdsAreTheSpecsHilbertOrder() {
        // the reference implementation's zxyToTileId (pmtiles 4.5.0) for these tiles
        long[][] known = {{0, 0, 0, 0}, {1, 0, 0, 1}, {1, 0, 1, 2}, {1, 1, 1, 3}, {1, 1, 0, 4}, {2, 0, 0, 5},
                {3, 5, 2, 76}, {7, 64, 44, 19375}, {12, 2071, 1458, 19839464}, {14, 8300, 5900, 317395807}};
        for (long[] k : known) {
            assertEquals(k[3], PmtilesWriter.tileId((int) k[0], (int) k[1], (int) k[2]), k[0] + "/" + k[1] + "/" + k[2]);
        }
    }

    @Test
    void identicalTilesAreStoredOnceAndTilesComeInOrder(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("t.pmtiles");
        byte[] sea = Tile.compress(new byte[] {1, 2, 3});
        byte[] land = Tile.compress(new byte[] {4, 5, 6, 7});
        try (PmtilesWriter writer = new PmtilesWriter(file)) {
            writer.add(1, 0, 0, sea);
            writer.add(1, 0, 1, sea); // the next id, the same bytes: one run of two
            writer.add(1, 1, 1, land);
            writer.add(1, 1, 0, sea); // the same bytes again, after another tile: stored once
            assertThrows(IllegalArgumentException.class, () -> writer.add(0, 0, 0, land), "tile ids only grow");
            writer.finish(new PmtilesWriter.Info(0, 1, new double[] {-5, 41, 10, 51}, 1, 2.5, 46.6), "{\"name\":\"t\"}");
            assertEquals(4, writer.addressed());
            assertEquals(2, writer.distinct());
        }
        ByteBuffer header = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals("PMTiles", new String(Files.readAllBytes(file), 0, 7, java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals(3, header.get(7));
        assertEquals(4, header.getLong(72), "addressed tiles");
        assertEquals(3, header.getLong(80), "entries: the run of two, land, sea again");
        assertEquals(2, header.getLong(88), "distinct contents");
        assertEquals(sea.length + land.length, header.getLong(64), "tile data: each content once");
        assertEquals(-50_000_000, header.getInt(102), "min longitude in 1e-7 degrees");
        assertTrue(Files.isReadable(file));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left beside the archive");
        }
    }
}
