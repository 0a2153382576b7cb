package fr.culture.atlas.store.embedded;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

import fr.culture.atlas.geo.ZoomBands;
import fr.culture.atlas.store.Dataset;
import fr.culture.atlas.store.IndicatorColumns;
import fr.culture.atlas.store.IndicatorData;
import fr.culture.atlas.store.IndicatorRows;
import fr.culture.atlas.store.Indicators;
import fr.culture.atlas.store.MemorySnapshot;
import fr.culture.atlas.store.Published;
import fr.culture.atlas.store.StoreException;
import fr.culture.atlas.store.TerritoryRows;
import fr.culture.atlas.store.Territory;
import fr.culture.atlas.store.Venue;
import fr.culture.atlas.store.VersionSummary;
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
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.io.WKBWriter;

/**
 * The embedded store's file: a standard GeoPackage (it opens in QGIS), geometry in EPSG:3857.
 * Per level, {@code territory_<level>} holds the attributes and the source-detail geometry, and
 * {@code territory_<level>_z<min>_<max>} the geometry generalised for each coarser zoom band.
 */
final class GeoPackageFormat {

    private static final String PREFIX = "territory_";
    /**
     * The layout version, in table {@code atlas_format}: a server refuses a file of another
     * layout with a message saying what to do, rather than failing on a missing column. Raise
     * it with any change of tables or columns. (SQLite's user_version is the GeoPackage
     * version, by the standard.)
     */
    // 3: zoom bands per zoom to 7 (merged territories absent), label points; 4: values computed from
    // members with their coverage, France's values; 5: the edition of each indicator's file; 6: the
    // catalogue of levels the version was made with (atlas_catalogue); 7: and its themes
    static final int FORMAT = 7;

    /** What a file holds: territories per level, per level and band the generalised copies, indicators. */
    record Content(Published published, Map<String, List<Territory>> territories, Map<String, List<List<Territory>>> bands,
                   Indicators indicators, List<Venue> venues) {
    }

    private GeoPackageFormat() {
    }

    static String bandTable(String level, ZoomBands.Band band) {
        return PREFIX + level + "_z" + band.minZoom() + "_" + band.maxZoom();
    }

    /** Writes a new GeoPackage file holding the dataset. */
    static void write(Path file, Dataset dataset) {
        File target = file.toFile();
        GeoPackageManager.create(target);
        try (GeoPackage gpkg = GeoPackageManager.open(target)) {
            SpatialReferenceSystem srs = gpkg.getSpatialReferenceSystemDao().getOrCreateCode("EPSG", 3857);
            Connection connection = gpkg.getConnection().getConnection();
            for (Dataset.LevelData level : dataset.levels()) {
                String id = level.level().id();
                List<Territory> territories = level.territories();
                createTable(gpkg, PREFIX + id, srs, envelope(territories), List.of(
                        FeatureColumn.createColumn("code", GeoPackageDataType.TEXT),
                        FeatureColumn.createColumn("nom", GeoPackageDataType.TEXT),
                        FeatureColumn.createColumn("parents", GeoPackageDataType.TEXT),
                        FeatureColumn.createColumn("population", GeoPackageDataType.INTEGER),
                        FeatureColumn.createColumn("label_x", GeoPackageDataType.DOUBLE),
                        FeatureColumn.createColumn("label_y", GeoPackageDataType.DOUBLE)));
                insertTerritories(connection, PREFIX + id, srs.getSrsId(), territories);
                for (ZoomBands.Band band : ZoomBands.ALL) {
                    if (band.tolerance() == 0) {
                        continue; // the source detail is the main table's geometry
                    }
                    String table = bandTable(id, band);
                    createTable(gpkg, table, srs, envelope(territories), List.of());
                    insertGeometries(connection, table, srs.getSrsId(), territories, level.bands().get(band.index()));
                }
            }
            writeIndicators(connection, dataset);
            writeVenues(gpkg, srs, dataset.venues());
            try (Statement st = connection.createStatement()) {
                st.execute("CREATE TABLE atlas_catalogue (json TEXT NOT NULL)");
            }
            try (PreparedStatement st = connection.prepareStatement("INSERT INTO atlas_catalogue (json) VALUES (?)")) {
                st.setString(1, new Published(dataset.catalogue(), dataset.themes()).toJson());
                st.executeUpdate();
            }
            try (Statement st = connection.createStatement()) {
                st.execute("CREATE TABLE atlas_format (version INTEGER NOT NULL)");
                st.execute("INSERT INTO atlas_format (version) VALUES (" + FORMAT + ")");
            }
        } catch (SQLException | IOException e) {
            throw new StoreException("Could not write " + file + ": " + e.getMessage(), e);
        }
    }

