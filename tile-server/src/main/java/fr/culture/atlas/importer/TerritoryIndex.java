package fr.culture.atlas.importer;

import java.util.Optional;

/**
 * The territories of the import being built, as the indicator and venue readers see them:
 * codes of any vintage resolved to the current one, and names to codes.
 */
public interface TerritoryIndex {

    /**
     * The current code of a territory of {@code level} given a code of any vintage (a commune
     * merged into a commune nouvelle resolves to the new one), or empty when unknown.
     */
    Optional<String> resolve(String level, String code);

    /**
     * The territory of {@code level} an alias of its reference list stands for (a municipal
     * arrondissement, 75105, for its commune, 75056), or empty. Venues use it; indicator sheets do
     * not, as a sheet listing Paris and its arrondissements would count Paris twice.
     */
    Optional<String> alias(String level, String code);

    /** The code of the territory of {@code level} whose name matches once normalised (accents, case, hyphens). */
    Optional<String> byName(String level, String name);

    /**
     * The length of the shortest code of the level (2 for départements, 5 for communes), to which a
     * code stored as a number gets its leading zeros back (1013 → "01013"); 0 for an unknown level.
     */
    int codeWidth(String level);
}
