package fr.culture.atlas.page;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Heading;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.html.UrlSanitizer;

/**
 * The Deps' own analysis of a territory: {@code {content dir}/portraits/{level}-{code}.md}
 * ({@code france-FR.md} for France), Markdown rendered to HTML by commonmark-java. Raw HTML in
 * the file is escaped, not passed through, and links keep only safe schemes (a {@code javascript:}
 * link loses its target): the text is written by people, not by the code, and a portrait page
 * is served from the atlas's own origin.
 *
 * <p>A file is read again when its modification time or size changes (one {@code stat} per
 * request), so that a new or edited analysis is served without restarting the server. Headings are
 * moved two levels down: the page's {@code h1} is the territory and its {@code h2} the sections,
 * so the file's {@code #} becomes an {@code h3}.
 */
public final class Editorial {

    private static final Parser PARSER = Parser.builder().build();
    /**
     * Links and images to http(s), mailto or a path of the atlas; anything else (javascript:,
     * data:, vbscript:…) becomes an empty target. commonmark's default sanitizer lets data: through.
     */
    private static final java.util.regex.Pattern SAFE_URL =
            java.util.regex.Pattern.compile("(?i)^(https?:|mailto:|/(?!/)|#|\\?|[^:/?#]*(?:[/?#]|$)).*");
    private static final UrlSanitizer SANITIZER = new UrlSanitizer() {
        @Override
        public String sanitizeLinkUrl(String url) {
            return SAFE_URL.matcher(url.strip()).matches() ? url : "";
        }

        @Override
        public String sanitizeImageUrl(String url) {
            return sanitizeLinkUrl(url);
        }
    };
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder()
            .escapeHtml(true)
            .sanitizeUrls(true)
            .urlSanitizer(SANITIZER)
            .build();

    private final Path dir;
    private final Map<Path, Rendered> rendered = new ConcurrentHashMap<>();

    /** @param contentDir the content directory ({@code atlas.content.dir}); its {@code portraits/} holds the files */
    public Editorial(Path contentDir) {
        this.dir = contentDir.resolve("portraits");
    }

    /** A file's rendering, as it was when its time and size were these. */
    private record Rendered(FileTime time, long size, String html) {
    }

    /** The file a portrait reads (level ids and codes are checked against the data before). */
    public Path file(String level, String code) {
        return dir.resolve(level + "-" + code + ".md");
    }

    /** The analysis of the territory as HTML, or empty when it has no file. */
    public Optional<String> html(String level, String code) {
        Path file = file(level, code);
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            rendered.remove(file);
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Rendered known = rendered.get(file);
        if (known != null && known.time().equals(attributes.lastModifiedTime()) && known.size() == attributes.size()) {
            return Optional.of(known.html());
        }
        String text;
        try {
            // decoded leniently: a file saved in Latin-1 shows a few wrong characters, not an error page
            text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty(); // removed between the two calls
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String html = render(text);
        rendered.put(file, new Rendered(attributes.lastModifiedTime(), attributes.size(), html));
        return Optional.of(html);
    }

    /** Markdown to HTML, raw HTML escaped, unsafe link schemes dropped, headings from h3. */
    static String render(String markdown) {
        Node document = PARSER.parse(markdown);
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(Heading heading) {
                heading.setLevel(Math.min(6, heading.getLevel() + 2));
                visitChildren(heading);
            }
        });
        return RENDERER.render(document);
    }
}
