package fr.culture.atlas.config;

import java.util.List;

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
 * @param levels     level ids the indicator exists at, largest first
 */
public record IndicatorDef(String id, String label, String unit, String theme, Kind kind,
                           List<Category> categories, List<String> levels) {

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

    /** One category: a key (ASCII slug, the value in tiles) and its French label. */
    public record Category(String key, String label) {
    }
}
