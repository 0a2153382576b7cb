package fr.culture.atlas.font;

import java.util.List;

import fr.culture.atlas.pbf.ProtobufWriter;

/**
 * The MapLibre glyph protobuf of one range of one font stack:
 * <pre>
 * message glyphs    { repeated fontstack stacks = 1; }
 * message fontstack { required string name = 1; required string range = 2; repeated glyph glyphs = 3; }
 * message glyph     { required uint32 id = 1; optional bytes bitmap = 2; required uint32 width = 3;
 *                     required uint32 height = 4; required sint32 left = 5; required sint32 top = 6;
 *                     required uint32 advance = 7; }
 * </pre>
 * Written with the tiles' {@link ProtobufWriter}: seven fields do not justify generated code.
 */
public final class GlyphPbf {

    private GlyphPbf() {
    }

    /** The encoded message {@code glyphs} holding one font stack. */
    public static byte[] encode(String name, String range, List<GlyphSdf.Glyph> glyphs) {
        ProtobufWriter stack = new ProtobufWriter(64 * 1024);
        stack.stringField(1, name);
        stack.stringField(2, range);
        ProtobufWriter glyph = new ProtobufWriter(1024);
        for (GlyphSdf.Glyph g : glyphs) {
            glyph.clear();
            glyph.varintField(1, g.id());
            if (g.bitmap().length > 0) {
                glyph.bytesField(2, g.bitmap());
            }
            glyph.varintField(3, g.width());
            glyph.varintField(4, g.height());
            glyph.varintField(5, Integer.toUnsignedLong(ProtobufWriter.zigZag(g.left())));
            glyph.varintField(6, Integer.toUnsignedLong(ProtobufWriter.zigZag(g.top())));
            glyph.varintField(7, g.advance());
            stack.bytesField(3, glyph);
        }
        ProtobufWriter message = new ProtobufWriter(stack.size() + 8);
        message.bytesField(1, stack);
        return message.toByteArray();
    }
}
