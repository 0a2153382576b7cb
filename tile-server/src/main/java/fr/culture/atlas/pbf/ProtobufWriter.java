package fr.culture.atlas.pbf;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The protobuf wire format, as much of it as the server writes (Mapbox Vector Tiles and
 * MapLibre glyphs), into one growable byte array: varints, zig-zag, fixed 32/64-bit, and
 * length-delimited fields (strings, bytes, embedded messages, packed uint32). Written by hand
 * rather than with protobuf-java's generated classes: a tile writes its features from primitive
 * buffers, with no object per feature or per value.
 */
public final class ProtobufWriter {

    private static final int VARINT = 0;
    private static final int FIXED64 = 1;
    private static final int LENGTH_DELIMITED = 2;
    private static final int FIXED32 = 5;

    private byte[] bytes;
    private int size;

    public ProtobufWriter(int capacity) {
        bytes = new byte[capacity];
    }

    /** Zig-zag encoding of a signed integer (sint64): small magnitudes give short varints. */
    public static long zigZag(long n) {
        return (n << 1) ^ (n >> 63);
    }

    /** Zig-zag encoding of a signed 32-bit integer (sint32, MVT's command parameters). */
    public static int zigZag(int n) {
        return (n << 1) ^ (n >> 31);
    }

    public int size() {
        return size;
    }

    public void clear() {
        size = 0;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }

    public void varint(long v) {
        ensure(10);
        while ((v & ~0x7FL) != 0) {
            bytes[size++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        bytes[size++] = (byte) v;
    }

    /** An unsigned 32-bit varint (MVT's command integers and indexes). */
    public void varint32(int v) {
        varint(v & 0xFFFFFFFFL);
    }

    public void varintField(int field, long v) {
        varint32(field << 3 | VARINT);
        varint(v);
    }

    public void fixed64Field(int field, long v) {
        varint32(field << 3 | FIXED64);
        ensure(8);
        for (int i = 0; i < 8; i++) {
            bytes[size++] = (byte) (v >>> (8 * i));
        }
    }

    public void fixed32Field(int field, int v) {
        varint32(field << 3 | FIXED32);
        ensure(4);
        for (int i = 0; i < 4; i++) {
            bytes[size++] = (byte) (v >>> (8 * i));
        }
    }

    public void stringField(int field, String s) {
        bytesField(field, s.getBytes(StandardCharsets.UTF_8));
    }

    public void bytesField(int field, byte[] value) {
        varint32(field << 3 | LENGTH_DELIMITED);
        varint32(value.length);
        ensure(value.length);
        System.arraycopy(value, 0, bytes, size, value.length);
        size += value.length;
    }

    /** A length-delimited field holding another buffer (an embedded message). */
    public void bytesField(int field, ProtobufWriter message) {
        varint32(field << 3 | LENGTH_DELIMITED);
        varint32(message.size);
        ensure(message.size);
        System.arraycopy(message.bytes, 0, bytes, size, message.size);
        size += message.size;
    }

    /** A packed repeated uint32 field of items {@code from..to} of a list; nothing when empty (as protobuf does). */
    public void packed(int field, IntList list, int from, int to) {
        if (from == to) {
            return;
        }
        int length = 0;
        for (int i = from; i < to; i++) {
            length += varintSize(list.get(i));
        }
        varint32(field << 3 | LENGTH_DELIMITED);
        varint32(length);
        for (int i = from; i < to; i++) {
            varint32(list.get(i));
        }
    }

    private static int varintSize(int v) {
        return v >>> 7 == 0 ? 1 : v >>> 14 == 0 ? 2 : v >>> 21 == 0 ? 3 : v >>> 28 == 0 ? 4 : 5;
    }
}
