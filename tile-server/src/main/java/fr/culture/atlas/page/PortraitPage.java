package fr.culture.atlas.page;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import fr.culture.atlas.config.Catalogue;
import fr.culture.atlas.config.IndicatorDef;
import fr.culture.atlas.config.Theme;
import fr.culture.atlas.store.IndicatorData;
import fr.culture.atlas.view.Portrait;

/**
 * A portrait as an HTML page, readable without JavaScript: the territory, the Deps' analysis
 * when there is one, then every indicator by theme in a table (value, rank, parents' and
 * France's values, coverage notes, source and year, a link to its map centred on the territory),
 * a locator map, and a print stylesheet that lays it out on A4. The page is made once per data
 * version and territory; what changes without a new version (the public URL, the analysis) is
 * left as a marker that {@link #complete} fills at each request.
 */
public final class PortraitPage {

    /** Where the base URL goes (og:url, canonical): a comment, which escaped data can never hold. */
    public static final String BASE = "<!--atlas:base-->";
    /** Where the analysis goes. */
    public static final String ANALYSIS = "<!--atlas:analysis-->";
    static final String SITE = "Atlas Culture des territoires";
    /** The page's stylesheet, inline: one request less, and the PDF never misses it. */
    private static final String CSS = resource("portrait.css");
    /** The print button, served at /portrait/portrait.js (the pages' CSP allows scripts of this origin only). */
    public static final String SCRIPT = resource("portrait.js");

    private PortraitPage() {
    }

    /** The path of a portrait page. */
    public static String path(String level, String code) {
        return Catalogue.FRANCE.equals(level) ? "/portrait/" + Catalogue.FRANCE : "/portrait/" + level + "/" + code;
    }

    /**
     * The page with its markers left in.
     *
     * @param shared the entry the Open Graph description reads, or null for the first ranked one
     * @param locator the locator map's SVG
     */
    public static String render(Catalogue catalogue, List<Theme> themes, Portrait p, Portrait.Entry shared,
                                String locator, long version) {
        String levelName = French.level(catalogue, p.level(), false);
        Portrait.Entry described = shared != null ? shared : p.entries().stream()
                .filter(e -> e.value() != null && (p.isFrance() || !e.ranks().isEmpty())).findFirst().orElse(null);
        String title = p.isFrance() ? "France : portrait culturel" : p.name() + " (" + levelName + ") : portrait culturel";
        String description = described == null ? "Les indicateurs culturels de " + p.name() + "."
                : Sharing.sentence(catalogue, p, described);
        // codes come from imported files: escaped like every other text of the page
        String url = BASE + Html.escape(path(p.level(), p.code()));

        StringBuilder h = new StringBuilder(64 * 1024);
        h.append("<!doctype html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n")
         .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
         .append("<title>").append(Html.escape(title + " · " + SITE)).append("</title>\n")
         .append("<meta name=\"description\" content=\"").append(Html.escape(description)).append("\">\n")
         .append("<link rel=\"canonical\" href=\"").append(url).append("\">\n")
         .append(Sharing.openGraph(title, description, url, "article"))
         .append("<link rel=\"icon\" href=\"data:,\">\n")
         .append("<style>").append(CSS).append("</style>\n")
         // the print button only: everything else reads without JavaScript
         .append("<script src=\"/portrait/portrait.js\" defer></script>\n")
         .append("</head>\n<body>\n");
        h.append("<header class=\"bar\"><a class=\"home\" href=\"/\">").append(SITE).append("</a>")
         .append("<div id=\"actions\" class=\"actions\"></div></header>\n<main>\n");

        h.append("<div class=\"intro\"><div>\n<h1>").append(Html.escape(p.name())).append("</h1>\n");
        h.append("<p class=\"kind\">").append(Html.escape(p.isFrance() ? "Métropole et outre-mer"
                : capitalised(levelName) + " " + p.code()));
        for (Portrait.Parent parent : p.parents().reversed()) {
            h.append(" · <a href=\"").append(Html.escape(path(parent.level(), parent.code()))).append("\">")
             .append(Html.escape(parent.name())).append("</a>");
        }
        if (!p.isFrance()) {
            h.append(" · <a href=\"").append(path(Catalogue.FRANCE, null)).append("\">France</a>");
        }
        h.append("</p>\n");
        // no population line: the reference list's count is of another year than the indicator
        // "Population totale" of the table, and two figures would disagree on one page
        h.append("<p class=\"note\">").append(p.entries().size()).append(" indicateurs")
         .append(p.isFrance() ? ", calculés pour la France à partir des territoires"
                 : ", avec le rang parmi les " + French.level(catalogue, p.level(), true)
                 + (p.parents().isEmpty() ? " et la valeur de la France"
                         : ", les valeurs des territoires qui le contiennent et celle de la France"))
         .append(". Données de la version ").append(version).append(" de l’atlas.</p>\n");
        h.append("</div>\n<figure class=\"locator\">").append(locator).append("</figure>\n</div>\n");

        h.append(ANALYSIS).append('\n');

        Map<String, List<Portrait.Entry>> byTheme = new LinkedHashMap<>();
        for (Theme theme : themes) {
            byTheme.put(theme.id(), new ArrayList<>());
        }
        for (Portrait.Entry e : p.entries()) {
            byTheme.computeIfAbsent(e.def().theme(), k -> new ArrayList<>()).add(e);
        }
        h.append("<nav class=\"toc\" aria-label=\"Thèmes\"><ul>");
        byTheme.forEach((id, entries) -> {
            if (!entries.isEmpty()) {
                h.append("<li><a href=\"#theme-").append(Html.escape(id)).append("\">")
                 .append(Html.escape(themeLabel(themes, id))).append("</a></li>");
            }
        });
        h.append("</ul></nav>\n");
        byTheme.forEach((id, entries) -> {
            if (!entries.isEmpty()) {
                theme(h, catalogue, p, id, themeLabel(themes, id), entries);
            }
        });
        h.append("</main>\n<footer class=\"foot\"><p>Source des données : Deps, ministère de la Culture, et ")
         .append("leurs producteurs cités pour chaque indicateur. Page : <span class=\"url\">").append(url)
         .append("</span></p></footer>\n</body>\n</html>\n");
        return h.toString();
    }

