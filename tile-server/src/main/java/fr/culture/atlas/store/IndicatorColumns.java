package fr.culture.atlas.store;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import fr.culture.atlas.config.Catalogue;
import fr.culture.atlas.config.IndicatorDef;

/**
 * How both stores keep indicator values for a server's start: per indicator and level, one blob
 * of its values in the order of the level's codes (one row per level in the codes table), which is
 * how {@link Indicators} holds them. Read row by row, the 585,768 values of the full data took
 * 2–3 s of an embedded server's start and 1.5–1.85 s of a PostGIS one (docs/benchmarks.md); as
 * columns they are a few hundred blobs. The row table ({@link IndicatorRows}) stays beside them:
 * it is what QGIS and SQL users read, and what the comparison of versions reads.
 *
 * <p>A blob: the row count, then per row a double (NaN when there is no value; a boolean is 1 or
 * 0) or, for a categorical indicator, the UTF-8 length (−1 when none) and bytes of its key; then
 * the count of rows computed from members, and for each its row, the members' level, counted,
 * members and population share (NaN when unknown).
 */
public final class IndicatorColumns {

    private IndicatorColumns() {
    }

    /** The codes of each level in the order of its columns, one text of codes separated by newlines. */
    public static String createCodesTable(String table) {
        return "CREATE TABLE " + table + " (level text PRIMARY KEY, codes text NOT NULL)";
    }

    /** @param blobType the store's binary type ({@code BLOB}, {@code bytea}) */
    public static String createColumnTable(String table, String blobType) {
        return "CREATE TABLE " + table + " (indicator text NOT NULL, level text NOT NULL, cells " + blobType
                + " NOT NULL, PRIMARY KEY (indicator, level))";
    }

    public static String insertCodes(String table) {
        return "INSERT INTO " + table + " (level, codes) VALUES (?, ?)";
    }

    public static String insertColumn(String table) {
        return "INSERT INTO " + table + " (indicator, level, cells) VALUES (?, ?, ?)";
    }

    /**
     * The codes of the columns: each level's territories in the dataset's (code) order, and France's
     * one code. Values of codes outside them are not served, so they are not written here.
     */
    public static Map<String, List<String>> codes(Dataset dataset) {
        Map<String, List<String>> codes = new LinkedHashMap<>();
        dataset.levels().forEach(l -> codes.put(l.level().id(), l.territories().stream().map(Territory::code).toList()));
        codes.put(Catalogue.FRANCE, List.of(IndicatorData.FRANCE_CODE));
        return codes;
    }

    /** Writes the codes of each level, then one column per indicator and level with values. */
    public static void write(List<IndicatorData> indicators, Map<String, List<String>> codes,
                             PreparedStatement insertCodes, PreparedStatement insertColumn) throws SQLException {
        for (Map.Entry<String, List<String>> level : codes.entrySet()) {
            insertCodes.setString(1, level.getKey());
            insertCodes.setString(2, String.join("\n", level.getValue()));
            insertCodes.addBatch();
        }
        insertCodes.executeBatch();
        for (IndicatorData data : indicators) {
            for (Map.Entry<String, Map<String, Object>> values : data.values().entrySet()) {
                List<String> levelCodes = codes.get(values.getKey());
                if (levelCodes == null || values.getValue().isEmpty()) {
                    continue;
                }
                insertColumn.setString(1, data.def().id());
                insertColumn.setString(2, values.getKey());
                insertColumn.setBytes(3, encode(data.def().kind(), levelCodes, values.getValue(),
                        data.coverage().getOrDefault(values.getKey(), Map.of())));
                insertColumn.addBatch();
            }
        }
        insertColumn.executeBatch();
    }

