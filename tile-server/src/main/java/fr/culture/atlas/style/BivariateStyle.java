package fr.culture.atlas.style;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import fr.culture.atlas.config.IndicatorDef;
import fr.culture.atlas.tile.Layout;
import fr.culture.atlas.stats.Breaks;

/**
 * The bivariate choropleth of two indicators at one level: each territory coloured by the tertile
 * of x (columns) and the tertile of y (rows) it falls in, nine colours in all. It is the choropleth
 * style of x ({@link ChoroplethStyle}: the same source, frames of the insets, labels by
 * importance) with another fill colour, and the square legend's colours, breaks and counts in
 * {@code metadata."atlas:bivariate"}.
 */
public final class BivariateStyle {

    /**
     * Joshua Stevens' bivariate scheme (teal for x, pink for y, their mix dark blue), rows from the
     * lowest y, columns from the lowest x. Not colour-blind safe: simulated deuteranopia and
     * protanopia bring some middle cells close (ΔE ≈ 5), so the legend square writes each cell's
     * count and the scatter plot and its table give every value in numbers.
     */
    public static final List<List<String>> COLOURS = List.of(
            List.of("#e8e8e8", "#ace4e4", "#5ac8c8"),
            List.of("#dfb0d6", "#a5add3", "#5698b9"),
            List.of("#be64ac", "#8c62aa", "#3b4994"));

    /** An indicator crossed, and its tertiles at the level (fewer classes when it has fewer distinct values). */
    public record Axis(IndicatorDef def, Breaks tertiles) {

        /** The column (or row) of a value: 0, 1, 2; a value equal to a break in the lower class, as in {@link Breaks}. */
        public int third(double value) {
            List<Double> b = tertiles.breaks();
            int k = tertiles.counts().size();
            int i = 0;
            while (i < k - 1 && value > b.get(i + 1)) {
                i++;
            }
            return spread(i, k);
        }

        /** With fewer than three classes, the extremes of the scheme: two classes are low and high, not low and middle. */
        private static int spread(int i, int k) {
            return k <= 1 ? 0 : k == 2 ? 2 * i : i;
        }

        /** {@code ["step", value, column of class 0, above break 1, column of class 1, …]}. */
        Object expression() {
            List<Double> b = tertiles.breaks();
            int k = tertiles.counts().size();
            List<Object> step = new ArrayList<>(List.of("step", List.of("get", def.id()), spread(0, k)));
            for (int i = 1; i < k; i++) {
                step.add(Math.nextUp(b.get(i)));
                step.add(spread(i, k));
            }
            return k <= 1 ? 0 : step;
        }

        Map<String, Object> legend() {
            return Map.of("id", def.id(), "label", def.label(), "unit", def.unit(), "breaks", tertiles.breaks());
        }
    }

    private BivariateStyle() {
    }

    /**
     * @param band   the level, with x's tertiles as its breaks
     * @param counts territories per cell, [row of y][column of x]
     * @param both   how many territories of the level have both values
     */
    public static Map<String, Object> of(Axis x, Axis y, ChoroplethStyle.Band band, int[][] counts, int both,
                                         String tileJsonUrl, String attribution, String glyphs, Layout layout) {
        Map<String, Object> style = ChoroplethStyle.of(x.def(), List.of(band), Palettes.get("YlGnBu").orElseThrow(),
                tileJsonUrl, attribution, glyphs, false, layout);
        style.put("name", "Atlas Culture — " + x.def().label() + " × " + y.def().label());
        List<Object> cells = new ArrayList<>(List.of("match", List.of("+", List.of("*", 3, y.expression()), x.expression())));
        for (int row = 0; row < 3; row++) {
            for (int column = 0; column < 3; column++) {
                cells.add(3 * row + column);
                cells.add(COLOURS.get(row).get(column));
            }
        }
        cells.add(ChoroplethStyle.NOT_AVAILABLE);
        Object colour = List.of("case", List.of("all", List.of("has", x.def().id()), List.of("has", y.def().id())),
                cells, ChoroplethStyle.NOT_AVAILABLE);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> layers = (List<Map<String, Object>>) style.get("layers");
        for (Map<String, Object> layer : layers) {
            if (layer.get("id").equals(band.level() + "-fill")) {
                layer.put("paint", Map.of("fill-color", colour, "fill-opacity", 0.9));
            }
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> metadata = (Map<String, Object>) style.get("metadata");
        // x's one-variable legend and palette would describe another map
        metadata.remove("atlas:legend");
        metadata.remove("atlas:palette");
        metadata.put("atlas:type", "bivariate");
        metadata.put("atlas:colour-blind-safe", false); // see COLOURS
        // x's kind and unit would describe another map
        metadata.remove("atlas:kind");
        metadata.remove("atlas:unit");
        metadata.put("atlas:indicator", List.of(x.def().id(), y.def().id()));
        Map<String, Object> legend = new LinkedHashMap<>();
        legend.put("level", band.level());
        legend.put("x", x.legend());
        legend.put("y", y.legend());
        legend.put("colours", COLOURS);
        legend.put("counts", counts);
        legend.put("territories", band.territories());
        legend.put("missing", band.territories() - both);
        metadata.put("atlas:bivariate", legend);
        return style;
    }
}
