package fr.culture.atlas.page;

import java.text.NumberFormat;
import java.util.Locale;

import fr.culture.atlas.config.Catalogue;
import fr.culture.atlas.config.IndicatorDef;
import fr.culture.atlas.store.Coverage;

/**
 * The French wording of the server's pages, as the widget's {@code shared/format.js} words the
 * same values ("1 234,5 €", "non disponible", "3ᵉ sur 18 régions"), so that a page and a panel
 * read alike.
 */
public final class French {

    public static final String NOT_AVAILABLE = "non disponible";

    private French() {
    }

    /** A number with as many decimals as its size deserves: 12 345, 123,4, 1,23, 0,056 (format.js's rule). */
    public static String number(double value) {
        double abs = Math.abs(value);
        int digits = abs >= 1000 ? 0 : abs >= 100 ? 1 : abs >= 1 ? 2 : 3;
        // a new instance each time: NumberFormat is not thread-safe, and a page formats a few hundred
        NumberFormat format = NumberFormat.getNumberInstance(Locale.FRANCE);
        // as the pages' JavaScript rounds (Intl.NumberFormat): 2,125 → 2,13, not Java's half-even 2,12
        format.setRoundingMode(java.math.RoundingMode.HALF_UP);
        format.setMaximumFractionDigits(digits);
        return format.format(value);
    }

    /** A value of an indicator with its unit, its category label, or "non disponible". */
    public static String value(Object value, IndicatorDef def) {
        if (value == null) {
            return NOT_AVAILABLE;
        }
        if (value instanceof Boolean b) {
            return b ? "Oui" : "Non";
        }
        if (value instanceof Double d) {
            return number(d) + (def.unit() == null || def.unit().isEmpty() ? "" : "\u00a0" + def.unit());
        }
        String key = value.toString();
        return def.categories().stream().filter(c -> c.key().equals(key)).map(IndicatorDef.Category::label)
                .findFirst().orElse(key);
    }

    /**
     * A level's name in lower case, singular or plural, from its label in levels.yaml:
     * "Intercommunalité" → "intercommunalités", "Bassin de vie" → "bassins de vie" (the first word
     * takes the plural, as format.js's {@code learnLevels}).
     */
    public static String level(Catalogue catalogue, String level, boolean plural) {
        if (Catalogue.FRANCE.equals(level)) {
            return "France";
        }
        String name = catalogue.level(level).map(l -> l.label().toLowerCase(Locale.FRENCH)).orElse(level);
        if (!plural) {
            return name;
        }
        int space = name.indexOf(' ');
        String first = space < 0 ? name : name.substring(0, space);
        String rest = space < 0 ? "" : name.substring(space);
        return (first.matches(".*[sxz]") ? first : first + "s") + rest;
    }

    /** "3ᵉ sur 18 régions". */
    public static String rank(Catalogue catalogue, String level, int rank, int of) {
        return (rank == 1 ? "1er" : rank + "ᵉ") + " sur " + number(of) + " " + level(catalogue, level, of > 1);
    }

    /**
     * What a value computed from members that do not all have data counts: "312 communes sur
     * 1 255, 64 % de la population"; null for a complete value.
     */
    public static String coverage(Catalogue catalogue, Coverage coverage) {
        if (coverage == null || !coverage.partial()) {
            return null;
        }
        String share = coverage.population() == null ? ""
                : ", " + Math.round(coverage.population() * 100) + " % de la population";
        return number(coverage.counted()) + " " + level(catalogue, coverage.from(), coverage.counted() > 1)
                + " sur " + number(coverage.members()) + share;
    }
}
