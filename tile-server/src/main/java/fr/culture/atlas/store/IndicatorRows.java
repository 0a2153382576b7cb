package fr.culture.atlas.store;

import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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

    /** One value row: the indicator's id, level, territory code, number and text columns. */
    @FunctionalInterface
    public interface RowSink {
        void accept(String indicator, String level, String code, Double number, String text) throws SQLException;
    }

    /** Calls {@code sink} once per published value, indicator by indicator. */
    public static void forEachValue(List<IndicatorData> indicators, RowSink sink) throws SQLException {
        for (IndicatorData data : indicators) {
            for (Map.Entry<String, Map<String, Object>> level : data.values().entrySet()) {
                for (Map.Entry<String, Object> v : level.getValue().entrySet()) {
                    sink.accept(data.def().id(), level.getKey(), v.getKey(), number(v.getValue()), text(v.getValue()));
                }
            }
        }
    }

    /**
     * Reads indicators back with two queries: {@code definitions} yields (id, definition_json,
     * definition, source, year) in catalogue order, {@code values} yields (indicator, level, code, num, txt).
     */
    public static List<IndicatorData> read(Statement st, String definitions, String values) throws SQLException {
        Map<String, IndicatorData> indicators = new LinkedHashMap<>();
        try (ResultSet rs = st.executeQuery(definitions)) {
            while (rs.next()) {
                indicators.put(rs.getString(1), new IndicatorData(fromJson(rs.getString(2)),
                        rs.getString(3), rs.getString(4), rs.getString(5), new HashMap<>()));
            }
        }
        try (ResultSet rs = st.executeQuery(values)) {
            while (rs.next()) {
                IndicatorData data = indicators.get(rs.getString(1));
                double number = rs.getDouble(4);
                Double num = rs.wasNull() ? null : number;
                data.values().computeIfAbsent(rs.getString(2), k -> new HashMap<>())
                        .put(rs.getString(3), value(data.def().kind(), num, rs.getString(5)));
            }
        }
        return List.copyOf(indicators.values());
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
