package fr.culture.atlas.config;

import java.util.List;
import java.util.Map;

/**
 * Where the values of one indicator come from: the importer's part of an entry of
 * {@code config/indicators.yaml} (the public part is {@link IndicatorDef}).
 * A numeric value is {@code value × multiply / divideBy}.
 *
 * @param indicator       indicator id
 * @param file            id of the {@link ExcelFileSpec} it is read from
 * @param value           role of the value column
 * @param multiply        factor applied to the value (1000 for k€ → €, 100 for a share in %)
 * @param divideBy        role of the denominator, or null
 * @param sectors         long format: sectors summed (empty = every row of the territory)
 * @param absentSectorZero long format with sectors: a territory of the file without a row for
 *                        these sectors gets zero (otherwise it has no value)
 * @param categoryByText  categorical: exact cell text → category key
 * @param trueWhenFilled  boolean: a filled cell is true, an empty one false
 * @param levels          levels read, largest first
 * @param definition      override of the Meta definition, or null
 * @param source          override of the Meta source, or null
 * @param year            override of the Meta year, or null
 */
public record IndicatorSource(String indicator, String file, String value, double multiply, String divideBy,
                              List<String> sectors, boolean absentSectorZero, Map<String, String> categoryByText,
                              boolean trueWhenFilled, List<String> levels, String definition, String source,
                              String year) {
}
