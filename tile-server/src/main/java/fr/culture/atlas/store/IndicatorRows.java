package fr.culture.atlas.store;

import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import fr.culture.atlas.config.IndicatorDef;

/**
 * How both stores keep indicators in tables: the definition as JSON, and one row per value
 * with a number column and a text column (a boolean is the number 1 or 0, a category its key).
 */
public final class IndicatorRows {

    private static final ObjectMapper JSON = new ObjectMapper();

    private IndicatorRows() {
    }

    public static String toJson(IndicatorDef def) {
        try {
            return JSON.writeValueAsString(def);
        } catch (IOException e) {
            throw new StoreException("Unserialisable indicator " + def.id(), e);
        }
    }

    public static IndicatorDef fromJson(String json) {
        try {
            return JSON.readValue(json, IndicatorDef.class);
        } catch (IOException e) {
            throw new StoreException("Unreadable indicator definition: " + e.getMessage(), e);
        }
    }

    /** The number column of a value, or null. */
    public static Double number(Object value) {
        if (value instanceof Boolean b) {
            return b ? 1.0 : 0.0;
        }
        return value instanceof Number n ? n.doubleValue() : null;
    }

    /** The text column of a value, or null. */
    public static String text(Object value) {
        return value instanceof String s ? s : null;
    }

    /**
     * The value table of both stores: one row per value, its number or text, and for a value
     * computed from members its coverage (null for a value read from a file).
     *
     * @param realType the floating-point SQL type of the store ({@code REAL}, {@code double precision})
     */
    public static String createValueTable(String table, String realType) {
        return "CREATE TABLE " + table + " (indicator text NOT NULL, level text NOT NULL, code text NOT NULL, num "
                + realType + ", txt text, from_level text, counted integer, members integer, population_share "
                + realType + ", PRIMARY KEY (indicator, level, code))";
    }

    public static String insertValue(String table) {
        return "INSERT INTO " + table + " (" + VALUE_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    }

    public static String selectValues(String table) {
        return "SELECT " + VALUE_COLUMNS + " FROM " + table;
    }

    private static final String VALUE_COLUMNS = "indicator, level, code, num, txt, from_level, counted, members, population_share";

    /**
     * Binds and batches one row per published value of {@code insert} ({@link #insertValue}),
     * executing the batch every {@code batch} rows and at the end.
     *
     * @param realType {@link java.sql.Types} of the number columns
     */
    public static void writeValues(List<IndicatorData> indicators, PreparedStatement insert, int realType, int batch)
            throws SQLException {
        int pending = 0;
        for (IndicatorData data : indicators) {
            for (Map.Entry<String, Map<String, Object>> level : data.values().entrySet()) {
                Map<String, Coverage> coverage = data.coverage().getOrDefault(level.getKey(), Map.of());
                for (Map.Entry<String, Object> v : level.getValue().entrySet()) {
                    Coverage c = coverage.get(v.getKey());
                    insert.setString(1, data.def().id());
                    insert.setString(2, level.getKey());
                    insert.setString(3, v.getKey());
                    insert.setObject(4, number(v.getValue()), realType);
                    insert.setString(5, text(v.getValue()));
                    insert.setString(6, c == null ? null : c.from());
                    insert.setObject(7, c == null ? null : c.counted(), Types.INTEGER);
                    insert.setObject(8, c == null ? null : c.members(), Types.INTEGER);
                    insert.setObject(9, c == null ? null : c.population(), realType);
                    insert.addBatch();
                    if (++pending % batch == 0) {
                        insert.executeBatch();
                    }
                }
            }
        }
        insert.executeBatch();
    }

    /** The table of indicator definitions of both stores, one row per indicator in catalogue order. */
    public static String createDefinitionTable(String table, String jsonType) {
        return "CREATE TABLE " + table + " (id text PRIMARY KEY, position integer NOT NULL, definition_json " + jsonType
                + " NOT NULL, definition text, source text, year text, edition_json text)";
    }

    public static String insertDefinition(String table, String jsonCast) {
        return "INSERT INTO " + table + " (id, position, definition_json, definition, source, year, edition_json) "
                + "VALUES (?, ?, ?" + jsonCast + ", ?, ?, ?, ?)";
    }

    /** @param definitionJson the SQL expression reading definition_json as text */
    public static String selectDefinitions(String table, String definitionJson) {
        return "SELECT id, " + definitionJson + ", definition, source, year, edition_json FROM " + table
                + " ORDER BY position";
    }

    /** Binds and batches one row per indicator of {@code insert} ({@link #insertDefinition}), then executes. */
    public static void writeDefinitions(List<IndicatorData> indicators, PreparedStatement insert) throws SQLException {
        int position = 0;
        for (IndicatorData data : indicators) {
            insert.setString(1, data.def().id());
            insert.setInt(2, position++);
            insert.setString(3, toJson(data.def()));
            insert.setString(4, data.definition());
            insert.setString(5, data.source());
            insert.setString(6, data.year());
            try {
                insert.setString(7, data.edition() == null ? null : JSON.writeValueAsString(data.edition()));
            } catch (IOException e) {
                throw new StoreException("Unserialisable edition of " + data.def().id(), e);
            }
            insert.addBatch();
        }
        insert.executeBatch();
    }

    private static Edition edition(String json) {
        try {
            return json == null ? null : JSON.readValue(json, Edition.class);
        } catch (IOException e) {
            throw new StoreException("Unreadable edition: " + e.getMessage(), e);
        }
    }

    /**
     * Reads indicators back with two queries: {@code definitions} is {@link #selectDefinitions},
     * {@code values} is {@link #selectValues}.
     */
    public static List<IndicatorData> read(Statement st, String definitions, String values) throws SQLException {
        Map<String, IndicatorData> indicators = new LinkedHashMap<>();
        readDefinitions(st, definitions).forEach(i -> indicators.put(i.def().id(), i));
        try (ResultSet rs = st.executeQuery(values)) {
            while (rs.next()) {
                IndicatorData data = indicators.get(rs.getString(1));
                double number = rs.getDouble(4);
                Double num = rs.wasNull() ? null : number;
                String level = rs.getString(2);
                String code = rs.getString(3);
                data.values().computeIfAbsent(level, k -> new HashMap<>())
                        .put(code, value(data.def().kind(), num, rs.getString(5)));
                String from = rs.getString(6);
                if (from != null) {
                    double share = rs.getDouble(9);
                    Double population = rs.wasNull() ? null : share;
                    data.coverage().computeIfAbsent(level, k -> new HashMap<>())
                            .put(code, new Coverage(from, rs.getInt(7), rs.getInt(8), population));
                }
            }
        }
        return List.copyOf(indicators.values());
    }

    /** The indicators of {@code definitions} ({@link #selectDefinitions}) in catalogue order, with empty mutable maps of values. */
    static List<IndicatorData> readDefinitions(Statement st, String definitions) throws SQLException {
        List<IndicatorData> indicators = new java.util.ArrayList<>();
        try (ResultSet rs = st.executeQuery(definitions)) {
            while (rs.next()) {
                indicators.add(new IndicatorData(fromJson(rs.getString(2)),
                        rs.getString(3), rs.getString(4), rs.getString(5), new HashMap<>(), new HashMap<>(),
                        edition(rs.getString(6))));
            }
        }
        return indicators;
    }

    /** The value back from its columns, typed by the indicator's kind. */
    public static Object value(IndicatorDef.Kind kind, Double number, String text) {
        return switch (kind) {
            case CATEGORICAL -> text;
            case BOOLEAN -> number == null ? null : number != 0;
            default -> number;
        };
    }
}
