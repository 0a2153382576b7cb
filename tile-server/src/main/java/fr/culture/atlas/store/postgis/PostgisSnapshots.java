package fr.culture.atlas.store.postgis;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

import fr.culture.atlas.geo.ZoomBands;
import fr.culture.atlas.store.IndicatorColumns;
import fr.culture.atlas.store.IndicatorRows;
import fr.culture.atlas.store.Indicators;
import fr.culture.atlas.store.MemorySnapshot;
import fr.culture.atlas.store.Published;
import fr.culture.atlas.store.StoreException;
import fr.culture.atlas.store.Territory;
import fr.culture.atlas.store.TerritoryRows;
import fr.culture.atlas.store.Venue;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.postgresql.PGStatement;

/**
 * A version of PostGIS read into memory when it becomes current, as the embedded store reads its
 * file: attributes, values, every band's outlines and the venues, served from a
 * {@link MemorySnapshot}. Asking the database for each tile's outlines was measured at its best at
 * about 2× the martin-equivalent query against 4.4× for the same tiles from memory: a z8–z12
 * commune tile brought 125 KB of WKB on average, and receiving and decoding it cost more than
 * clipping and encoding the tile (TWKB, binary transfer and an outline cache were tried,
 * docs/benchmarks.md). In memory, a tile never waits for the database, so tiles keep being made
 * while it is down; the database is asked only for the version pointer and a new version. The
 * outlines of the full data are about 170 MB of WKB, ~10 million points held in packed arrays.
 */
final class PostgisSnapshots {

    /** Rows of outlines decoded per task: large enough that the hand-over costs nothing. */
    private static final int BATCH = 2_000;

    private PostgisSnapshots() {
    }