    private static void createTable(GeoPackage gpkg, String table, SpatialReferenceSystem srs, Envelope env,
                                    List<FeatureColumn> columns) {
        GeometryColumns geometry = new GeometryColumns();
        geometry.setId(new TableColumnKey(table, "geom"));
        geometry.setGeometryType(GeometryType.GEOMETRY);
        geometry.setZ((byte) 0);
        geometry.setM((byte) 0);
        geometry.setSrsId(srs.getSrsId());
        BoundingBox box = env.isNull() ? new BoundingBox()
                : new BoundingBox(env.getMinX(), env.getMinY(), env.getMaxX(), env.getMaxY());
        // the territory's stable id is the table's primary key (GeoPackage's feature id)
        gpkg.createFeatureTable(FeatureTableMetadata.create(geometry, "id", columns, box));
    }

    private static void insertTerritories(Connection connection, String table, long srsId, List<Territory> territories)
            throws SQLException, IOException {
        WKBWriter wkb = new WKBWriter();
        inTransaction(connection, () -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO \"" + table
                    + "\" (id, code, nom, parents, population, label_x, label_y, geom) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (Territory t : territories) {
                    TerritoryRows.bindTerritory(insert, 1, t);
                    insert.setBytes(8, blob(srsId, wkb, t.geometry()));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        });
    }

    private static void insertGeometries(Connection connection, String table, long srsId, List<Territory> territories,
                                         Geometry[] geometries) throws SQLException, IOException {
        WKBWriter wkb = new WKBWriter();
        inTransaction(connection, () -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO \"" + table + "\" (id, geom) VALUES (?, ?)")) {
                for (int i = 0; i < territories.size(); i++) {
                    if (geometries[i] == null) {
                        continue; // merged into a neighbour at this band's zooms
                    }
                    insert.setLong(1, territories.get(i).id());
                    insert.setBytes(2, blob(srsId, wkb, geometries[i]));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        });
    }

    private static final String CODES = "atlas_indicator_codes";
    private static final String COLUMNS = "atlas_indicator_column";

    /**
     * Indicators as two attribute tables (registered in gpkg_contents, so QGIS lists them), and their
     * values again as the columns a server reads at its start ({@link IndicatorColumns}).
     */
    private static void writeIndicators(Connection connection, Dataset dataset) throws SQLException, IOException {
        List<IndicatorData> indicators = dataset.indicators();
        inTransaction(connection, () -> {
            try (Statement st = connection.createStatement()) {
                st.execute(IndicatorRows.createDefinitionTable("indicator", "TEXT"));
                st.execute(IndicatorRows.createValueTable("indicator_value", "REAL"));
                st.execute("INSERT INTO gpkg_contents (table_name, data_type, identifier, description) VALUES "
                        + "('indicator', 'attributes', 'indicator', 'Indicateurs de l''Atlas Culture'), "
                        + "('indicator_value', 'attributes', 'indicator_value', 'Valeurs par territoire')");
            }
            try (PreparedStatement def = connection.prepareStatement(IndicatorRows.insertDefinition("indicator", ""));
                 PreparedStatement value = connection.prepareStatement(IndicatorRows.insertValue("indicator_value"))) {
                IndicatorRows.writeDefinitions(indicators, def);
                IndicatorRows.writeValues(indicators, value, Types.REAL, Integer.MAX_VALUE);
            }
            try (Statement st = connection.createStatement()) {
                st.execute(IndicatorColumns.createCodesTable(CODES));
                st.execute(IndicatorColumns.createColumnTable(COLUMNS, "BLOB"));
            }
            try (PreparedStatement codes = connection.prepareStatement(IndicatorColumns.insertCodes(CODES));
                 PreparedStatement columns = connection.prepareStatement(IndicatorColumns.insertColumn(COLUMNS))) {
                IndicatorColumns.write(indicators, IndicatorColumns.codes(dataset), codes, columns);
            }
        });
    }

    private static final String VENUES = "venue";

    private static void writeVenues(GeoPackage gpkg, SpatialReferenceSystem srs, List<Venue> venues)
            throws SQLException, IOException {
        Envelope env = new Envelope();
        venues.forEach(v -> env.expandToInclude(v.point().getEnvelopeInternal()));
        createTable(gpkg, VENUES, srs, env, List.of(
                FeatureColumn.createColumn("family", GeoPackageDataType.TEXT),
                FeatureColumn.createColumn("nom", GeoPackageDataType.TEXT),
                FeatureColumn.createColumn("type", GeoPackageDataType.TEXT),
                FeatureColumn.createColumn("discipline", GeoPackageDataType.TEXT),
                FeatureColumn.createColumn("labels", GeoPackageDataType.TEXT),
                FeatureColumn.createColumn("commune", GeoPackageDataType.TEXT)));
        Connection connection = gpkg.getConnection().getConnection();
        WKBWriter wkb = new WKBWriter();
        inTransaction(connection, () -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + VENUES
                    + " (id, family, nom, type, discipline, labels, commune, geom) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (Venue v : venues) {
                    TerritoryRows.bindVenue(insert, v, blob(srs.getSrsId(), wkb, v.point()));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        });
    }

    private static List<Venue> readVenues(Connection connection, GeometryFactory factory)
            throws SQLException, ParseException {
        List<Venue> venues = new ArrayList<>();
        WKBReader wkb = new WKBReader(factory);
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT id, family, nom, type, discipline, labels, commune, geom FROM "
                     + VENUES + " ORDER BY id")) {
            while (rs.next()) {
                venues.add(TerritoryRows.venue(rs,
                        (Point) wkb.read(wkbOf(rs.getBytes(8)))));
            }
        }
        return venues;
    }

    private static List<IndicatorData> readIndicators(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement()) {
            if (!hasTable(st, "indicator")) {
                return List.of();
            }
            return IndicatorRows.read(st, IndicatorRows.selectDefinitions("indicator", "definition_json"),
                    IndicatorRows.selectValues("indicator_value"));
        }
    }

    /**
     * The indicators of a snapshot whose territories have {@code codes} (level id → codes in row
     * order): from their columns, or from their rows in a file written before the columns were.
     */
    private static Function<Map<String, List<String>>, Indicators> readServedIndicators(Connection connection)
            throws SQLException {
        try (Statement st = connection.createStatement()) {
            if (!hasTable(st, "indicator")) {
                return codes -> new Indicators(List.of(), codes);
            }
            return IndicatorColumns.read(st, hasTable(st, COLUMNS),
                    IndicatorRows.selectDefinitions("indicator", "definition_json"), "indicator_value", CODES, COLUMNS);
        }
    }

    private static boolean hasTable(Statement st, String table) throws SQLException {
        try (ResultSet tables = st.executeQuery(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '" + table + "'")) {
            return tables.next() && tables.getInt(1) > 0;
        }
    }

    private interface SqlWork {
        void run() throws SQLException, IOException;
    }

    private static void inTransaction(Connection connection, SqlWork work) throws SQLException, IOException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            work.run();
            connection.commit();
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private static byte[] blob(long srsId, WKBWriter wkb, Geometry geometry) throws IOException {
        return GeoPackageGeometryData.createFromWkbAndBuildEnvelope(srsId, wkb.write(geometry)).toBytes();
    }

    private static Envelope envelope(List<Territory> territories) {
        Envelope env = new Envelope();
        territories.forEach(t -> env.expandToInclude(t.geometry().getEnvelopeInternal()));
        return env;
    }

    /**
     * Reads every level of a GeoPackage written by {@link #write}. The outlines are most of a
     * server's start: each level's, then each of its bands', and the venues are read on all cores,
     * every task on its own connection (SQLite serves concurrent readers of one file), while this
     * thread reads the indicators; the format and the catalogue are read before, so that a file
     * that cannot be served fails at once. Plain JDBC: opening the file through NGA's GeoPackage
     * (its DAOs) took a tenth of a second before any of it.
     */
    static Content read(Path file, GeometryFactory factory) {
        // first what says whether the file can be served at all, before any outline is read
        record Head(Published published, List<String> tables) {
        }
        Head head = reading(file, connection -> {
            checkFormat(file, connection);
            return new Head(readCatalogue(file, connection), featureTables(connection));
        });
        List<String> tables = head.tables();
        Map<String, List<Territory>> levels = new LinkedHashMap<>();
        Map<String, List<List<Territory>>> bands = new LinkedHashMap<>();
        List<Venue> venues;
        Function<Map<String, List<String>>, Indicators> indicators;
        try (ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors())) {
            Map<String, CompletableFuture<List<Territory>>> full = new LinkedHashMap<>();
            Map<String, List<CompletableFuture<List<Territory>>>> perBand = new LinkedHashMap<>();
            for (String level : levels(tables)) {
                CompletableFuture<List<Territory>> territories = CompletableFuture.supplyAsync(
                        () -> reading(file, c -> readTerritories(c, PREFIX + level, factory)), pool);
                full.put(level, territories);
                perBand.put(level, ZoomBands.ALL.stream()
                        .map(band -> band.tolerance() == 0 ? territories : territories.thenApplyAsync(
                                ts -> reading(file, c -> readBand(c, bandTable(level, band), ts, factory)), pool))
                        .toList());
            }
            CompletableFuture<List<Venue>> venuesRead = tables.contains(VENUES)
                    ? CompletableFuture.supplyAsync(() -> reading(file, c -> readVenues(c, factory)), pool)
                    : CompletableFuture.completedFuture(List.of());
            indicators = reading(file, GeoPackageFormat::readServedIndicators);
            full.forEach((level, f) -> levels.put(level, joined(f)));
            perBand.forEach((level, fs) -> bands.put(level, fs.stream().map(GeoPackageFormat::joined).toList()));
            venues = joined(venuesRead);
        }
        return new Content(head.published(), levels, bands, indicators.apply(MemorySnapshot.codes(levels)), venues);
    }

    private static Published readCatalogue(Path file, Connection connection) throws SQLException {
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT json FROM atlas_catalogue")) {
            if (!rs.next()) {
                throw new StoreException(file + ": no catalogue in atlas_catalogue");
            }
            return Published.fromJson(rs.getString(1), file);
        }
    }

    /** The levels of a file: of its feature tables, each {@code territory_<level>}, not its bands' tables. */
    private static List<String> levels(List<String> tables) {
        return tables.stream().filter(t -> t.startsWith(PREFIX) && !t.matches(".*_z\\d+_\\d+"))
                .map(t -> t.substring(PREFIX.length())).toList();
    }

    /** The feature tables in the order of gpkg_contents, as NGA's {@code getFeatureTables} lists them. */
    private static List<String> featureTables(Connection connection) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT table_name FROM gpkg_contents WHERE data_type = 'features'")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        return tables;
    }

    /** What one reading task reads, on its own connection. */
    private interface Reader<T> {
        T read(Connection connection) throws SQLException, ParseException;
    }

    private static <T> T reading(Path file, Reader<T> reader) {
        // read-only: a file gone meanwhile is an error, not a new empty database
        Properties readOnly = new Properties();
        readOnly.setProperty("open_mode", "1"); // SQLITE_OPEN_READONLY, as sqlite-jdbc's SQLiteConfig writes it
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file, readOnly)) {
            return reader.read(connection);
        } catch (SQLException | ParseException e) {
            throw new StoreException("Could not read " + file + ": " + e.getMessage(), e);
        }
    }

    private static <T> T joined(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof StoreException store ? store : new StoreException(e.getMessage(), e);
        }
    }

    /** The codes and names of every level and the indicators of a file, without reading a geometry. */
    static VersionSummary summary(Path file, long version) {
        return reading(file, connection -> {
            checkFormat(file, connection);
            Map<String, Map<String, String>> territories = new LinkedHashMap<>();
            for (String level : levels(featureTables(connection))) {
                Map<String, String> names = new LinkedHashMap<>();
                try (Statement st = connection.createStatement();
                     ResultSet rs = st.executeQuery("SELECT code, nom FROM \"" + PREFIX + level + "\" ORDER BY code")) {
                    while (rs.next()) {
                        names.put(rs.getString(1), rs.getString(2));
                    }
                }
                territories.put(level, names);
            }
            try {
                return new VersionSummary(version, Files.getLastModifiedTime(file).toInstant(), territories,
                        readIndicators(connection));
            } catch (IOException e) {
                throw new StoreException("Could not read " + file + ": " + e.getMessage(), e);
            }
        });
    }

    /** Throws when the file is of another layout than this server's, saying what to do. */
    static void checkFormat(Path file) {
        reading(file, connection -> {
            checkFormat(file, connection);
            return null;
        });
    }

    private static void checkFormat(Path file, Connection connection) throws SQLException {
        int format = format(connection);
        if (format != FORMAT) {
            throw new StoreException(file + " was written by " + (format < FORMAT ? "an older" : "a newer")
                    + " version of Atlas (store format " + format + "; this server reads format " + FORMAT
                    + "): publish the data again with ./atlas import (or the import job)");
        }
    }

    /** The file's layout version; 1 for the files written before it was recorded. */
    private static int format(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'atlas_format'")) {
            if (!rs.next()) {
                return 1;
            }
        }
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT max(version) FROM atlas_format")) {
            return rs.next() ? rs.getInt(1) : 1;
        }
    }

    private static List<Territory> readTerritories(Connection connection, String table, GeometryFactory factory)
            throws SQLException, ParseException {
        List<Territory> territories = new ArrayList<>();
        Map<String, Map<String, String>> parents = new HashMap<>();
        WKBReader wkb = new WKBReader(factory);
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT id, code, nom, parents, population, label_x, label_y, geom FROM \""
                     + table + "\"")) {
            while (rs.next()) {
                territories.add(TerritoryRows.territory(rs, 1, outline(wkb, rs.getBytes(8)), parents));
            }
        }
        // in code order, sorted here: an ORDER BY sent every row, outline and all, through SQLite's
        // sorter (a tenth of a second for the communes, the longest task of a start). The order
        // the writer sorted them in (Java's); the indicators' columns follow their stored codes
        // whatever this order is (IndicatorColumns.Stored)
        territories.sort(Comparator.comparing(Territory::code));
        return territories;
    }

    private static List<Territory> readBand(Connection connection, String table, List<Territory> territories,
                                            GeometryFactory factory) throws SQLException, ParseException {
        Map<Long, Territory> byId = new HashMap<>();
        territories.forEach(t -> byId.put(t.id(), t));
        List<Territory> band = new ArrayList<>(territories.size());
        WKBReader wkb = new WKBReader(factory);
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT id, geom FROM \"" + table + "\"")) {
            while (rs.next()) {
                Territory t = byId.get(rs.getLong(1));
                band.add(t.withGeometry(outline(wkb, rs.getBytes(2))));
            }
        }
        return band;
    }

    /**
     * An outline read from its blob, with its envelope: computed here, on a reading core while its
     * points are in the CPU's cache, and kept by the geometry for the band's STR-tree built after.
     */
    private static Geometry outline(WKBReader wkb, byte[] blob) throws ParseException {
        Geometry outline = wkb.read(wkbOf(blob));
        outline.getEnvelopeInternal();
        return outline;
    }

    /**
     * The WKB of a GeoPackage geometry blob: what follows its header ("GP", version, flags, SRS id:
     * 8 bytes) and the envelope whose size the flags' bits 1–3 give (GeoPackage 1.3, §2.1.3.1.1).
     * NGA's {@code GeoPackageGeometryData.create(blob)} would first build the whole geometry in its
     * own model, a second parse of every outline (a fifth of a server's start).
     */
    static byte[] wkbOf(byte[] blob) {
        if (blob == null || blob.length < 8 || blob[0] != 'G' || blob[1] != 'P') {
            throw new StoreException("Not a GeoPackage geometry blob");
        }
        if ((blob[3] & 0b10_0000) != 0) {
            throw new StoreException("A GeoPackage extended geometry, which this store never writes");
        }
        int envelope = switch ((blob[3] >> 1) & 0b111) {
            case 0 -> 0;
            case 1 -> 32;
            case 2, 3 -> 48;
            case 4 -> 64;
            default -> throw new StoreException("Invalid GeoPackage envelope indicator in flags " + blob[3]);
        };
        if (8 + envelope >= blob.length) {
            throw new StoreException("A GeoPackage geometry blob without its WKB");
        }
        return Arrays.copyOfRange(blob, 8 + envelope, blob.length);
    }
}
