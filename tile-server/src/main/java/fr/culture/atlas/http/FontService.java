package fr.culture.atlas.http;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import fr.culture.atlas.font.FontLibrary;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * MapLibre glyphs: {@code /fonts/{fontstack}/{range}.pbf}, where the font stack is a
 * comma-separated list of font names (each character from the first font that has it) and the
 * range 256 code points such as {@code 0-255}; {@code /fonts/} lists the fonts.
 */
public final class FontService implements HttpService {

    static final String PBF = "application/x-protobuf";
    private static final Pattern RANGE = Pattern.compile("(\\d{1,5})-(\\d{1,5})\\.pbf");
    private static final int MAX_STACK = 8;

    private final FontLibrary fonts;

    public FontService(FontLibrary fonts) {
        this.fonts = fonts;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::list)
             .get("/{fontstack}/{range}", this::glyphs);
    }

    private void list(ServerRequest req, ServerResponse res) {
        res.header(HeaderNames.CACHE_CONTROL, "public, max-age=3600");
        Json.send(req, res, Map.of("fonts", fonts.names(), "glyphs", "/fonts/{fontstack}/{range}.pbf"));
    }

    private void glyphs(ServerRequest req, ServerResponse res) {
        var p = req.path().pathParameters();
        int start = start(p.get("range"));
        List<String> stack = Arrays.stream(p.get("fontstack").split(",")).map(String::strip)
                .filter(s -> !s.isEmpty()).distinct().limit(MAX_STACK).toList();
        List<String> known = stack.stream().filter(fonts::has).toList();
        if (known.isEmpty()) {
            List<String> names = fonts.names();
            throw Problem.notFound("No font of the stack '" + p.get("fontstack") + "' is served"
                    + (names.isEmpty() ? "; the server found no fonts in " + fonts.dirs()
                    + " (on Debian: apt-get install fonts-noto-core fonts-dejavu-core)"
                    : "; fonts: " + String.join(", ", names)), "fonts", names);
        }
        // a font file changes with a system package update at most: a day is safe
        res.header(HeaderNames.CACHE_CONTROL, "public, max-age=86400");
        res.header(HeaderNames.CONTENT_TYPE, PBF);
        FontLibrary.Range range = fonts.range(known, start);
        HttpCaching.sendText(req, res, range.pbf(), range::gzipped, range::digest);
    }

    /** The first code point of "{start}-{end}.pbf", or 400 saying what a range is. */
    private static int start(String file) {
        Matcher m = RANGE.matcher(file);
        int start = m.matches() ? Integer.parseInt(m.group(1)) : -1;
        if (start < 0 || start % FontLibrary.RANGE != 0 || start > FontLibrary.MAX_START
                || Integer.parseInt(m.group(2)) != start + FontLibrary.RANGE - 1) {
            throw new Problem(Status.BAD_REQUEST_400, "Malformed glyph range '" + file + "'; a range is "
                    + "{start}-{start+255}.pbf with start a multiple of 256 from 0 to " + FontLibrary.MAX_START
                    + ", for example 0-255.pbf", Map.of("example", "0-255.pbf"));
        }
        return start;
    }
}
