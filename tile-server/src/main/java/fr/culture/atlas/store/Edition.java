package fr.culture.atlas.store;

/**
 * Which edition of a source file a version was made from, so that a refresh says what changed
 * and the data API which file is live.
 *
 * @param file   path under the data directory
 * @param bytes  its size
 * @param sha256 its SHA-256, hex
 * @param year   the year its Meta sheet (or the config) gives, "" when none
 */
public record Edition(String file, long bytes, String sha256, String year) {
}
