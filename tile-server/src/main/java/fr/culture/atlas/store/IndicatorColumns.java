package fr.culture.atlas.store;

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
        List<byte[]> keys = new ArrayList<>();
        int size = Integer.BYTES * 2;
        if (kind == IndicatorDef.Kind.CATEGORICAL) {
            for (String code : codes) {
                byte[] key = values.get(code) instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : null;
                keys.add(key);
                size += Integer.BYTES + (key == null ? 0 : key.length);
            }
        } else {
            size += Double.BYTES * codes.size();
        }
        List<byte[]> froms = new ArrayList<>();
        List<Integer> covered = new ArrayList<>();
        for (int row = 0; row < codes.size(); row++) {
            Coverage c = coverage.get(codes.get(row));
            if (c != null) {
                byte[] from = c.from().getBytes(StandardCharsets.UTF_8);
                covered.add(row);
                froms.add(from);
                size += 4 * Integer.BYTES + from.length + Double.BYTES;
            }
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        out.putInt(codes.size());
        for (int row = 0; row < codes.size(); row++) {
            if (kind == IndicatorDef.Kind.CATEGORICAL) {
                byte[] key = keys.get(row);
                out.putInt(key == null ? -1 : key.length);
                if (key != null) {
                    out.put(key);
                }
            } else {
                Double number = IndicatorRows.number(values.get(codes.get(row)));
                out.putDouble(number == null ? Double.NaN : number);
            }
        }
        out.putInt(covered.size());
        for (int i = 0; i < covered.size(); i++) {
            Coverage c = coverage.get(codes.get(covered.get(i)));
            out.putInt(covered.get(i));
            out.putInt(froms.get(i).length);
            out.put(froms.get(i));
            out.putInt(c.counted());
            out.putInt(c.members());
            out.putDouble(c.population() == null ? Double.NaN : c.population());
        }
        return out.array();
    }

    /** One column read back: its values and coverage by row, in the order of its level's stored codes. */
    record Column(Object[] values, Coverage[] coverage) {
    }

    static Column decode(IndicatorDef.Kind kind, byte[] cells) {
        ByteBuffer in = ByteBuffer.wrap(cells);
        Object[] values = new Object[in.getInt()];
        for (int row = 0; row < values.length; row++) {
            if (kind == IndicatorDef.Kind.CATEGORICAL) {
                int length = in.getInt();
                if (length >= 0) {
                    values[row] = new String(cells, in.position(), length, StandardCharsets.UTF_8);
                    in.position(in.position() + length);
                }
            } else {
                double number = in.getDouble();
                values[row] = Double.isNaN(number) ? null : IndicatorRows.value(kind, number, null);
            }
        }
        int covered = in.getInt();
        Coverage[] coverage = covered == 0 ? null : new Coverage[values.length];
        for (int i = 0; i < covered; i++) {
            int row = in.getInt();
            int length = in.getInt();
            String from = new String(cells, in.position(), length, StandardCharsets.UTF_8);
            in.position(in.position() + length);
            int counted = in.getInt();
            int members = in.getInt();
            double population = in.getDouble();
            coverage[row] = new Coverage(from, counted, members, Double.isNaN(population) ? null : population);
        }
        return new Column(values, coverage);
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
     * Reads the stored columns: {@code definitions} is {@link IndicatorRows#selectDefinitions}, the two
     * tables those of {@link #createCodesTable} and {@link #createColumnTable}.
     */
    public static Stored read(Statement st, String definitions, String codesTable, String columnTable)
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
