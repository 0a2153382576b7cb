package fr.culture.atlas.store;

import org.locationtech.jts.geom.Geometry;

/**
 * A territory of one level, as published.
 *
 * @param id       stable integer id (the MVT feature id, so MapLibre feature-state works)
 * @param code     official code (INSEE, SIREN), text with leading zeros
 * @param name     official name
 * @param geometry polygonal geometry in Web Mercator (EPSG:3857)
 */
public record Territory(long id, String code, String name, Geometry geometry) {

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
}