    /** Reads version {@code version} from {@code schema} on connection {@code c}. */
    static MemorySnapshot load(long version, String schema, Connection c, GeometryFactory factory) throws SQLException {
        Published published;
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT json FROM " + schema + ".catalogue")) {
            if (!rs.next()) {
                // the database answers: an unreadable version, not an outage
                throw new StoreException(schema + ".catalogue is empty: publish the data again with ./atlas import");
            }
            published = Published.fromJson(rs.getString(1), Path.of(schema + ".catalogue"));
        }
        Map<String, List<Territory>> attributes = new LinkedHashMap<>();
        Map<String, Map<String, String>> parents = new HashMap<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT level, id, code, nom, parents::text, population, label_x, label_y FROM "
                     + schema + ".territory ORDER BY level, code")) {
            while (rs.next()) {
                attributes.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(TerritoryRows.territory(rs, 2, null, parents));
            }
        }
        Indicators indicators = readIndicators(c, schema, MemorySnapshot.codes(attributes));
        Map<String, List<List<Territory>>> bands = readOutlines(c, schema, attributes, factory);
        // a level's territories carry their finest outline, as the embedded store's do
        Map<String, List<Territory>> territories = new LinkedHashMap<>();
        int finest = ZoomBands.finest().index();
        bands.forEach((level, perBand) -> {
            Map<Long, Geometry> outlines = new HashMap<>();
            perBand.get(finest).forEach(t -> outlines.put(t.id(), t.geometry()));
            territories.put(level, attributes.get(level).stream()
                    .map(t -> outlines.containsKey(t.id()) ? t.withGeometry(outlines.get(t.id())) : t).toList());
        });
        return new MemorySnapshot(version, published, territories, bands, indicators, readVenues(c, schema, factory));
    }

    /** From their columns, or from their rows in a version published before the columns were. */
    private static Indicators readIndicators(Connection c, String schema, Map<String, List<String>> codes)
            throws SQLException {
        try (Statement st = c.createStatement()) {
            boolean columns;
            try (ResultSet rs = st.executeQuery("SELECT to_regclass('" + schema + ".indicator_column') IS NOT NULL")) {
                columns = rs.next() && rs.getBoolean(1);
            }
            return IndicatorColumns.read(st, columns,
                    IndicatorRows.selectDefinitions(schema + ".indicator", "definition_json::text"),
                    schema + ".indicator_value", schema + ".indicator_codes", schema + ".indicator_column").apply(codes);
        }
    }

    /** One chunk of a band's rows, decoded on another core while the next chunk is received. */
    private record Chunk(String level, int band, List<Territory> territories) {
    }

    /**
     * Every outline in one query, received in binary (bytea as bytes, not hex text) through a
     * cursor, and decoded in chunks on all cores while the rest arrives.
     */
    private static Map<String, List<List<Territory>>> readOutlines(Connection c, String schema,
                                                                   Map<String, List<Territory>> attributes,
                                                                   GeometryFactory factory) throws SQLException {
        Map<String, Map<Long, Territory>> byId = new HashMap<>();
        attributes.forEach((level, list) -> {
            Map<Long, Territory> ids = new HashMap<>(list.size() * 2);
            list.forEach(t -> ids.put(t.id(), t));
            byId.put(level, ids);
        });
        List<CompletableFuture<Chunk>> chunks = new ArrayList<>();
        int cores = Runtime.getRuntime().availableProcessors();
        // the undecoded chunks a slow decoder lets pile up: the reading waits rather than holding
        // all 170 MB of WKB beside the version being served
        Semaphore inFlight = new Semaphore(2 * cores);
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false); // a cursor (the fetch size) needs a transaction
        boolean read = false;
        try (ExecutorService decoders = Executors.newFixedThreadPool(cores);
             PreparedStatement st = c.prepareStatement("SELECT level, band, id, ST_AsBinary(geom) FROM " + schema
                     + ".territory_geom")) {
            st.unwrap(PGStatement.class).setPrepareThreshold(-1); // binary transfer from the first execution
            st.setFetchSize(BATCH);
            try (ResultSet rs = st.executeQuery()) {
                String level = null;
                int band = -1;
                List<Long> ids = new ArrayList<>(BATCH);
                List<byte[]> wkbs = new ArrayList<>(BATCH);
                while (rs.next()) {
                    String l = rs.getString(1);
                    int b = rs.getInt(2);
                    if (!ids.isEmpty() && (ids.size() == BATCH || b != band || !l.equals(level))) {
                        chunks.add(decode(level, band, ids, wkbs, byId.get(level), factory, decoders, inFlight));
                        ids = new ArrayList<>(BATCH);
                        wkbs = new ArrayList<>(BATCH);
                    }
                    level = l;
                    band = b;
                    ids.add(rs.getLong(3));
                    wkbs.add(rs.getBytes(4));
                }
                if (!ids.isEmpty()) {
                    chunks.add(decode(level, band, ids, wkbs, byId.get(level), factory, decoders, inFlight));
                }
            }
            read = true;
        } finally {
            // a failed read rolls back (nothing was written either way) without hiding its own error
            try {
                if (read) {
                    c.commit();
                } else {
                    c.rollback();
                }
                c.setAutoCommit(autoCommit);
            } catch (SQLException e) {
                if (read) {
                    throw e;
                }
            }
        }
        Map<String, List<List<Territory>>> bands = new LinkedHashMap<>();
        attributes.keySet().forEach(level -> {
            List<List<Territory>> perBand = new ArrayList<>();
            for (int b = 0; b < ZoomBands.ALL.size(); b++) {
                perBand.add(new ArrayList<>());
            }
            bands.put(level, perBand);
        });
        for (CompletableFuture<Chunk> future : chunks) {
            Chunk chunk;
            try {
                chunk = future.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof StoreException store ? store : new StoreException(e.getMessage(), e);
            }
            List<List<Territory>> perBand = bands.get(chunk.level());
            if (perBand == null || chunk.band() < 0 || chunk.band() >= perBand.size()) {
                throw new StoreException(schema + ".territory_geom has outlines of level " + chunk.level() + " band "
                        + chunk.band() + ", which this version's territories and zoom bands do not have");
            }
            perBand.get(chunk.band()).addAll(chunk.territories());
        }
        return bands;
    }

    private static CompletableFuture<Chunk> decode(String level, int band, List<Long> ids, List<byte[]> wkbs,
                                                   Map<Long, Territory> byId, GeometryFactory factory,
                                                   ExecutorService decoders, Semaphore inFlight) {
        inFlight.acquireUninterruptibly();
        return CompletableFuture.supplyAsync(() -> {
            try {
                return decoded(level, band, ids, wkbs, byId, factory);
            } finally {
                inFlight.release();
            }
        }, decoders);
    }

    private static Chunk decoded(String level, int band, List<Long> ids, List<byte[]> wkbs,
                                 Map<Long, Territory> byId, GeometryFactory factory) {
        WKBReader reader = new WKBReader(factory);
        List<Territory> territories = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            Territory t = byId == null ? null : byId.get(ids.get(i));
            if (t == null) {
                throw new StoreException("An outline of level " + level + " for territory id " + ids.get(i)
                        + ", which the version's territories do not have");
            }
            try {
                Geometry outline = reader.read(wkbs.get(i));
                outline.getEnvelopeInternal(); // kept by the geometry for the band's STR-tree, computed on this core
                territories.add(t.withGeometry(outline));
            } catch (ParseException e) {
                throw new StoreException("Unreadable outline of territory " + t.code() + " (" + level + "): "
                        + e.getMessage(), e);
            }
        }
        return new Chunk(level, band, territories);
    }

    private static List<Venue> readVenues(Connection c, String schema, GeometryFactory factory) throws SQLException {
        List<Venue> venues = new ArrayList<>();
        WKBReader wkb = new WKBReader(factory);
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT id, family, nom, type, discipline, labels::text, commune, "
                     + "ST_AsBinary(geom) FROM " + schema + ".venue ORDER BY id")) {
            while (rs.next()) {
                venues.add(TerritoryRows.venue(rs, (Point) wkb.read(rs.getBytes(8))));
            }
        } catch (ParseException e) {
            throw new StoreException("Unreadable venue point in " + schema + ".venue: " + e.getMessage(), e);
        }
        return venues;
    }
}