    /** The page as sent: the base URL and the analysis (or nothing) in place of their markers. */
    public static String complete(String page, String base, String analysisHtml) {
        String analysis = analysisHtml == null ? ""
                : "<section class=\"analysis\" aria-labelledby=\"analysis-title\">\n"
                  + "<h2 id=\"analysis-title\">L’analyse du Deps</h2>\n" + analysisHtml + "</section>";
        return page.replace(BASE, Html.escape(base)).replace(ANALYSIS, analysis);
    }

    private static void theme(StringBuilder h, Catalogue catalogue, Portrait p, String id, String label,
                              List<Portrait.Entry> entries) {
        String headingId = "theme-" + Html.escape(id);
        h.append("<section class=\"theme\" id=\"").append(headingId).append("\" aria-labelledby=\"")
         .append(headingId).append("-title\">\n<h2 id=\"").append(headingId).append("-title\">")
         .append(Html.escape(label)).append("</h2>\n<table class=\"figures\">\n<thead><tr>")
         .append("<th scope=\"col\">Indicateur</th><th scope=\"col\">").append(Html.escape(p.name())).append("</th>");
        if (!p.isFrance()) {
            h.append("<th scope=\"col\">Rang</th>");
            for (Portrait.Parent parent : p.parents()) {
                h.append("<th scope=\"col\">").append(Html.escape(parent.name())).append("</th>");
            }
            h.append("<th scope=\"col\">France</th>");
        }
        h.append("</tr></thead>\n<tbody>\n");
        for (Portrait.Entry e : entries) {
            row(h, catalogue, p, e);
        }
        h.append("</tbody>\n</table>\n</section>\n");
    }

    private static void row(StringBuilder h, Catalogue catalogue, Portrait p, Portrait.Entry e) {
        IndicatorDef def = e.def();
        IndicatorData data = e.indicator();
        h.append("<tr id=\"").append(Html.escape(def.id())).append("\"><th scope=\"row\">")
         .append("<span class=\"label\">").append(Html.escape(def.label())).append("</span>");
        String source = String.join(", ", java.util.stream.Stream.of(data.source(), data.year())
                .filter(s -> s != null && !s.isBlank()).toList());
        if (!source.isEmpty()) {
            h.append("<span class=\"small\">Source : ").append(Html.escape(source)).append("</span>");
        }
        h.append("<a class=\"small map-link\" href=\"").append(Html.escape(mapLink(p, def)))
         .append("\">Voir la carte<span class=\"visually-hidden\"> : ").append(Html.escape(def.label()))
         .append("</span></a></th>");
        // the value
        h.append("<td data-label=\"").append(Html.escape(p.name())).append("\"><strong>")
         .append(Html.escape(French.value(e.value(), def))).append("</strong>");
        note(h, p.isFrance() && e.france() != null ? e.france().method() : null);
        note(h, French.coverage(catalogue, e.coverage()) == null ? null
                : "partiel : " + French.coverage(catalogue, e.coverage()));
        h.append("</td>");
        if (p.isFrance()) {
            h.append("</tr>\n");
            return;
        }
        Portrait.Rank own = e.ranks().get(p.level());
        h.append("<td data-label=\"Rang\">").append(own == null ? "–"
                : Html.escape(French.rank(catalogue, p.level(), own.rank(), own.of()))).append("</td>");
        for (Portrait.Parent parent : p.parents()) {
            Object value = e.parentValues().get(parent.level());
            h.append("<td data-label=\"").append(Html.escape(parent.name())).append("\">")
             .append(def.kind().numeric() ? Html.escape(French.value(value, def)) : "–");
            String partial = French.coverage(catalogue, e.parentCoverage().get(parent.level()));
            note(h, partial == null ? null : "partiel : " + partial);
            Portrait.Rank within = e.ranks().get(parent.level());
            note(h, within == null ? null : p.name() + " : " + French.rank(catalogue, p.level(), within.rank(), within.of()));
            h.append("</td>");
        }
        h.append("<td data-label=\"France\">");
        if (e.france() == null) {
            h.append("–");
        } else {
            h.append(Html.escape(French.value(e.france().value(), def)));
            note(h, e.france().method());
        }
        h.append("</td></tr>\n");
    }

    private static void note(StringBuilder h, String text) {
        if (text != null) {
            h.append("<span class=\"small\">").append(Html.escape(text)).append("</span>");
        }
    }

    /** The homepage's map of the indicator, centred on the territory (its address, see address.js). */
    static String mapLink(Portrait p, IndicatorDef def) {
        String link = "/?indicator=" + URLEncoder.encode(def.id(), StandardCharsets.UTF_8);
        if (p.isFrance()) {
            return link;
        }
        return link + "&level=" + URLEncoder.encode(p.level(), StandardCharsets.UTF_8)
                + "&territory=" + URLEncoder.encode(p.code(), StandardCharsets.UTF_8);
    }

    private static String themeLabel(List<Theme> themes, String id) {
        return themes.stream().filter(t -> t.id().equals(id)).map(Theme::label).findFirst().orElse(id);
    }

    private static String capitalised(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static String resource(String name) {
        try (InputStream in = PortraitPage.class.getResourceAsStream("/portrait/" + name)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource /portrait/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
