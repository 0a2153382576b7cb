package fr.culture.atlas.config;

/**
 * A theme of the catalogue ({@code themes:} of indicators.yaml): the group an indicator is listed
 * under, in the order of the file.
 *
 * @param id    what indicators name in {@code theme:}
 * @param label French name shown to users
 */
public record Theme(String id, String label) {
}
