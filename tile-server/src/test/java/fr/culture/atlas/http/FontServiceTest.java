package fr.culture.atlas.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Glyphs at /fonts, decoded with the protobuf runtime (not with the server's own writer) against
 * the MapLibre glyphs.proto: stack name and range, ids, metrics of "A" and "é", the field's edge.
 * Needs Debian's fonts-noto-core and fonts-dejavu-core, which ./atlas installs.
 */
class FontServiceTest {

    /** A decoded glyph of glyphs.proto. */
    record Glyph(int id, byte[] bitmap, int width, int height, int left, int top, int advance) {
    }

    /** A decoded fontstack message. */
    record Stack(String name, String range, Map<Integer, Glyph> glyphs) {
    }

    private static TestServer server;

    @BeforeAll
    static void start() throws IOException {
        server = TestServer.withoutData(Files.createTempDirectory("atlas-fonts"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theFontsOfDebianPackagesAreListed() throws Exception {
        HttpResponse<byte[]> res = server.get("/fonts/");
        assertEquals(200, res.statusCode());
        List<?> fonts = (List<?>) new ObjectMapper().readValue(res.body(), Map.class).get("fonts");
        assertTrue(fonts.containsAll(List.of("Noto Sans Regular", "Noto Sans Bold", "Noto Sans Italic", "DejaVu Sans")),
                "fonts-noto-core and fonts-dejavu-core must be installed (./atlas installs them): " + fonts);
    }

    @Test
    void latinRangeHoldsAAndEAcuteWithMapLibreMetrics() throws Exception {
        HttpResponse<byte[]> res = server.get("/fonts/Noto%20Sans%20Regular,DejaVu%20Sans/0-255.pbf");
        assertEquals(200, res.statusCode(), new String(res.body(), StandardCharsets.UTF_8));
        assertEquals("application/x-protobuf", res.headers().firstValue("content-type").orElseThrow());
        assertEquals("*", res.headers().firstValue("access-control-allow-origin").orElseThrow());
        Stack stack = decode(res.body());
        assertEquals("Noto Sans Regular,DejaVu Sans", stack.name());
        assertEquals("0-255", stack.range());
        Glyph a = stack.glyphs().get((int) 'A');
        // Noto Sans "A" at 24 px: about 15 px wide, 17 px high (cap height 0.714 em), on the baseline
        assertTrue(a.width() >= 13 && a.width() <= 17, "width " + a.width());
        assertTrue(a.height() >= 16 && a.height() <= 18, "height " + a.height());
        assertEquals(a.height() - 25, a.top(), "top = glyph top above the baseline - 25, as node-fontnik writes it");
        assertTrue(a.advance() >= 14 && a.advance() <= 17, "advance " + a.advance());
        assertEquals((a.width() + 6) * (a.height() + 6), a.bitmap().length, "a 3 px border on each side");
        Glyph e = stack.glyphs().get((int) 'é');
        assertTrue(e.top() > stack.glyphs().get((int) 'e').top(), "the accent rises above the e");
        assertEquals(stack.glyphs().get((int) 'e').advance(), e.advance());
        Glyph space = stack.glyphs().get((int) ' ');
        assertEquals(0, space.bitmap().length, "a space has no bitmap");
        assertTrue(space.advance() > 0, "but it advances");
        assertFalse(stack.glyphs().containsKey(0x7F), "a control character is no glyph");
        // the signed distance field: the crossbar of the A is inside (> 191), the border corner far outside
        int w = a.width() + 6;
        int midRow = 3 + Math.round(a.height() * 0.7f);
        int inside = 0;
        for (int x = 0; x < w; x++) {
            inside = Math.max(inside, Byte.toUnsignedInt(a.bitmap()[midRow * w + x]));
        }
        assertTrue(inside > 191, "the crossbar row reaches inside the outline: " + inside);
        assertEquals(0, Byte.toUnsignedInt(a.bitmap()[0]), "top-left corner is farther than 8 px above the A's apex");
    }

    /** The Latin range is on every first view: it travels gzipped to whoever accepts it, the same bytes. */
    @Test
    void aRangeIsSentGzippedToWhoAcceptsIt() throws Exception {
        String path = "/fonts/Noto%20Sans%20Regular,DejaVu%20Sans/0-255.pbf";
        byte[] raw = server.get(path).body();
        HttpResponse<byte[]> res = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
                .newBuilder(java.net.URI.create(server.baseUrl() + path)).header("Accept-Encoding", "gzip").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals("gzip", res.headers().firstValue("content-encoding").orElse(""));
        assertEquals("Accept-Encoding", res.headers().firstValue("vary").orElse(""));
        assertTrue(res.body().length < raw.length * 0.8, res.body().length + " of " + raw.length + " bytes");
        try (var in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(res.body()))) {
            assertArrayEquals(raw, in.readAllBytes());
        }
    }

    @Test
    void aCharacterMissingFromTheFirstFontComesFromTheNext() throws Exception {
        // U+2160 ROMAN NUMERAL ONE is in DejaVu Sans, not in Noto Sans Regular
        Stack stack = decode(server.get("/fonts/Noto%20Sans%20Regular,DejaVu%20Sans/8448-8703.pbf").body());
        assertTrue(stack.glyphs().containsKey(0x2160), "U+2160 from DejaVu Sans");
        assertFalse(decode(server.get("/fonts/Noto%20Sans%20Regular/8448-8703.pbf").body()).glyphs()
                .containsKey(0x2160), "not from Noto Sans alone");
    }

    @Test
    void unknownFontsAnswer404ListingTheFonts() throws Exception {
        Map<String, Object> problem = TileServiceTest.problem(server.get("/fonts/Comic%20Sans/0-255.pbf"), 404);
        assertTrue(problem.get("detail").toString().contains("Comic Sans"), problem.toString());
        assertTrue(((List<?>) problem.get("fonts")).contains("Noto Sans Regular"), problem.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0-256.pbf", "1-256.pbf", "65536-65791.pbf", "0-255.png", "a-b.pbf", "99999999999-0.pbf"})
    void malformedRangesAnswer400(String range) throws Exception {
        Map<String, Object> problem = TileServiceTest.problem(server.get("/fonts/Noto%20Sans%20Regular/" + range), 400);
        assertTrue(problem.get("detail").toString().contains("0-255.pbf"), problem.toString());
    }

    /** Reads a glyphs message holding one font stack. */
    static Stack decode(byte[] pbf) throws IOException {
        CodedInputStream in = CodedInputStream.newInstance(pbf);
        List<Stack> stacks = new ArrayList<>();
        for (int tag; (tag = in.readTag()) != 0; ) {
            assertEquals(1, WireFormat.getTagFieldNumber(tag), "glyphs has only stacks = 1");
            stacks.add(stack(CodedInputStream.newInstance(in.readByteArray())));
        }
        assertEquals(1, stacks.size());
        return stacks.getFirst();
    }

    private static Stack stack(CodedInputStream in) throws IOException {
        String name = null;
        String range = null;
        Map<Integer, Glyph> glyphs = new LinkedHashMap<>();
        for (int tag; (tag = in.readTag()) != 0; ) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> name = in.readString();
                case 2 -> range = in.readString();
                case 3 -> {
                    Glyph g = glyph(CodedInputStream.newInstance(in.readByteArray()));
                    glyphs.put(g.id(), g);
                }
                default -> throw new AssertionError("unexpected field in fontstack: " + tag);
            }
        }
        return new Stack(name, range, glyphs);
    }

    private static Glyph glyph(CodedInputStream in) throws IOException {
        int id = -1;
        byte[] bitmap = new byte[0];
        int width = 0;
        int height = 0;
        int left = 0;
        int top = 0;
        int advance = 0;
        for (int tag; (tag = in.readTag()) != 0; ) {
            switch (WireFormat.getTagFieldNumber(tag)) {
                case 1 -> id = in.readUInt32();
                case 2 -> bitmap = in.readByteArray();
                case 3 -> width = in.readUInt32();
                case 4 -> height = in.readUInt32();
                case 5 -> left = in.readSInt32();
                case 6 -> top = in.readSInt32();
                case 7 -> advance = in.readUInt32();
                default -> throw new AssertionError("unexpected field in glyph: " + tag);
            }
        }
        return new Glyph(id, bitmap, width, height, left, top, advance);
    }
}
