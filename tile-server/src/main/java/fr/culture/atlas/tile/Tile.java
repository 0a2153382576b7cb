package fr.culture.atlas.tile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;

/**
 * An encoded tile as cached and served: the raw MVT bytes, their gzip form, and a strong ETag
 * per form (derived from the data version and the bytes; RFC 9110 wants a strong validator to
 * differ between two content codings of the same data, as Apache's {@code -gzip} suffix does).
 *
 * <p>The gzip form is made when a client first asks for it, then kept: compressing costs about
 * a third of making a commune tile, and clients that do not accept gzip (tile seeders, native
 * apps, {@code curl}) should not pay for it.
 */
public final class Tile {

    public static final Tile EMPTY = new Tile(new byte[0], "\"empty\"");

    private final byte[] raw;
    private final String etag;
    private final String gzipEtag;
    /** Made on first use; two requests racing may both compress, to the same bytes. */
    private volatile byte[] gzip;

    private Tile(byte[] raw, String tag) {
        this.raw = raw;
        this.etag = tag;
        this.gzipEtag = tag.substring(0, tag.length() - 1) + "-gzip\"";
        this.gzip = raw.length == 0 ? raw : null;
    }

    public static Tile of(long version, byte[] raw) {
        if (raw.length == 0) {
            return EMPTY;
        }
        return new Tile(raw, "\"v" + version + "-" + digest(raw) + "\"");
    }

    public boolean isEmpty() {
        return raw.length == 0;
    }

    /** The MVT bytes. */
    public byte[] raw() {
        return raw;
    }

    /** The strong ETag of the raw bytes. */
    public String etag() {
        return etag;
    }

    /** The gzip form of the bytes, compressed at the first call. */
    public byte[] gzip() {
        byte[] g = gzip;
        if (g == null) {
            g = compress(raw);
            gzip = g;
        }
        return g;
    }

    /** The strong ETag of the gzip form. */
    public String gzipEtag() {
        return gzipEtag;
    }

    /**
     * Bytes held in memory, for the cache's weigher, which weighs an entry once, when it is
     * added: room is counted for the gzip form (at most about the size of the raw bytes)
     * whether or not a client asks for it later.
     */
    public int weight() {
        return 2 * raw.length + 64;
    }

    /** The gzip form of any bytes: tiles, and the text documents the HTTP side sends. */
    public static byte[] compress(byte[] raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length / 2 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A short content hash (SHA-256, first 12 bytes in hex), for strong ETags: tiles and static files. */
    public static String digest(byte[] raw) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(raw);
            return HexFormat.of().formatHex(hash, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
