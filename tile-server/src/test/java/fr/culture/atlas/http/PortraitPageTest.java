package fr.culture.atlas.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import fr.culture.atlas.TestData;
import fr.culture.atlas.config.Settings;
import fr.culture.atlas.page.Html;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The portrait pages, fetched as a client without JavaScript sees them, over the real data. */
@SuppressWarnings("unchecked")
class PortraitPageTest {

    @RegisterExtension
    static final ServerFixture server = ServerFixture.embedded();

    private static String page(TestServer own, String path) throws Exception {
        HttpResponse<byte[]> res = own == null ? server.get(path) : own.get(path);
        String body = new String(res.body(), StandardCharsets.UTF_8);
        assertEquals(200, res.statusCode(), body);
        assertEquals("text/html; charset=UTF-8", res.headers().firstValue("Content-Type").orElseThrow());
        return body;
    }

    private static Map<String, Object> json(String path) throws Exception {
        return new ObjectMapper().readValue(server.get(path).body(), Map.class);
    }

    /** The content of a meta tag of the page, unescaped. */
    private static String meta(String html, String property) {
        Matcher m = Pattern.compile("<meta (?:property|name)=\"" + Pattern.quote(property) + "\" content=\"([^\"]*)\">")
                .matcher(html);
        assertTrue(m.find(), property + " in the page");
        return m.group(1).replace("&#39;", "'").replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&amp;", "&");
    }

    @Test
    void aCommunePortraitNamesTheTerritoryAndEveryIndicatorOfTheJsonPortrait() throws Exception {
        String html = page(null, "/portrait/commune/69123");
        assertTrue(html.startsWith("<!doctype html>\n<html lang=\"fr\">"));
        assertTrue(html.contains("<h1>Lyon</h1>"), "the territory's name as the heading");
        Map<String, Object> portrait = json("/api/territories/commune/69123");
        List<Map<String, Object>> indicators = (List<Map<String, Object>>) portrait.get("indicators");
        assertTrue(indicators.size() > 20, indicators.size() + " indicators");
        for (Map<String, Object> indicator : indicators) {
            String id = (String) indicator.get("id");
            assertTrue(html.contains("<tr id=\"" + id + "\"><th scope=\"row\"><span class=\"label\">"
                    + Html.escape((String) indicator.get("label")) + "</span>"), "a row for " + id);
            // its map, centred on the territory, in the homepage's address
            assertTrue(html.contains("href=\"/?indicator=" + id + "&amp;level=commune&amp;territory=69123\""), id);
        }
        assertEquals(indicators.size(), Pattern.compile("<tr id=").matcher(html).results().count(), "one row each");
        // the ranks are the JSON portrait's: one model for both
        Map<String, Object> population = indicators.stream().filter(i -> "population".equals(i.get("id"))).findFirst().orElseThrow();
        Map<String, Object> rank = (Map<String, Object>) ((Map<String, Object>) population.get("ranks")).get("commune");
        assertTrue(html.contains(rank.get("rank") + "ᵉ sur 34\u202f967 communes"), "rank " + rank);
        // the parents, each a link to its own portrait, and their values as columns
        Map<String, Map<String, String>> parents = (Map<String, Map<String, String>>) portrait.get("parents");
        assertTrue(html.contains("<a href=\"/portrait/region/84\">Auvergne-Rhône-Alpes</a>"));
        assertTrue(html.contains("<a href=\"/portrait/departement/69\">" + parents.get("departement").get("nom") + "</a>"));
        // their columns from the nearest out to France: the EPCI, the département, the région
        int epci = html.indexOf("<th scope=\"col\">" + parents.get("epci").get("nom") + "</th>");
        int departement = html.indexOf("<th scope=\"col\">" + parents.get("departement").get("nom") + "</th>");
        int region = html.indexOf("<th scope=\"col\">Auvergne-Rhône-Alpes</th>");
        assertTrue(0 < epci && epci < departement && departement < region && region < html.indexOf("<th scope=\"col\">France</th>"));
        // the locator map is in the page: no JavaScript needed to see it
        assertTrue(html.contains("<svg class=\"locator\""), "inline SVG");
        assertTrue(html.contains("<path class=\"locator-self\" d=\"M"), "Lyon drawn");
        assertTrue(html.contains("Carte de situation : Lyon dans la région Auvergne-Rhône-Alpes"));
        assertTrue(html.contains("@page { size: A4;"), "a print stylesheet for A4");
        assertFalse(html.contains("<!--atlas:"), "every marker filled");
    }

