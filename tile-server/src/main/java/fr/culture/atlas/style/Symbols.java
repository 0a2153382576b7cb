package fr.culture.atlas.style;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Proportional symbols: a circle on each territory's label point whose area is proportional to
 * its value (radius ∝ √value), the level's largest value getting {@link #MAX_RADIUS} pixels. The
 * radius does not change with the zoom, so that the legend's reference circles stay true.
 */
final class Symbols {

    /** Radius of the largest value's circle at the level's first zoom, in pixels. */
    static final double MAX_RADIUS = 24;

    private Symbols() {
    }

    /** The largest value of the band's level (its last class bound), or 1 without values. */
    private static double max(ChoroplethStyle.Band band) {
        List<Double> b = band.breaks() == null ? List.of() : band.breaks().breaks();
        return b.isEmpty() || b.getLast() <= 0 ? 1 : b.getLast();
    }

    static Map<String, Object> paint(String id, ChoroplethStyle.Band band, String colour) {
        double max = max(band);
        List<Object> share = List.of("sqrt", List.of("/", List.of("max", List.of("get", id), 0), max));
        Map<String, Object> paint = new LinkedHashMap<>();
        paint.put("circle-radius", List.of("*", MAX_RADIUS, share));
        paint.put("circle-color", colour);
        paint.put("circle-opacity", 0.75);
        paint.put("circle-stroke-color", "#ffffff");
        paint.put("circle-stroke-width", 0.75);
        return paint;
    }

    /**
     * The legend of the band: the largest value and its radius, and three reference values (round
     * numbers: the largest that is at most the maximum, then about a fifth and a twenty-fifth of it).
     */
    static Map<String, Object> legend(ChoroplethStyle.Band band) {
        double max = max(band);
        List<Map<String, Object>> references = new ArrayList<>();
        double last = Double.MAX_VALUE;
        for (double target : new double[] {max, max / 5, max / 25}) {
            double value = round(target);
            if (value > 0 && value < last) {
                references.add(Map.of("value", value, "radius", MAX_RADIUS * Math.sqrt(value / max)));
                last = value;
            }
        }
        Map<String, Object> legend = new LinkedHashMap<>();
        legend.put("max", max);
        legend.put("radius", MAX_RADIUS);
        legend.put("references", references);
        return legend;
    }

    /** The largest of 1, 2 or 5 × 10^k not above {@code v}. */
    static double round(double v) {
        if (v <= 0) {
            return 0;
        }
        double power = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {5, 2, 1}) {
            if (m * power <= v) {
                return m * power;
            }
        }
        return power;
    }
}
