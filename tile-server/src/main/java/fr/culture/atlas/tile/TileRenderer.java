package fr.culture.atlas.tile;

import java.util.ArrayList;
import java.util.List;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import fr.culture.atlas.geo.ZoomBands;
import fr.culture.atlas.store.Coverage;
import fr.culture.atlas.store.Indicators;
import fr.culture.atlas.store.Snapshot;
import fr.culture.atlas.store.Territory;
import fr.culture.atlas.store.Venue;
import org.locationtech.jts.geom.Envelope;

/**
 * Makes tiles from a snapshot and keeps the hot ones: a Caffeine cache bounded by bytes, one
 * computation per key under concurrent misses, and keys carrying the data version, so that a
 * newly published version never serves an old tile and old entries simply age out.
 */
public final class TileRenderer {

    /**
     * What a tile shows: a level's territories with the values of some indicators.
     *
     * @param level      level id, also the MVT layer name
     * @param indicators indicator ids whose values the features carry (may be empty)
     * @param layout     id of the composite view ({@link Layouts}), or null for real positions
     */
    public record Content(String level, List<String> indicators, String layout) {

        /** At real positions. */
        public Content(String level, List<String> indicators) {
            this(level, indicators, null);
        }
    }

    /** Told of every tile asked for, on the request thread: must be cheap (metrics). */
    @FunctionalInterface
    public interface Listener {
        Listener NONE = (content, coord, nanos, tile) -> { };

        /** {@code nanos}: time taken to get the tile, from the cache or made now. */
        void served(Content content, TileCoord coord, long nanos, Tile tile);
    }

    private record Key(long version, Content content, TileCoord coord) {
    }

    /** The level id of the venues tileset: its layers are venue families, not territories. */
    public static final String VENUES = "equipements";

    /**
     * Suffix of the property that marks a partial value ({@code depenses_culture_hab_partiel}): a
     * value computed from members of which some had no data carries the share of the members'
     * population it counts (0 to 1; the share of members when no population is known), so that a
     * style can hatch or fade it. Absent on whole values.
     */
    public static final String PARTIAL = "_partiel";

    private final Cache<Key, Tile> cache;
    private final TileEncoder encoder = new TileEncoder();
    private final VenueTiles venues;
    private final Listener listener;
    private final Layouts layouts;

    public TileRenderer(long maxBytes, int clusterBelowZoom) {
        this(maxBytes, clusterBelowZoom, Listener.NONE, new Layouts());
    }

    public TileRenderer(long maxBytes, int clusterBelowZoom, Listener listener, Layouts layouts) {
        this.venues = new VenueTiles(clusterBelowZoom);
        this.listener = listener;
        this.layouts = layouts;
        this.cache = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((Key k, Tile t) -> t.weight())
                .recordStats()
                .build();
    }

    /** A tile and whether it came from the cache ({@code false}: made for this request). */
    public record Served(Tile tile, boolean cached) {
    }

    /** The tile, from the cache or made now (once, however many requests ask for it at the same time). */
    public Tile tile(Snapshot snapshot, Content content, TileCoord coord) {
        return serve(snapshot, content, coord).tile();
    }

    /** As {@link #tile}, saying whether the cache had it (a request that waited for another's computation counts as cached). */
    public Served serve(Snapshot snapshot, Content content, TileCoord coord) {
        long start = System.nanoTime();
        boolean[] made = {false};
        Tile tile = cache.get(new Key(snapshot.version(), content, coord), k -> {
            made[0] = true;
            return render(snapshot, content, coord);
        });
        listener.served(content, coord, System.nanoTime() - start, tile);
        return new Served(tile, !made[0]);
    }

    /** The composite views this renderer draws. */
    public Layouts layouts() {
        return layouts;
    }

    public Cache<?, Tile> cache() {
        return cache;
    }

