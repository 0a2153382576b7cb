package fr.culture.atlas.font;

import java.awt.Font;
import java.awt.FontFormatException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import java.util.stream.Stream;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import fr.culture.atlas.tile.Tile;
import fr.culture.atlas.work.Workers;

/**
 * The TrueType and OpenType fonts of some directories, by their full name ("Noto Sans Regular",
 * "DejaVu Sans Bold"), and the MapLibre glyph ranges of a font stack made from them.
 *
 * <p>The directories are read at the first request, not at start-up (about 0.4 s for the 300
 * fonts of Debian's Noto and DejaVu packages); a font file is opened when a stack first names it.
 * A range is rendered once (about 0.1 s) with its gzip form and kept in a bounded cache.
 */
public final class FontLibrary {

    private static final Logger LOG = Logger.getLogger(FontLibrary.class.getName());
    /** Glyph ranges are 256 code points of the Basic Multilingual Plane, the ones MapLibre asks for. */
    public static final int RANGE = 256;
    public static final int MAX_START = 65536 - RANGE;

    /** Where a font is: a file, and the face's index in it (a collection holds several). */
    private record Face(Path file, int index) {
    }

    private final List<Path> dirs;
    private volatile Map<String, Face> faces;
    private final Map<String, Font> loaded = new ConcurrentHashMap<>();
    private final AsyncCache<String, Range> ranges = Caffeine.newBuilder()
            .maximumWeight(64L << 20)
            .<String, Range>weigher((key, value) -> value.pbf().length + value.gzipped().length)
            .buildAsync();

    /**
     * A glyph range, its gzip form and the digest of its ETag, made together on a worker: the Latin
     * range is 74 KB and 45 KB gzipped, on every first view, and compressing it per request would
     * put that work back on the request's thread.
     */
    public record Range(byte[] pbf, byte[] gzipped, String digest) {
    }

    public FontLibrary(List<Path> dirs) {
        this.dirs = List.copyOf(dirs);
    }

    /** The directories fonts are read from. */
    public List<Path> dirs() {
        return dirs;
    }

    /** Full names of every font found, sorted. */
    public List<String> names() {
        return List.copyOf(faces().keySet());
    }

    public boolean has(String name) {
        return faces().containsKey(name);
    }

    /**
     * The glyph PBF of the range starting at {@code start} (a multiple of 256) for a stack of
     * known font names: each character comes from the first font of the stack that has it, and
     * characters none has are left out (MapLibre then draws nothing for them).
     */
    public Range range(List<String> stack, int start) {
        if (start < 0 || start > MAX_START || start % RANGE != 0) {
            throw new IllegalArgumentException("A range starts at a multiple of 256 up to " + MAX_START + ", not " + start);
        }
        String name = String.join(",", stack);
        // rendered on a worker; the cache holds its future, nobody waits inside the cache's locks
        return Workers.join(ranges.get(name + "/" + start,
                (key, executor) -> Workers.shared().submit(() -> {
                    byte[] pbf = render(name, stack, start);
                    return new Range(pbf, Tile.compress(pbf), Tile.digest(pbf));
                })));
    }

    private byte[] render(String name, List<String> stack, int start) {
        List<Font> fonts = stack.stream().map(this::font).toList();
        List<GlyphSdf.Glyph> glyphs = new ArrayList<>();
        for (int cp = start; cp < start + RANGE; cp++) {
            for (Font font : fonts) {
                if (font.canDisplay(cp)) {
                    glyphs.add(GlyphSdf.render(font, cp));
                    break;
                }
            }
        }
        return GlyphPbf.encode(name, start + "-" + (start + RANGE - 1), glyphs);
    }

    /** The font of a known name at the glyph size. */
    private Font font(String name) {
        return loaded.computeIfAbsent(name, n -> {
            Face face = Optional.ofNullable(faces().get(n))
                    .orElseThrow(() -> new IllegalArgumentException("Unknown font '" + n + "'"));
            try {
                return Font.createFonts(face.file().toFile())[face.index()].deriveFont((float) GlyphSdf.SIZE);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (FontFormatException e) {
                throw new IllegalStateException("Cannot read font " + face.file() + ": " + e.getMessage(), e);
            }
        });
    }

    private Map<String, Face> faces() {
        Map<String, Face> known = faces;
        if (known == null) {
            synchronized (this) {
                known = faces;
                if (known == null) {
                    known = scan();
                    faces = known;
                }
            }
        }
        return known;
    }

    private Map<String, Face> scan() {
        Map<String, Face> found = new TreeMap<>();
        for (Path dir : dirs) {
            if (!Files.isDirectory(dir)) {
                LOG.warning("Font directory " + dir + " does not exist: no glyphs from it (on Debian: "
                        + "apt-get install fonts-noto-core fonts-dejavu-core)");
                continue;
            }
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.filter(FontLibrary::isFont).sorted().toList()) {
                    try {
                        Font[] inFile = Font.createFonts(file.toFile());
                        for (int i = 0; i < inFile.length; i++) {
                            // the first file wins when two directories hold the same font
                            found.putIfAbsent(inFile[i].getFontName(Locale.ROOT), new Face(file, i));
                        }
                    } catch (FontFormatException | IOException e) {
                        LOG.warning("Skipping font " + file + ": " + e.getMessage());
                    }
                }
            } catch (IOException e) {
                LOG.warning("Cannot list fonts in " + dir + ": " + e);
            }
        }
        LOG.info(found.size() + " fonts for glyphs in " + dirs);
        return found;
    }

    private static boolean isFont(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return Files.isRegularFile(file) && (name.endsWith(".ttf") || name.endsWith(".otf") || name.endsWith(".ttc"));
    }
}
