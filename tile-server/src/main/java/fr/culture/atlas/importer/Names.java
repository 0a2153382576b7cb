package fr.culture.atlas.importer;

import java.text.Normalizer;
import java.util.Locale;

/** Normalisation of French territory names for matching: no accents, case, punctuation nor "Saint"/"St" difference. */
final class Names {

    /** Marks a normalised name that two territories share: it matches neither. */
    static final String AMBIGUOUS = "";

    private Names() {
    }

    static String normalise(String name) {
        if (name == null) {
            return "";
        }
        String s = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT)
                .replace('’', '\'')
                .replaceAll("[-'_.,/()]", " ")
                .replaceAll("\\bsainte\\b", "ste")
                .replaceAll("\\bsaint\\b", "st")
                .replaceAll("\\s+", " ")
                .trim();
        return s;
    }
}
