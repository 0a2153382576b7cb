package fr.culture.atlas.tile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;

/**
 * An encoded tile as cached and served: the raw MVT bytes, their gzip form (compressed once,
 * served to every client that accepts gzip), and a strong ETag derived from the data version
 * and the bytes.
 */
public record Tile(byte[] raw, byte[] gzip, String etag) {

    public static final Tile EMPTY = new Tile(new byte[0], new byte[0], "\"empty\"");

    public static Tile of(long version, byte[] raw) {
        if (raw.length == 0) {
            return EMPTY;
        }
        return new Tile(raw, gzip(raw), "\"v" + version + "-" + digest(raw) + "\"");
    }

    public boolean isEmpty() {
        return raw.length == 0;
    }

    /** Bytes held in memory, for the cache's weigher. */
    public int weight() {
        return raw.length + gzip.length + 64;
    }

    private static byte[] gzip(byte[] raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length / 2 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static String digest(byte[] raw) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(raw);
            return HexFormat.of().formatHex(hash, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
