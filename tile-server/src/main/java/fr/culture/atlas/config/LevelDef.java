package fr.culture.atlas.config;

/**
 * One territorial level of the catalogue ({@code config/levels.yaml}).
 *
 * @param id           level id: MVT layer name and {@code ?level=} value
 * @param label        French name
 * @param boundaries   id of the boundary-only tileset
 * @param source       GeoJSON file, relative to the data directory
 * @param codeProperty feature property holding the territory code
 * @param nameProperty feature property holding the territory name
 * @param minZoom      first zoom where this level is drawn by default
 * @param maxZoom      last zoom where this level is drawn by default
 */
public record LevelDef(String id, String label, String boundaries, String source,
                       String codeProperty, String nameProperty, int minZoom, int maxZoom) {
}