    private Tile render(Snapshot snapshot, Content content, TileCoord coord) {
        Layout layout = content.layout() == null ? null
                : layouts.get(snapshot, content.layout()).orElseThrow(() -> new IllegalArgumentException(
                        "Unknown layout '" + content.layout() + "'; layouts: " + Layouts.ids(snapshot)));
        if (content.level().equals(VENUES)) {
            return Tile.of(snapshot.version(), venues.encode(coord, layout == null
                    ? snapshot.venues(TileEncoder.buffered(coord)) : compositeVenues(snapshot, layout, coord)));
        }
        List<Territory> territories;
        List<Envelope> frames = null;
        if (layout == null) {
            territories = snapshot.territories(content.level(), ZoomBands.of(coord.z()).index(),
                    TileEncoder.buffered(coord));
        } else {
            territories = new ArrayList<>();
            frames = new ArrayList<>();
            composite(snapshot, content.level(), layout, coord, territories, frames);
        }
        Indicators indicators = snapshot.indicators();
        List<String> ids = new ArrayList<>();
        List<Object[]> columns = new ArrayList<>();
        List<Coverage[]> coverages = new ArrayList<>();
        List<Boolean> stocks = new ArrayList<>();
        for (String id : content.indicators()) {
            Object[] column = indicators.column(id, content.level());
            if (column != null) {
                ids.add(id);
                columns.add(column);
                coverages.add(indicators.coverage(id, content.level()));
                // counts and amounts are drawn as proportional symbols, on the label points
                stocks.add(indicators.get(id).map(d -> d.def().kind().stock()).orElse(false));
            }
        }
        TileEncoder.Properties values = columns.isEmpty() ? TileEncoder.Properties.NONE : (t, properties) -> {
            int row = indicators.row(content.level(), t.code());
            if (row < 0) {
                return;
            }
            for (int i = 0; i < columns.size(); i++) {
                Object value = columns.get(i)[row];
                if (value != null) { // "not available" is an absent property, never 0
                    properties.put(ids.get(i), value);
                    Coverage coverage = coverages.get(i) == null ? null : coverages.get(i)[row];
                    if (coverage != null && coverage.partial()) {
                        properties.put(ids.get(i) + PARTIAL, partialShare(coverage));
                    }
                }
            }
        };
        TileEncoder.Properties symbols = !stocks.contains(true) ? TileEncoder.Properties.NONE : (t, properties) -> {
            int row = indicators.row(content.level(), t.code());
            if (row < 0) {
                return;
            }
            for (int i = 0; i < columns.size(); i++) {
                // a symbol of zero is no symbol: zeros stay on the polygons only
                if (stocks.get(i) && columns.get(i)[row] instanceof Number n && n.doubleValue() != 0) {
                    properties.put(ids.get(i), n);
                }
            }
        };
        return Tile.of(snapshot.version(),
                encoder.encode(coord, content.level(), territories, frames, values, symbols));
    }

    /** What a partial value counts, rounded to the percent: a tile carries no more precision than a map shows. */
    static double partialShare(Coverage coverage) {
        double share = coverage.population() != null ? coverage.population()
                : coverage.members() == 0 ? 0 : (double) coverage.counted() / coverage.members();
        return Math.round(share * 100) / 100.0;
    }

    /** The venues of a composite view's tile: those of the frame, and each inset's moved into its box. */
    private static List<Venue> compositeVenues(Snapshot snapshot, Layout layout, TileCoord coord) {
        Envelope buffered = TileEncoder.buffered(coord);
        List<Venue> found = new ArrayList<>();
        Envelope inFrame = buffered.intersection(layout.frame());
        if (!inFrame.isNull()) {
            found.addAll(snapshot.venues(inFrame));
        }
        for (Layout.Inset inset : layout.insets()) {
            Envelope query = inset.realPart(buffered);
            if (query.isNull()) {
                continue;
            }
            for (Venue v : snapshot.venues(query)) {
                found.add(new Venue(v.id(), v.family(), v.name(), v.type(), v.discipline(), v.labels(), v.commune(),
                        inset.toComposite(v.point())));
            }
        }
        return found;
    }

    /**
     * The territories of a composite view's tile, each with the frame that maps it into the tile:
     * those of the frame where they are, and those of each inset whose box the tile meets, read at
     * their real position (with the detail of the zoom they are drawn at) in the tile's real frame.
     */
    private static void composite(Snapshot snapshot, String level, Layout layout, TileCoord coord,
                                  List<Territory> territories, List<Envelope> frames) {
        Envelope tile = coord.envelope();
        Envelope buffered = TileEncoder.buffered(coord);
        Envelope inFrame = buffered.intersection(layout.frame());
        if (!inFrame.isNull()) {
            for (Territory t : snapshot.territories(level, ZoomBands.of(coord.z()).index(), inFrame)) {
                if (layout.frame().intersects(t.geometry().getEnvelopeInternal())) {
                    territories.add(t);
                    frames.add(tile);
                }
            }
        }
        for (Layout.Inset inset : layout.insets()) {
            Envelope query = inset.realPart(buffered);
            if (query.isNull()) {
                continue;
            }
            Envelope frame = inset.toReal(tile);
            for (Territory t : snapshot.territories(level, ZoomBands.of(inset.zoom(coord.z())).index(), query)) {
                territories.add(t);
                frames.add(frame);
            }
        }
    }
}
