package fr.culture.atlas.tile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * A PMTiles v3 archive (https://github.com/protomaps/PMTiles/blob/main/spec/v3/spec.md): one file
 * that object storage and a CDN serve by HTTP range requests, for a read-only atlas without a
 * server. Tiles are added in tile-id order (zoom, then Hilbert curve) and their bytes go straight
 * to a temporary file: memory holds one directory entry per tile run (a few bytes) and a hash of
 * each distinct tile, however large the archive. Identical tiles are stored once (the sea, an
 * empty inset) and consecutive ones are one run, as the spec allows.
 */
public final class PmtilesWriter implements AutoCloseable {

    private static final int HEADER = 127;
    /** The header and the root directory are read in one request of 16 KiB. */
    private static final int FIRST_READ = 16_384;
    private static final byte GZIP = 2;
    private static final byte MVT = 1;

    /** A tile run: {@code runLength} consecutive tile ids whose bytes are at {@code offset}. */
    private record Entry(long tileId, long offset, int length, int runLength) {
        Entry longer() {
            return new Entry(tileId, offset, length, runLength + 1);
        }
    }

    /** What the header says of the tiles besides their directory. */
    public record Info(int minZoom, int maxZoom, double[] lonLatBounds, int centerZoom, double centerLon,
                       double centerLat) {
    }

    private final Path out;
    private final Path data;
    private final OutputStream tiles;
    private final List<Entry> entries = new ArrayList<>();
    private final Map<String, long[]> stored = new HashMap<>();
    private long dataLength;
    private long addressed;
    private long lastId = -1;

    public PmtilesWriter(Path out) throws IOException {
        this.out = out;
        this.data = Files.createTempFile(out.toAbsolutePath().getParent(), ".pmtiles-data", ".tmp");
        this.tiles = new java.io.BufferedOutputStream(Files.newOutputStream(data), 1 << 20);
    }

    /** Adds a tile's gzipped MVT bytes; tiles must come in increasing {@link #tileId} order. */
    public void add(int z, int x, int y, byte[] gzipped) throws IOException {
        long id = tileId(z, x, y);
        if (id <= lastId) {
            throw new IllegalArgumentException("tile " + z + "/" + x + "/" + y + " comes after tile id " + lastId);
        }
        lastId = id;
        addressed++;
        String hash = Tile.digest(gzipped);
        long[] where = stored.get(hash);
        if (where == null) {
            where = new long[] {dataLength, gzipped.length};
            stored.put(hash, where);
            tiles.write(gzipped);
            dataLength += gzipped.length;
        }
        Entry last = entries.isEmpty() ? null : entries.getLast();
        if (last != null && last.offset() == where[0] && last.tileId() + last.runLength() == id) {
            entries.set(entries.size() - 1, last.longer());
        } else {
            entries.add(new Entry(id, where[0], (int) where[1], 1));
        }
    }

    /** Writes the archive: header, root directory, metadata (JSON, gzipped), leaf directories, tiles. */
    public void finish(Info info, String metadataJson) throws IOException {
        tiles.close();
        byte[] metadata = gzip(metadataJson.getBytes(StandardCharsets.UTF_8));
        // the smallest leaves that let the root directory fit beside the header in the first read
        byte[] root = directory(entries);
        byte[] leaves = new byte[0];
        for (int leafSize = 4096; HEADER + root.length > FIRST_READ; leafSize *= 2) {
            ByteArrayOutputStream leafBytes = new ByteArrayOutputStream();
            List<Entry> rootEntries = new ArrayList<>();
            for (int i = 0; i < entries.size(); i += leafSize) {
                List<Entry> leaf = entries.subList(i, Math.min(i + leafSize, entries.size()));
                byte[] bytes = directory(leaf);
                rootEntries.add(new Entry(leaf.getFirst().tileId(), leafBytes.size(), bytes.length, 0));
                leafBytes.write(bytes);
            }
            root = directory(rootEntries);
            leaves = leafBytes.toByteArray();
        }
        long rootOffset = HEADER;
        long metadataOffset = rootOffset + root.length;
        long leavesOffset = metadataOffset + metadata.length;
        long dataOffset = leavesOffset + leaves.length;
        ByteBuffer h = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
        h.put("PMTiles".getBytes(StandardCharsets.US_ASCII)).put((byte) 3);
        h.putLong(rootOffset).putLong(root.length);
        h.putLong(metadataOffset).putLong(metadata.length);
        h.putLong(leavesOffset).putLong(leaves.length);
        h.putLong(dataOffset).putLong(dataLength);
        h.putLong(addressed).putLong(entries.size()).putLong(stored.size());
        h.put((byte) 1); // clustered: tile data in tile-id order
        h.put(GZIP).put(GZIP).put(MVT);
        h.put((byte) info.minZoom()).put((byte) info.maxZoom());
        double[] b = info.lonLatBounds();
        h.putInt(e7(b[0])).putInt(e7(b[1])).putInt(e7(b[2])).putInt(e7(b[3]));
        h.put((byte) info.centerZoom()).putInt(e7(info.centerLon())).putInt(e7(info.centerLat()));
        Path partial = Files.createTempFile(out.toAbsolutePath().getParent(), ".pmtiles", ".tmp");
        try (OutputStream file = new java.io.BufferedOutputStream(Files.newOutputStream(partial), 1 << 20);
             InputStream tileData = Files.newInputStream(data)) {
            file.write(h.array());
            file.write(root);
            file.write(metadata);
            file.write(leaves);
            tileData.transferTo(file);
        }
        // whole or not at all: a reader never sees half an archive under the final name
        Files.move(partial, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        try {
            // a file to publish: readable by the web server or the upload tool, whoever runs them
            Files.setPosixFilePermissions(out, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: its own defaults apply
        }
    }

    @Override
    public void close() throws IOException {
        tiles.close();
        Files.deleteIfExists(data);
    }

    /** How many tile ids the archive addresses, and how many distinct tiles it stores. */
    public long addressed() {
        return addressed;
    }

    public int distinct() {
        return stored.size();
    }

    /**
     * The tile id of the spec: the tiles of the zooms below, then the tile's position on the
     * Hilbert curve of its zoom (as the reference implementation's {@code zxyToTileId}).
     */
    public static long tileId(int z, int x, int y) {
        if (z > 26) {
            throw new IllegalArgumentException("zoom " + z + " is beyond the 26 of the spec's safe ids");
        }
        long id = ((1L << z) * (1L << z) - 1) / 3;
        int n = z - 1;
        int rx = x;
        int ry = y;
        for (int a = 1 << Math.max(n, 0); a > 0 && z > 0; a >>= 1) {
            int cx = rx & a;
            int cy = ry & a;
            id += (long) ((3 * cx) ^ cy) * (1L << n);
            if (cy == 0) {
                if (cx != 0) {
                    int t = a - 1 - ry;
                    ry = a - 1 - rx;
                    rx = t;
                } else {
                    int t = rx;
                    rx = ry;
                    ry = t;
                }
            }
            n--;
        }
        return id;
    }

    /** A directory: counts, tile-id deltas, run lengths, lengths, offsets (0: right after the previous), gzipped. */
    private static byte[] directory(List<Entry> dir) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        varint(bytes, dir.size());
        long last = 0;
        for (Entry e : dir) {
            varint(bytes, e.tileId() - last);
            last = e.tileId();
        }
        for (Entry e : dir) {
            varint(bytes, e.runLength());
        }
        for (Entry e : dir) {
            varint(bytes, e.length());
        }
        for (int i = 0; i < dir.size(); i++) {
            Entry e = dir.get(i);
            boolean next = i > 0 && e.offset() == dir.get(i - 1).offset() + dir.get(i - 1).length();
            varint(bytes, next ? 0 : e.offset() + 1);
        }
        return gzip(bytes.toByteArray());
    }

    private static void varint(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    private static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(raw);
        }
        return bytes.toByteArray();
    }

    private static int e7(double degrees) {
        return (int) Math.round(degrees * 1e7);
    }
}
