package fr.culture.atlas.tile;

import java.util.ArrayList;
import java.util.List;

import fr.culture.atlas.geo.ZoomBands;
import fr.culture.atlas.store.Coverage;
import fr.culture.atlas.store.Indicators;
import fr.culture.atlas.store.Snapshot;
import fr.culture.atlas.store.Territory;
import org.locationtech.jts.geom.Envelope;

/**
 * Territory tiles: a level's territories of the tile (at the detail of the zoom's band; in a
 * composite view, the frame's and each inset's), with the values of the content's indicators on
 * the polygons, counts and amounts again on the label points for proportional symbols, and the
 * {@link TileRenderer#PARTIAL} share of partial values.
 */
final class TerritoryTiles implements TileSource {

    private final TileEncoder encoder = new TileEncoder();

    @Override
    public Tile render(Snapshot snapshot, TileRenderer.Content content, Layout layout, TileCoord coord) {
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
                        properties.put(ids.get(i) + TileRenderer.PARTIAL, partialShare(coverage));
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
