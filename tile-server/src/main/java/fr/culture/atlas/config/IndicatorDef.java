package fr.culture.atlas.config;

import java.util.List;
import java.util.Map;

/**
 * What the public knows of an indicator: the part of {@code config/indicators.yaml} that the
 * tiles, the data API and the styles use. Where its values come from is the importer's
 * business ({@code IndicatorSource}).
 *
 * @param id         slug used in URLs and as the MVT property name, e.g. {@code population}
 * @param label      French label
 * @param unit       French unit, e.g. {@code €/hab.}, {@code %}; empty for categories
 * @param theme      one of lieux, depenses, emploi, contexte
 * @param kind       how values are read and shown
 * @param categories ordered categories of a categorical indicator (empty otherwise)
 * @param levels     level ids the indicator exists at, largest first: read from its file, then
 *                   (once imported) computed from the members of a smaller level
 * @param aggregation how values of member territories make the value of a larger territory
 * @param computedFrom level id → the level whose members it was computed from, for the levels
 *                   not read from the file (empty in the catalogue, filled by the import)
 * @param ordered    the categories go from the most to the least (the densest, the most urban
 *                   first): maps draw them in a sequential palette, the first darkest, rather than
 *                   in unrelated colours
 */
public record IndicatorDef(String id, String label, String unit, String theme, Kind kind,
                           List<Category> categories, List<String> levels, Aggregation aggregation,
                           Map<String, String> computedFrom, boolean ordered) {

    public IndicatorDef {
        aggregation = aggregation == null ? Aggregation.NONE : aggregation;   // versions stored before issue 12
        computedFrom = computedFrom == null ? Map.of() : Map.copyOf(computedFrom);
    }

    /** The same indicator, published at more levels computed from members. */
    public IndicatorDef withLevels(List<String> allLevels, Map<String, String> from) {
        return new IndicatorDef(id, label, unit, theme, kind, categories, allLevels, aggregation, from, ordered);
    }

    /** Kinds of values. Numeric kinds hold doubles, categorical a category key, boolean true/false. */
    public enum Kind {
        COUNT, AMOUNT, RATE, SHARE, CATEGORICAL, BOOLEAN;

        public boolean numeric() {
            return this != CATEGORICAL && this != BOOLEAN;
        }

        /** Stocks that add up over territories, drawn as proportional symbols rather than choropleths. */
        public boolean stock() {
            return this == COUNT || this == AMOUNT;
        }
    }

    /**
     * How a territory's value is made from its members' (a département's from its communes, France's
     * from every territory of a level). Averaging ratios is never one of them: a share of a larger
     * territory is the sum of the parts over the sum of the totals.
     */
    public enum Aggregation {
        /** Counts and amounts: the sum of the members' values. */
        SUM,
        /** Shares and per-inhabitant values: the members' numerators summed over their denominators summed. */
        RATIO,
        /** Densities: the mean weighted by the members' land area (population over area, for a density). */
        AREA_WEIGHTED_MEAN,
        /** Only where declared: the mean weighted by the members' population. */
        POPULATION_WEIGHTED_MEAN,
        /** Medians, indices, categories: no value above the levels read from the file. */
        NONE;

        /** The id written in indicators.yaml, e.g. {@code area-weighted-mean}. */
        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }

        public static java.util.Optional<Aggregation> parse(String id) {
            return java.util.Arrays.stream(values()).filter(a -> a.id().equals(id)).findFirst();
        }
    }

    /** One category: a key (ASCII slug, the value in tiles) and its French label. */
    public record Category(String key, String label) {
    }
}
