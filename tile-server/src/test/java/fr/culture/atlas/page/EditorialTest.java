package fr.culture.atlas.page;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Deps' Markdown: escaped, links checked, headings under the page's, read again when changed. */
class EditorialTest {

    @Test
    void rawHtmlIsShownAsTextAndUnsafeLinksLoseTheirTarget() {
        String html = Editorial.render("""
                # Titre

                <img src=x onerror=alert(1)> [ok](https://example.org/) [ko](javascript:alert(1))
                [ko aussi](JaVaScRiPt:alert(1)) [data](data:text/html;base64,PHNjcmlwdD4=) [page](/portrait/france)
                [relatif](annexe.html)
                """);
        assertTrue(html.startsWith("<h3>Titre</h3>"), html);
        assertTrue(html.contains("&lt;img src=x onerror=alert(1)&gt;"), html);
        assertFalse(html.contains("<img"), html);
        assertTrue(html.contains("href=\"https://example.org/\""), html);
        assertFalse(html.toLowerCase(java.util.Locale.ROOT).contains("javascript:"), html);
        assertFalse(html.contains("data:"), "no data: link: " + html);
        assertTrue(Editorial.render("![carte](data:image/svg+xml;base64,PHN2Zz4=)").contains("src=\"\""), "nor image");
        assertTrue(html.contains("href=\"/portrait/france\"") && html.contains("href=\"annexe.html\""), "the atlas's own pages: " + html);
    }

    @Test
    void headingsStayWithinH6() {
        assertEquals("<h6>Six</h6>\n", Editorial.render("###### Six"));
        assertEquals("<h4>Deux</h4>\n", Editorial.render("## Deux"));
    }

    @Test
    void aFileIsReadAgainWhenItChanges(@TempDir Path content) throws Exception {
        Editorial editorial = new Editorial(content);
        assertTrue(editorial.html("region", "84").isEmpty(), "no directory yet: no analysis");
        Path file = Files.createDirectories(content.resolve("portraits")).resolve("region-84.md");
        Files.writeString(file, "Un.\n");
        assertEquals("<p>Un.</p>\n", editorial.html("region", "84").orElseThrow());
        Files.writeString(file, "Deux, plus long.\n"); // another size: read again even within the same second
        assertEquals("<p>Deux, plus long.</p>\n", editorial.html("region", "84").orElseThrow());
        Files.delete(file);
        assertTrue(editorial.html("region", "84").isEmpty());
    }
}
