package fr.culture.atlas.search;

import java.text.Normalizer;
import java.util.Locale;

/** Normalisation of French territory names for matching: no accents, case, punctuation nor "Saint"/"St" difference. */
public final class Names {

    /** Marks a normalised name that two territories share: it matches neither. */
    public static final String AMBIGUOUS = "";

    private Names() {
    }

    public static String normalise(String name) {
        return fold(name).replaceAll("\\bsainte\\b", "ste").replaceAll("\\bsaint\\b", "st");
    }

    /**
     * The name without accents, case nor punctuation, its words as written: what a table's filter
     * matches as the user types ("sai" must keep Saint-Étienne, which {@link #normalise} spells "st").
     */
    public static String fold(String name) {
        if (name == null) {
            return "";
        }
        return Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT)
                .replace('’', '\'')
                .replaceAll("[-'_.,/()]", " ")
                .replaceAll("\\s+", " ")
                .trim();
    }
}