    @Test
    void openGraphSaysTheValueAndTheRankInOneSentence() throws Exception {
        String html = page(null, "/portrait/commune/69123?indicator=population");
        assertEquals("Lyon (commune) : portrait culturel", meta(html, "og:title"));
        Map<String, Object> population = ((List<Map<String, Object>>) json("/api/territories/commune/69123")
                .get("indicators")).stream().filter(i -> "population".equals(i.get("id"))).findFirst().orElseThrow();
        int rank = (Integer) ((Map<String, Object>) ((Map<String, Object>) population.get("ranks")).get("commune")).get("rank");
        String description = meta(html, "og:description");
        assertTrue(description.matches("Lyon — Population totale : [0-9\u202f]+\u00a0hab\\. \\([^)]+\\), " + rank
                + "ᵉ sur 34\u202f967 communes\\."), description);
        assertEquals("article", meta(html, "og:type"));
        assertEquals(server.baseUrl() + "/portrait/commune/69123", meta(html, "og:url"));
        // without ?indicator=, the first indicator that has a rank
        assertTrue(meta(page(null, "/portrait/region/84"), "og:description").matches("Auvergne-Rhône-Alpes — .+ : .+, \\d+ᵉ sur 18 régions\\."));
    }

    @Test
    void franceHasItsOwnPortrait() throws Exception {
        String html = page(null, "/portrait/france");
        assertTrue(html.contains("<h1>France</h1>"));
        List<Map<String, Object>> indicators = (List<Map<String, Object>>) json("/api/territories/france").get("indicators");
        assertEquals(indicators.size(), Pattern.compile("<tr id=").matcher(html).results().count());
        for (Map<String, Object> indicator : indicators) {
            assertTrue(html.contains(Html.escape((String) indicator.get("method"))), "how France's value is made: " + indicator);
        }
        assertTrue(html.contains("href=\"/?indicator=population\""), "the national map");
        // one full stop, even after a unit that ends with one
        assertTrue(meta(html, "og:description").matches("France — Population totale : [0-9\u202f]+\u00a0hab\\. \\([^)]+\\)\\."),
                meta(html, "og:description"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/portrait/commune/99999", "/portrait/nope/84", "/portrait/region/%3Cscript%3E"})
    void anUnknownTerritoryIsAFrenchPage(String path) throws Exception {
        HttpResponse<byte[]> res = server.get(path);
        assertEquals(404, res.statusCode());
        assertEquals("text/html; charset=UTF-8", res.headers().firstValue("Content-Type").orElseThrow());
        String html = new String(res.body(), StandardCharsets.UTF_8);
        assertTrue(html.contains("<h1>Territoire introuvable</h1>"), html);
        assertFalse(html.contains("<script>"), "what the address held is escaped");
    }

    @Test
    void theDepsAnalysisIsEscapedAndANewFileIsServedWithoutRestart(@TempDir Path content) throws Exception {
        Path portraits = Files.createDirectories(content.resolve("portraits"));
        Files.copy(Path.of(PortraitPageTest.class.getResource("/content/portraits/region-84.md").toURI()),
                portraits.resolve("region-84.md"));
        Settings settings = TestData.settings(TestData.embeddedHome(), Settings.StoreKind.EMBEDDED, null)
                .withContentDir(content);
        try (TestServer own = TestServer.embedded(settings)) {
            String html = page(own, "/portrait/region/84");
            int analysis = html.indexOf("<h2 id=\"analysis-title\">L’analyse du Deps</h2>");
            assertTrue(analysis > 0 && analysis < html.indexOf("<section class=\"theme\""), "above the figures");
            assertTrue(html.contains("<h3>Fiche d'essai (tests seulement)</h3>"), "# becomes an h3 under the page's h2");
            // commonmark marks the links it checked rel="nofollow"
            assertTrue(html.contains("href=\"https://www.culture.gouv.fr/\">le ministère de la Culture</a>"), "links kept");
            assertFalse(html.contains("javascript:"), "an unsafe link loses its target");
            assertTrue(html.contains("&lt;script&gt;alert(&quot;HTML brut&quot;)&lt;/script&gt;"), "raw HTML shown as text");
            assertFalse(html.contains("<script>alert"), "never run");
            assertTrue(html.contains("&lt;b&gt;gras en HTML&lt;/b&gt;") && html.contains("<strong>gras en Markdown</strong>"));
            // a région without a file has no analysis section; one written now is served at once
            assertFalse(page(own, "/portrait/region/11").contains("analysis-title"));
            Files.writeString(portraits.resolve("region-11.md"), "L’Île-de-France, **nouvelle** fiche.\n");
            assertTrue(page(own, "/portrait/region/11").contains("<p>L’Île-de-France, <strong>nouvelle</strong> fiche.</p>"));
            // an edit too (a later time, even on a file system that keeps whole seconds)
            Path edited = portraits.resolve("region-84.md");
            Files.writeString(edited, "Texte revu.\n");
            Files.setLastModifiedTime(edited, FileTime.fromMillis(System.currentTimeMillis() + 5_000));
            String revised = page(own, "/portrait/region/84");
            assertTrue(revised.contains("<p>Texte revu.</p>") && !revised.contains("Fiche d'essai"));
            Files.delete(edited);
            assertFalse(page(own, "/portrait/region/84").contains("analysis-title"), "a removed file is gone");
            // France's file follows the same rule: france-FR.md
            Files.writeString(portraits.resolve("france-FR.md"), "Analyse nationale.\n");
            assertTrue(page(own, "/portrait/france").contains("<p>Analyse nationale.</p>"));
        }
    }

    @Test
    void aSharedHomepageViewCarriesItsValueAndRank(@TempDir Path dist) throws Exception {
        // a homepage of its own: the Java tests run before the widget is built
        Files.writeString(dist.resolve("index.html"), "<!doctype html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<title>Atlas Culture des territoires</title>\n<script src=\"/home-TEST1234.js\" defer></script>\n</head>\n"
                + "<body class=\"atlas-home\"></body>\n</html>\n");
        Settings settings = TestData.settings(TestData.embeddedHome(), Settings.StoreKind.EMBEDDED, null, dist);
        try (TestServer own = TestServer.embedded(settings)) {
            sharedViews(own);
        }
    }

    private static void sharedViews(TestServer own) throws Exception {
        String html = page(own, "/?indicator=population&level=commune&territory=69123&map=11.00/45.7600/4.8400");
        assertTrue(html.contains("<script src=\"/home-"), "the homepage itself");
        assertEquals("Population totale : Lyon · Atlas Culture des territoires", meta(html, "og:title"));
        assertEquals(meta(page(null, "/portrait/commune/69123?indicator=population"), "og:description"),
                meta(html, "og:description"), "the portrait's sentence");
        assertEquals(own.baseUrl() + "/?indicator=population&level=commune&territory=69123&map=11.00/45.7600/4.8400",
                meta(html, "og:url"));
        // a map without a territory says what it maps and France's value
        assertTrue(meta(page(own, "/?indicator=population&level=departement"), "og:description")
                .matches("Population totale \\([^)]+\\), carte par département ; France : [0-9\u202f]+\u00a0hab\\."));
        // no indicator, or an unknown one: the page as it is
        assertFalse(page(own, "/?indicator=nope").contains("og:description"));
        assertFalse(page(own, "/").contains("og:description"));
        // the query is escaped where it is written back
        assertFalse(page(own, "/?indicator=population&x=%22%3E%3Cscript%3E").contains("\"><script>"));
    }

    @Test
    void theJsonPortraitIsUnchanged() throws Exception {
        // the JSON the panels read, from the same model: values with ranks, parents' and France's
        Map<String, Object> portrait = json("/api/territories/departement/69");
        Map<String, Object> entry = ((List<Map<String, Object>>) portrait.get("indicators")).stream()
                .filter(i -> "population".equals(i.get("id"))).findFirst().orElseThrow();
        assertEquals(List.of("id", "label", "unit", "theme", "value", "coverage", "ranks", "parentValues", "parentCoverage", "france"),
                List.copyOf(entry.keySet()));
        assertEquals(List.of("departement", "region"), List.copyOf(((Map<String, Object>) entry.get("ranks")).keySet()));
        assertEquals(List.of("value", "method", "coverage"), List.copyOf(((Map<String, Object>) entry.get("france")).keySet()));
    }
}
