package fr.culture.atlas.font;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The MapLibre glyph protobuf of one range of one font stack:
 * <pre>
 * message glyphs    { repeated fontstack stacks = 1; }
 * message fontstack { required string name = 1; required string range = 2; repeated glyph glyphs = 3; }
 * message glyph     { required uint32 id = 1; optional bytes bitmap = 2; required uint32 width = 3;
 *                     required uint32 height = 4; required sint32 left = 5; required sint32 top = 6;
 *                     required uint32 advance = 7; }
 * </pre>
 * Written by hand: seven fields do not justify a protobuf runtime and generated code.
 */
public final class GlyphPbf {

    private static final int VARINT = 0;
    private static final int BYTES = 2;

    private GlyphPbf() {
    }

    /** The encoded message {@code glyphs} holding one font stack. */
    public static byte[] encode(String name, String range, List<GlyphSdf.Glyph> glyphs) {
        ByteArrayOutputStream stack = new ByteArrayOutputStream();
        bytes(stack, 1, name.getBytes(StandardCharsets.UTF_8));
        bytes(stack, 2, range.getBytes(StandardCharsets.UTF_8));
        for (GlyphSdf.Glyph g : glyphs) {
            ByteArrayOutputStream glyph = new ByteArrayOutputStream();
            varint(glyph, 1, g.id());
            if (g.bitmap().length > 0) {
                bytes(glyph, 2, g.bitmap());
            }
            varint(glyph, 3, g.width());
            varint(glyph, 4, g.height());
            varint(glyph, 5, zigzag(g.left()));
            varint(glyph, 6, zigzag(g.top()));
            varint(glyph, 7, g.advance());
            bytes(stack, 3, glyph.toByteArray());
        }
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        bytes(message, 1, stack.toByteArray());
        return message.toByteArray();
    }

    private static long zigzag(int n) {
        return Integer.toUnsignedLong((n << 1) ^ (n >> 31));
    }

    private static void varint(ByteArrayOutputStream out, int field, long value) {
        raw(out, (long) field << 3 | VARINT);
        raw(out, value);
    }

    private static void bytes(ByteArrayOutputStream out, int field, byte[] value) {
        raw(out, (long) field << 3 | BYTES);
        raw(out, value.length);
        out.writeBytes(value);
    }

    private static void raw(ByteArrayOutputStream out, long value) {
        while ((value & ~0x7FL) != 0) {
            out.write((int) (value & 0x7F) | 0x80);
            value >>>= 7;
        }
        out.write((int) value);
    }
}
