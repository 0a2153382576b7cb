package fr.culture.atlas.source;

import java.util.Map;

import org.locationtech.jts.geom.Geometry;

/**
 * One feature as read from an input file, before any validation.
 *
 * @param index      0-based position of the feature in its file (for reports)
 * @param properties the feature's properties, as JSON scalars
 * @param geometry   geometry in WGS84 longitude/latitude, or null when the feature had none
 */
public record SourceFeature(int index, Map<String, Object> properties, Geometry geometry) {

    /** A property as text, or null when absent or null. */
    public String text(String key) {
        Object value = properties.get(key);
        return value == null ? null : value.toString();
    }
}
