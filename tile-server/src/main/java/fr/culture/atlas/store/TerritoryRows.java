package fr.culture.atlas.store;

import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;

/**
 * How both stores keep territories and venues in rows, beside {@link IndicatorRows}: the same
 * columns in the same order, so that a column added to one store is added to the other.
 */
public final class TerritoryRows {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> PARENTS = new TypeReference<>() { };

    private TerritoryRows() {
    }

    /**
     * Binds a territory's attributes to the seven parameters starting at {@code first}, in the
     * order {@link #territory} reads them back.
     */
    public static void bindTerritory(PreparedStatement insert, int first, Territory t) throws SQLException {
        insert.setLong(first, t.id());
        insert.setString(first + 1, t.code());
        insert.setString(first + 2, t.name());
        try {
            insert.setString(first + 3, JSON.writeValueAsString(t.parents()));
        } catch (IOException e) {
            throw new StoreException("Unserialisable parents of " + t.code() + ": " + e.getMessage(), e);
        }
        if (t.population() == null) {
            insert.setNull(first + 4, Types.BIGINT);
        } else {
            insert.setLong(first + 4, t.population());
        }
        if (t.label() == null) {
            insert.setNull(first + 5, Types.DOUBLE);
            insert.setNull(first + 6, Types.DOUBLE);
        } else {
            insert.setDouble(first + 5, t.label().x);
            insert.setDouble(first + 6, t.label().y);
        }
    }

    /**
     * A territory from the seven columns starting at {@code first}: id, code, nom, parents (JSON
     * text), population (null when unknown), label_x, label_y (null when not computed).
     *
     * @param parents the parents read so far, by their text: the communes of one EPCI share one
     *                map, and a read of 34,967 communes parses 1,357 texts, not 34,967
     */
    public static Territory territory(ResultSet rs, int first, Geometry geometry,
                                      Map<String, Map<String, String>> parents) throws SQLException {
        long population = rs.getLong(first + 4);
        Long pop = rs.wasNull() ? null : population;
        double x = rs.getDouble(first + 5);
        Coordinate label = rs.wasNull() ? null : new Coordinate(x, rs.getDouble(first + 6));
        String text = rs.getString(first + 3);
        Map<String, String> parsed = parents.get(text);
        if (parsed == null) {
            try {
                parsed = Map.copyOf(JSON.readValue(text, PARENTS));
            } catch (IOException e) {
                throw new SQLException("Unreadable parents of territory " + rs.getString(first + 1), e);
            }
            parents.put(text, parsed);
        }
        return new Territory(rs.getLong(first), rs.getString(first + 1), rs.getString(first + 2), parsed, pop,
                geometry, label);
    }

    /**
     * Binds a venue to the parameters 1 to 8 of an insert: id, family, nom, type, discipline,
     * labels (JSON text), commune, and the point's geometry as the store writes it.
     */
    public static void bindVenue(PreparedStatement insert, Venue v, byte[] geometry) throws SQLException {
        insert.setLong(1, v.id());
        insert.setString(2, v.family());
        insert.setString(3, v.name());
        insert.setString(4, v.type());
        insert.setString(5, v.discipline());
        try {
            insert.setString(6, JSON.writeValueAsString(v.labels()));
        } catch (IOException e) {
            throw new StoreException("Unserialisable venue labels: " + e.getMessage(), e);
        }
        insert.setString(7, v.commune());
        insert.setBytes(8, geometry);
    }

    /**
     * A venue from the columns 1 to 7 of {@link #bindVenue}, at {@code point}; unreadable labels
     * are damaged data (a StoreException, a 500), not a database that does not answer.
     */
    public static Venue venue(ResultSet rs, Point point) throws SQLException {
        try {
            return new Venue(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                    List.of(JSON.readValue(rs.getString(6), String[].class)), rs.getString(7), point);
        } catch (IOException e) {
            throw new StoreException("Unreadable labels of venue " + rs.getLong(1) + ": " + e.getMessage(), e);
        }
    }
}
