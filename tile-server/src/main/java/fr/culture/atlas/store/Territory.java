package fr.culture.atlas.store;

import java.util.Map;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;

/**
 * A territory of one level, as published.
 *
 * @param id         stable integer id (the MVT feature id, so MapLibre feature-state works)
 * @param code       official code (INSEE, SIREN), text with leading zeros
 * @param name       official name
 * @param parents    parent level id → parent code (a commune's EPCI, département, région)
 * @param population inhabitants, or null when unknown
 * @param geometry   polygonal geometry in Web Mercator (EPSG:3857), at the detail of one zoom band
 * @param label      where its name and symbol go ({@link fr.culture.atlas.geo.LabelPoint}, computed
 *                   once at import, EPSG:3857), or null before that
 */
public record Territory(long id, String code, String name, Map<String, String> parents, Long population,
                        Geometry geometry, Coordinate label) {

    /** A territory whose label point is not computed yet. */
    public Territory(long id, String code, String name, Map<String, String> parents, Long population,
                     Geometry geometry) {
        this(id, code, name, parents, population, geometry, null);
    }

    /**
     * The stable feature id of a code: the code read as a base-36 number. Codes of one level have
     * one length, so distinct codes give distinct ids, and the same code the same id in every version.
     */
    public static long idOf(String code) {
        return Long.parseLong(code, 36);
    }

    /** Whether {@link #idOf} accepts the code and the id stays exact in JavaScript numbers (2^53). */
    public static boolean isValidCode(String code) {
        return code != null && code.matches("[0-9A-Za-z]{1,10}");
    }

    /** The same territory with the geometry of another zoom band. */
    public Territory withGeometry(Geometry other) {
        return new Territory(id, code, name, parents, population, other, label);
    }

    /** The same territory with its label point. */
    public Territory withLabel(Coordinate point) {
        return new Territory(id, code, name, parents, population, geometry, point);
    }
}
