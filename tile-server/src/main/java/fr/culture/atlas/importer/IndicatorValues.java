package fr.culture.atlas.importer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import fr.culture.atlas.config.IndicatorDef;
import fr.culture.atlas.config.IndicatorSource;

/**
 * Computes one indicator's values at one level from the rows of its sheet: a number
 * ({@code value × multiply / divide-by}, summed over the selected sectors of a long file),
 * a category key, or a boolean. A territory whose value cannot be computed has no entry.
 */
final class IndicatorValues {

    private final ImportReport report;
    private final String fileName;

    IndicatorValues(ImportReport report, String fileName) {
        this.report = report;
        this.fileName = fileName;
    }

    /** Current code → value, in sheet order. */
    Map<String, Object> compute(IndicatorDef def, IndicatorSource source, LevelRows rows) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (LevelRows.Territory t : rows.territories().values()) {
            Object value = switch (def.kind()) {
                case CATEGORICAL -> category(def, source, rows, t);
                case BOOLEAN -> t.sectors.get(LevelRows.NO_SECTOR).get(source.value()) != null;
                default -> number(source, t);
            };
            if (value != null) {
                out.put(t.code, value);
            }
        }
        return out;
    }

    /**
     * The numerator ({@code value × multiply}) and denominator of each territory's value, for an
     * indicator with {@code divide-by}: what a larger territory's ratio of sums is made of.
     */
    static Map<String, Aggregation.Ratio> ratios(IndicatorSource source, LevelRows rows) {
        Map<String, Aggregation.Ratio> out = new LinkedHashMap<>();
        for (LevelRows.Territory t : rows.territories().values()) {
            Double value = sum(source.value(), source.sectors(), source.absentSectorZero(), t);
            Double d = sum(source.divideBy(), List.of(), false, t);
            // a zero denominator (no inhabitant) still adds its numerator to a larger territory's sum
            if (value != null && d != null && Double.isFinite(value * source.multiply())) {
                out.put(t.code, new Aggregation.Ratio(value * source.multiply(), d));
            }
        }
        return out;
    }

    private static Double number(IndicatorSource source, LevelRows.Territory t) {
        Double value = sum(source.value(), source.sectors(), source.absentSectorZero(), t);
        if (value == null) {
            return null;
        }
        double result = value * source.multiply();
        if (source.divideBy() != null) {
            Double d = sum(source.divideBy(), List.of(), false, t);
            if (d == null || d == 0) {
                return null;   // a share of nothing, or per inhabitant of no inhabitant, is not available
            }
            result /= d;
        }
        return Double.isFinite(result) ? result : null;
    }

    /**
     * A per-territory role, or the sum of a role over the selected sectors; null when one of
     * them is not available.
     */
    private static Double sum(String role, List<String> sectors, boolean absentZero, LevelRows.Territory t) {
        if (!t.perRawCode.isEmpty() && t.perRawCode.values().iterator().next().containsKey(role)) {
            return t.perTerritory(role);
        }
        double sum = 0;
        int found = 0;
        for (Map.Entry<String, Map<String, Object>> e : t.sectors.entrySet()) {
            if (!sectors.isEmpty() && !sectors.contains(e.getKey())) {
                continue;
            }
            if (!(e.getValue().get(role) instanceof Double d)) {
                return null;
            }
            sum += d;
            found++;
        }
        return found > 0 || absentZero ? sum : null;
    }

    private String category(IndicatorDef def, IndicatorSource source, LevelRows rows, LevelRows.Territory t) {
        Object text = t.sectors.get(LevelRows.NO_SECTOR).get(source.value());
        if (text == null) {
            return null;
        }
        String key = source.categoryByText().get(text.toString());
        if (key == null) {
            report.add(new ImportReport.Entry(ImportReport.Severity.WARNING, "unknown-category", fileName,
                    rows.sheetName(), t.row, rows.spec().columns().get(source.value()), text.toString(),
                    "not a category of '" + def.id() + "'; expected one of: "
                            + String.join(" | ", source.categoryByText().keySet()) + "; value skipped"));
        }
        return key;
    }
}
