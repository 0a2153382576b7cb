package fr.culture.atlas.importer;

import java.util.List;
import java.util.Map;

import fr.culture.atlas.store.IndicatorData;

/**
 * What {@link IndicatorReader} read: the indicators' values and, per file, what it counted.
 * Whether the import may go on is the report's business ({@link ImportReport#hasErrors()}).
 * {@code ratios}: indicator id → level id → code → numerator and denominator, for the indicators
 * aggregated as a ratio of sums.
 */
public record IndicatorImport(List<IndicatorData> indicators, List<FileSummary> files,
                              Map<String, Map<String, Map<String, Aggregation.Ratio>>> ratios) {

    /**
     * One Excel file.
     *
     * @param file       path relative to the data directory
     * @param rows       data rows read (blank rows excluded), over all its sheets
     * @param values     values accepted, over all its indicators and levels
     * @param emptyCells cells read as "not available" (empty, or a missing-value sentinel)
     * @param warnings   report entries about this file (warnings and errors)
     * @param millis     time spent on the file
     */
    public record FileSummary(String file, int rows, int values, int emptyCells, int warnings, long millis) {
    }

    public int values() {
        return files.stream().mapToInt(FileSummary::values).sum();
    }
}