    static byte[] encode(IndicatorDef.Kind kind, List<String> codes, Map<String, Object> values,
                         Map<String, Coverage> coverage) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(Double.BYTES * codes.size() + 64);
        // big-endian, as ByteBuffer reads it back
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(codes.size());
            for (String code : codes) {
                if (kind == IndicatorDef.Kind.CATEGORICAL) {
                    writeText(out, values.get(code) instanceof String key ? key : null);
                } else {
                    Double number = IndicatorRows.number(values.get(code));
                    out.writeDouble(number == null ? Double.NaN : number);
                }
            }
            List<Integer> covered = new ArrayList<>();
            for (int row = 0; row < codes.size(); row++) {
                if (coverage.containsKey(codes.get(row))) {
                    covered.add(row);
                }
            }
            out.writeInt(covered.size());
            for (int row : covered) {
                Coverage c = coverage.get(codes.get(row));
                out.writeInt(row);
                writeText(out, c.from());
                out.writeInt(c.counted());
                out.writeInt(c.members());
                out.writeDouble(c.population() == null ? Double.NaN : c.population());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return bytes.toByteArray();
    }

    /** A text as its UTF-8 length (−1 for none) and bytes. */
    private static void writeText(DataOutputStream out, String text) throws IOException {
        if (text == null) {
            out.writeInt(-1);
            return;
        }
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    /** One column read back: its values and coverage by row, in the order of its level's stored codes. */
    record Column(Object[] values, Coverage[] coverage) {
    }

    static Column decode(IndicatorDef.Kind kind, byte[] cells) {
        ByteBuffer in = ByteBuffer.wrap(cells);
        Object[] values = new Object[in.getInt()];
        for (int row = 0; row < values.length; row++) {
            if (kind == IndicatorDef.Kind.CATEGORICAL) {
                values[row] = readText(in);
            } else {
                double number = in.getDouble();
                values[row] = Double.isNaN(number) ? null : IndicatorRows.value(kind, number, null);
            }
        }
        int covered = in.getInt();
        Coverage[] coverage = covered == 0 ? null : new Coverage[values.length];
        for (int i = 0; i < covered; i++) {
            int row = in.getInt();
            String from = readText(in);
            int counted = in.getInt();
            int members = in.getInt();
            double population = in.getDouble();
            coverage[row] = new Coverage(from, counted, members, Double.isNaN(population) ? null : population);
        }
        return new Column(values, coverage);
    }

    /** A text written by {@link #writeText}, or null. */
    private static String readText(ByteBuffer in) {
        int length = in.getInt();
        if (length < 0) {
            return null;
        }
        String text = new String(in.array(), in.position(), length, StandardCharsets.UTF_8);
        in.position(in.position() + length);
        return text;
    }

    /**
     * What a store holds of its indicators, read with three queries and not yet put in the order
     * of the snapshot's territories.
     *
     * @param definitions the indicators without their values
     * @param codes       level id → the codes its columns follow
     * @param cells       indicator id → level id → its column's blob
     */
    public record Stored(List<IndicatorData> definitions, Map<String, List<String>> codes,
                         Map<String, Map<String, byte[]>> cells) {

        /**
         * The indicators with each column in the row order of {@code territoryCodes} (level id →
         * codes, as {@link MemorySnapshot#codes}); a level whose stored codes are in another order
         * (a database's collation) is put in that order through the codes.
         */
        public Indicators indicators(Map<String, List<String>> territoryCodes) {
            Map<String, Map<String, Object[]>> columns = new HashMap<>();
            Map<String, Map<String, Coverage[]>> coverage = new HashMap<>();
            List<IndicatorData> indicators = new ArrayList<>();
            for (IndicatorData data : definitions) {
                Map<String, Object[]> values = new HashMap<>();
                Map<String, Coverage[]> covered = new HashMap<>();
                Object france = null;
                Coverage franceCoverage = null;
                for (Map.Entry<String, byte[]> cell : cells.getOrDefault(data.def().id(), Map.of()).entrySet()) {
                    String level = cell.getKey();
                    Column column = decode(data.def().kind(), cell.getValue());
                    List<String> stored = codes.getOrDefault(level, List.of());
                    if (level.equals(Catalogue.FRANCE)) {
                        int row = stored.indexOf(IndicatorData.FRANCE_CODE);
                        france = row < 0 ? null : column.values()[row];
                        franceCoverage = row < 0 || column.coverage() == null ? null : column.coverage()[row];
                        continue;
                    }
                    List<String> rows = territoryCodes.get(level);
                    if (rows == null) {
                        continue; // a level this version has no territories of
                    }
                    Column ordered = stored.equals(rows) ? column : reordered(column, stored, rows);
                    values.put(level, ordered.values());
                    if (ordered.coverage() != null) {
                        covered.put(level, ordered.coverage());
                    }
                }
                columns.put(data.def().id(), values);
                coverage.put(data.def().id(), covered);
                // the snapshot's definitions carry France's value only: the levels' are the columns
                indicators.add(new IndicatorData(data.def(), data.definition(), data.source(), data.year(),
                        france == null ? Map.of() : Map.of(Catalogue.FRANCE, Map.of(IndicatorData.FRANCE_CODE, france)),
                        franceCoverage == null ? Map.of()
                                : Map.of(Catalogue.FRANCE, Map.of(IndicatorData.FRANCE_CODE, franceCoverage)),
                        data.edition()));
            }
            return new Indicators(indicators, territoryCodes, columns, coverage);
        }

        private static Column reordered(Column column, List<String> stored, List<String> rows) {
            Map<String, Integer> index = new HashMap<>(rows.size() * 2);
            for (int i = 0; i < rows.size(); i++) {
                index.put(rows.get(i), i);
            }
            Object[] values = new Object[rows.size()];
            Coverage[] coverage = column.coverage() == null ? null : new Coverage[rows.size()];
            for (int i = 0; i < stored.size() && i < column.values().length; i++) {
                Integer row = index.get(stored.get(i));
                if (row != null) {
                    values[row] = column.values()[i];
                    if (coverage != null) {
                        coverage[row] = column.coverage()[i];
                    }
                }
            }
            return new Column(values, coverage);
        }
    }

    /**
     * What a store serves of its indicators, given the snapshot's codes (level id → codes in row
     * order): their columns, or, in a version published before there were columns
     * ({@code hasColumns} false), their rows.
     *
     * @param definitions {@link IndicatorRows#selectDefinitions}
     * @param valueTable  the table of {@link IndicatorRows#createValueTable}
     * @param codesTable  the table of {@link #createCodesTable}
     * @param columnTable the table of {@link #createColumnTable}
     */
    public static Function<Map<String, List<String>>, Indicators> read(Statement st, boolean hasColumns,
                                                                       String definitions, String valueTable,
                                                                       String codesTable, String columnTable)
            throws SQLException {
        if (!hasColumns) {
            List<IndicatorData> rows = IndicatorRows.read(st, definitions, IndicatorRows.selectValues(valueTable));
            return codes -> new Indicators(rows, codes);
        }
        return readColumns(st, definitions, codesTable, columnTable)::indicators;
    }

    static Stored readColumns(Statement st, String definitions, String codesTable, String columnTable)
            throws SQLException {
        List<IndicatorData> defs = IndicatorRows.readDefinitions(st, definitions);
        Map<String, List<String>> codes = new HashMap<>();
        try (ResultSet rs = st.executeQuery("SELECT level, codes FROM " + codesTable)) {
            while (rs.next()) {
                String text = rs.getString(2);
                codes.put(rs.getString(1), text.isEmpty() ? List.of() : Arrays.asList(text.split("\n", -1)));
            }
        }
        Map<String, Map<String, byte[]>> cells = new HashMap<>();
        try (ResultSet rs = st.executeQuery("SELECT indicator, level, cells FROM " + columnTable)) {
            while (rs.next()) {
                cells.computeIfAbsent(rs.getString(1), k -> new HashMap<>()).put(rs.getString(2), rs.getBytes(3));
            }
        }
        return new Stored(defs, codes, cells);
    }
}
