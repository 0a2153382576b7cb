package fr.culture.atlas.store.embedded;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import fr.culture.atlas.store.Dataset;
import fr.culture.atlas.store.StoreException;
import fr.culture.atlas.store.Territory;
import mil.nga.geopackage.BoundingBox;
import mil.nga.geopackage.GeoPackage;
import mil.nga.geopackage.GeoPackageManager;
import mil.nga.geopackage.db.GeoPackageDataType;
import mil.nga.geopackage.db.TableColumnKey;
import mil.nga.geopackage.features.columns.GeometryColumns;
import mil.nga.geopackage.features.user.FeatureColumn;
import mil.nga.geopackage.features.user.FeatureTableMetadata;
import mil.nga.geopackage.geom.GeoPackageGeometryData;
import mil.nga.geopackage.srs.SpatialReferenceSystem;
import mil.nga.sf.GeometryType;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.io.WKBWriter;

/**
 * The embedded store's file: a standard GeoPackage (it opens in QGIS) with one feature table
 * per level, {@code territory_<level>}, geometry in EPSG:3857.
 */
final class GeoPackageFormat {

    private static final String TABLE_PREFIX = "territory_";

    private GeoPackageFormat() {
    }

    /** Writes a new GeoPackage file holding the dataset. */
    static void write(Path file, Dataset dataset) {
        File target = file.toFile();
        GeoPackageManager.create(target);
        try (GeoPackage gpkg = GeoPackageManager.open(target)) {
            SpatialReferenceSystem srs = gpkg.getSpatialReferenceSystemDao().getOrCreateCode("EPSG", 3857);
            for (Dataset.LevelData level : dataset.levels()) {
                String table = TABLE_PREFIX + level.level().id();
                createTable(gpkg, table, srs, envelope(level.territories()));
                insert(gpkg.getConnection().getConnection(), table, srs.getSrsId(), level.territories());
            }
        } catch (SQLException | IOException e) {
            throw new StoreException("Could not write " + file + ": " + e.getMessage(), e);
        }
    }

    private static void createTable(GeoPackage gpkg, String table, SpatialReferenceSystem srs, Envelope env) {
        GeometryColumns geometry = new GeometryColumns();
        geometry.setId(new TableColumnKey(table, "geom"));
        geometry.setGeometryType(GeometryType.GEOMETRY);
        geometry.setZ((byte) 0);
        geometry.setM((byte) 0);
        geometry.setSrsId(srs.getSrsId());
        // the territory's stable id is the table's primary key (GeoPackage's feature id)
        List<FeatureColumn> columns = List.of(
                FeatureColumn.createColumn("code", GeoPackageDataType.TEXT),
                FeatureColumn.createColumn("nom", GeoPackageDataType.TEXT));
        BoundingBox box = env.isNull() ? new BoundingBox()
                : new BoundingBox(env.getMinX(), env.getMinY(), env.getMaxX(), env.getMaxY());
        gpkg.createFeatureTable(FeatureTableMetadata.create(geometry, "id", columns, box));
    }

    private static void insert(Connection connection, String table, long srsId, List<Territory> territories)
            throws SQLException, IOException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        WKBWriter wkb = new WKBWriter();
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO \"" + table + "\" (id, code, nom, geom) VALUES (?, ?, ?, ?)")) {
            for (Territory t : territories) {
                insert.setLong(1, t.id());
                insert.setString(2, t.code());
                insert.setString(3, t.name());
                insert.setBytes(4, GeoPackageGeometryData
                        .createFromWkbAndBuildEnvelope(srsId, wkb.write(t.geometry())).toBytes());
                insert.addBatch();
            }
            insert.executeBatch();
            connection.commit();
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private static Envelope envelope(List<Territory> territories) {
        Envelope env = new Envelope();
        territories.forEach(t -> env.expandToInclude(t.geometry().getEnvelopeInternal()));
        return env;
    }

    /** Reads every level of a GeoPackage written by {@link #write}, keyed by level id, in code order. */
    static Map<String, List<Territory>> read(Path file, GeometryFactory factory) {
        Map<String, List<Territory>> levels = new LinkedHashMap<>();
        try (GeoPackage gpkg = GeoPackageManager.open(file.toFile(), false)) {
            Connection connection = gpkg.getConnection().getConnection();
            for (String table : gpkg.getFeatureTables()) {
                if (table.startsWith(TABLE_PREFIX)) {
                    levels.put(table.substring(TABLE_PREFIX.length()), readTable(connection, table, factory));
                }
            }
        } catch (SQLException | IOException | ParseException e) {
            throw new StoreException("Could not read " + file + ": " + e.getMessage(), e);
        }
        return levels;
    }

    private static List<Territory> readTable(Connection connection, String table, GeometryFactory factory)
            throws SQLException, IOException, ParseException {
        List<Territory> territories = new ArrayList<>();
        WKBReader wkb = new WKBReader(factory);
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT id, code, nom, geom FROM \"" + table + "\" ORDER BY code")) {
            while (rs.next()) {
                byte[] blob = rs.getBytes(4);
                territories.add(new Territory(rs.getLong(1), rs.getString(2), rs.getString(3),
                        wkb.read(GeoPackageGeometryData.create(blob).getWkb())));
            }
        }
        return territories;
    }
}
