package fr.culture.atlas.store;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import fr.culture.atlas.config.IndicatorDef;

/**
 * The indicators of one snapshot, indexed for the hot path: per level, a territory code maps to
 * a row once, and each indicator holds its values in an array by row, so a tile reads any
 * number of indicators with one lookup per feature.
 */
public final class Indicators {

    private final Map<String, IndicatorData> byId;
    private final Map<String, Map<String, Integer>> rows = new HashMap<>();
    /** indicator id → level id → value per row (null = not available) */
    private final Map<String, Map<String, Object[]>> columns;
    /** indicator id → level id → coverage per row, for the levels computed from members */
    private final Map<String, Map<String, Coverage[]>> coverage;

    /**
     * @param indicators the published indicators
     * @param codes      level id → territory codes in row order
     */
    public Indicators(List<IndicatorData> indicators, Map<String, List<String>> codes) {
        this(indicators, codes, new HashMap<>(), new HashMap<>());
        for (IndicatorData data : indicators) {
            columns.put(data.def().id(), byRow(data.values(), Object[]::new));
            coverage.put(data.def().id(), byRow(data.coverage(), Coverage[]::new));
        }
    }

    /**
     * Columns already in row order, as {@link IndicatorColumns} reads them: the definitions then
     * carry France's values only.
     *
     * @param columns  indicator id → level id → value per row
     * @param coverage indicator id → level id → coverage per row, for the levels computed from members
     */
    Indicators(List<IndicatorData> indicators, Map<String, List<String>> codes,
               Map<String, Map<String, Object[]>> columns, Map<String, Map<String, Coverage[]>> coverage) {
        Map<String, IndicatorData> ids = new LinkedHashMap<>();
        indicators.forEach(i -> ids.put(i.def().id(), i));
        this.byId = java.util.Collections.unmodifiableMap(ids);
        codes.forEach((level, list) -> {
            Map<String, Integer> index = new HashMap<>(list.size() * 2);
            for (int i = 0; i < list.size(); i++) {
                index.put(list.get(i), i);
            }
            rows.put(level, index);
        });
        this.columns = columns;
        this.coverage = coverage;
    }

    /**
     * Level → code → item as level → array by row; levels this version does not have (France)
     * are left out.
     */
    private <T> Map<String, T[]> byRow(Map<String, Map<String, T>> byCode, java.util.function.IntFunction<T[]> array) {
        Map<String, T[]> perLevel = new HashMap<>();
        byCode.forEach((level, items) -> {
            Map<String, Integer> index = rows.get(level);
            if (index == null) {
                return;
            }
            T[] column = array.apply(index.size());
            items.forEach((code, item) -> {
                Integer row = index.get(code);
                if (row != null) {
                    column[row] = item;
                }
            });
            perLevel.put(level, column);
        });
        return perLevel;
    }

    public static Indicators none() {
        return new Indicators(List.of(), Map.of());
    }

    /**
     * Every indicator, in catalogue order: its definition and France's value. The levels' values
     * are read through {@link #column} (a store that read them as columns leaves them out of these).
     */
    public List<IndicatorData> all() {
        return List.copyOf(byId.values());
    }

    public Optional<IndicatorData> get(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The row of a territory of a level, or -1. */
    public int row(String level, String code) {
        Integer row = rows.getOrDefault(level, Map.of()).get(code);
        return row == null ? -1 : row;
    }

    /** The value column of an indicator at a level, or null when it has none there. */
    public Object[] column(String indicator, String level) {
        return columns.getOrDefault(indicator, Map.of()).get(level);
    }

    /** The coverage of the computed values of an indicator at a level by row, or null when it read them from its file. */
    public Coverage[] coverage(String indicator, String level) {
        return coverage.getOrDefault(indicator, Map.of()).get(level);
    }

    /** Whether some value of the indicator at the level was computed from members of which some had no data. */
    public boolean partial(String indicator, String level) {
        Coverage[] rows = coverage(indicator, level);
        return rows != null && java.util.Arrays.stream(rows).anyMatch(c -> c != null && c.partial());
    }

    /** Whether the indicator has values at the level. */
    public boolean hasLevel(String indicator, String level) {
        return column(indicator, level) != null;
    }

    /** The definitions, for listing. */
    public List<IndicatorDef> definitions() {
        return byId.values().stream().map(IndicatorData::def).toList();
    }
}
