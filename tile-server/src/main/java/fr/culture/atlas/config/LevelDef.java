package fr.culture.atlas.config;

import java.time.LocalDate;
import java.util.Map;

/**
 * One territorial level of the catalogue ({@code config/levels.yaml}). Geometry comes from
 * exactly one of {@link #source} and {@link #dissolve}.
 *
 * @param id         level id: MVT layer name and {@code ?level=} value
 * @param label      French name
 * @param boundaries id of the boundary-only tileset
 * @param minZoom    first zoom where this level is drawn by default, -1 when it is drawn only on demand
 * @param maxZoom    last zoom where this level is drawn by default, -1 likewise
 * @param source     GeoJSON file(s), or null for a dissolved level
 * @param dissolve   members of another level to union, or null
 * @param history    resolution of old codes of the source, or null
 * @param reference  official list giving names, parents and population, or null
 */
public record LevelDef(String id, String label, String boundaries, int minZoom, int maxZoom,
                       Source source, Dissolve dissolve, History history, Reference reference) {

    /** GeoJSON file(s) under the data directory; {@code path} may hold one {@code *}. */
    public record Source(String path, String codeProperty, String nameProperty) {
    }

    /**
     * Territories made by dissolving members of level {@code from}, listed in a JSON array:
     * each element has a code, a name and an array of members with their code.
     */
    public record Dissolve(String from, String file, String code, String name, String members, String memberCode) {
    }

    /** Insee commune history resolving codes valid at {@code date}, plus patches old → new code. */
    public record History(String file, LocalDate date, Map<String, String> patches) {
    }

    /**
     * The official list of current territories, a JSON array filtered by {@code where}
     * (field → required value); {@code population} names the population field (may be null),
     * {@code parents} maps a parent level id to the field holding its code; {@code aliases}, or
     * null, names other entries of the list that stand for a territory of the level.
     */
    public record Reference(String file, Map<String, String> where, String population, Map<String, String> parents,
                            Aliases aliases) {
    }

    /**
     * Entries of the reference list selected by {@code where} whose code resolves to the territory
     * named in their field {@code field}: a municipal arrondissement of Paris, Lyon or Marseille
     * (75101, 69381, 13201…) to its commune, where a venue names it.
     */
    public record Aliases(Map<String, String> where, String field) {
    }

    /** Whether this level is drawn by default at zoom {@code z}. */
    public boolean drawnAt(int z) {
        return minZoom >= 0 && z >= minZoom && z <= maxZoom;
    }
}
