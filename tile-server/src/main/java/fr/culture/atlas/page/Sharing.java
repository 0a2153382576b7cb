package fr.culture.atlas.page;

import fr.culture.atlas.config.Catalogue;
import fr.culture.atlas.store.IndicatorData;
import fr.culture.atlas.view.Portrait;

/**
 * What a link pasted in a message shows (Open Graph): a title and one sentence with the value and
 * the rank, for portrait pages and for shared homepage views.
 */
public final class Sharing {

    private Sharing() {
    }

    /**
     * "Lyon — Bibliothèques pour 10 000 habitants : 1,2 (2019), 57ᵉ sur 34 967 communes." For
     * France: "France — Population totale : 67 063 703 (2017)."
     */
    public static String sentence(Catalogue catalogue, Portrait p, Portrait.Entry e) {
        return sentence(catalogue, p.level(), p.name(), e);
    }

    /** As above, for a territory of the level named {@code name}. */
    public static String sentence(Catalogue catalogue, String level, String name, Portrait.Entry e) {
        Portrait.Rank rank = e.ranks().get(level);
        return ended(name + " — " + e.def().label() + " : " + French.value(e.value(), e.def()) + year(e.indicator())
                + (rank == null ? "" : ", " + French.rank(catalogue, level, rank.rank(), rank.of())));
    }

    /**
     * A shared map without a territory: "Bibliothèques pour 10 000 habitants (2019), carte par
     * département ; France : 0,8."
     */
    public static String mapSentence(Catalogue catalogue, IndicatorData indicator, String level) {
        Object france = indicator.france();
        return ended(indicator.def().label() + year(indicator) + ", carte par " + French.level(catalogue, level, false)
                + (france == null ? "" : " ; France : " + French.value(france, indicator.def())));
    }

    /** A full stop, unless the sentence ends with one already ("… 66 777 347 hab."). */
    private static String ended(String sentence) {
        return sentence.endsWith(".") ? sentence : sentence + ".";
    }

    private static String year(IndicatorData indicator) {
        return indicator.year() == null || indicator.year().isBlank() ? "" : " (" + indicator.year() + ")";
    }

    /** The Open Graph tags of a page, escaped ({@code url} is HTML already: it may hold a marker). */
    public static String openGraph(String title, String description, String url, String type) {
        return "<meta property=\"og:type\" content=\"" + Html.escape(type) + "\">\n"
                + "<meta property=\"og:site_name\" content=\"" + PortraitPage.SITE + "\">\n"
                + "<meta property=\"og:locale\" content=\"fr_FR\">\n"
                + "<meta property=\"og:title\" content=\"" + Html.escape(title) + "\">\n"
                + "<meta property=\"og:description\" content=\"" + Html.escape(description) + "\">\n"
                + "<meta property=\"og:url\" content=\"" + url + "\">\n";
    }
}
