package fr.culture.atlas.tile;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import fr.culture.atlas.store.Snapshot;
import fr.culture.atlas.store.Venue;
import org.locationtech.jts.geom.Envelope;

/**
 * The venues tile: one point layer per family. Below {@code clusterBelowZoom} the venues of
 * each cell of a grid (16 screen pixels) become one cluster feature at their mean position,
 * with {@code count} and the dominant {@code discipline}; from that zoom on, single venues
 * with their name, type, discipline and labels.
 */
public final class VenueTiles implements TileSource {

    /** Cluster cell, in tile grid units (256 of 4096: 16 pixels of a 256-pixel tile). */
    private static final int CELL = 256;

    private final int clusterBelowZoom;

    public VenueTiles(int clusterBelowZoom) {
        this.clusterBelowZoom = clusterBelowZoom;
    }

    public int clusterBelowZoom() {
        return clusterBelowZoom;
    }

    @Override
    public Tile render(Snapshot snapshot, TileRenderer.Content content, Layout layout, TileCoord coord) {
        return Tile.of(snapshot.version(), encode(coord, layout == null
                ? snapshot.venues(TileEncoder.buffered(coord)) : compositeVenues(snapshot, layout, coord)));
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

    /** Encodes the venues of the tile, families in name order; an empty array when there are none. */
    public byte[] encode(TileCoord tile, List<Venue> venues) {
        Grid grid = new Grid(tile.envelope(), TileEncoder.buffered(tile));
        Map<String, List<Venue>> byFamily = new TreeMap<>();
        venues.forEach(v -> byFamily.computeIfAbsent(v.family(), k -> new ArrayList<>()).add(v));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byFamily.forEach((family, list) -> {
            MvtWriter layer = new MvtWriter(family, TileEncoder.EXTENT, list.size());
            if (tile.z() < clusterBelowZoom) {
                clusters(list, grid, layer);
            } else {
                singles(list, grid, layer);
            }
            // a tile is a sequence of layer fields: one-layer tiles put end to end make one tile
            out.writeBytes(layer.toBytes());
        });
        return out.toByteArray();
    }

    /** Where points fall on the tile's grid; points outside the buffered tile are not written. */
    private record Grid(Envelope tile, Envelope clip) {

        /** Ends the current feature at the point, or cancels it when the point is outside. */
        void point(MvtWriter layer, double x, double y) {
            if (!clip.contains(x, y)) {
                layer.cancelFeature();
                return;
            }
            double scale = TileEncoder.EXTENT / tile.getWidth();
            layer.endPoint((int) Math.round((x - tile.getMinX()) * scale), (int) Math.round((tile.getMaxY() - y) * scale));
        }
    }

    private static void singles(List<Venue> venues, Grid grid, MvtWriter layer) {
        venues.stream().sorted(Comparator.comparingLong(Venue::id)).forEach(v -> {
            layer.startFeature(v.id());
            layer.tag("nom", v.name());
            layer.tag("type", v.type());
            layer.tag("discipline", v.discipline());
            if (!v.labels().isEmpty()) {
                layer.tag("labels", String.join(" ; ", v.labels()));
            }
            layer.tag("commune", v.commune());
            grid.point(layer, v.point().getX(), v.point().getY());
        });
    }

    /** The most frequent discipline; on a tie, the first in alphabetical order, so tiles are stable. */
    private static String dominant(Map<String, Integer> disciplines) {
        String best = "";
        int most = 0;
        for (Map.Entry<String, Integer> e : new TreeMap<>(disciplines).entrySet()) {
            if (e.getValue() > most) {
                best = e.getKey();
                most = e.getValue();
            }
        }
        return best;
    }

    private static void clusters(List<Venue> venues, Grid grid, MvtWriter layer) {
        Envelope tile = grid.tile();
        double cell = tile.getWidth() * CELL / TileEncoder.EXTENT;
        Map<Long, List<Venue>> cells = new TreeMap<>();
        for (Venue v : venues) {
            long col = (long) Math.floor((v.point().getX() - tile.getMinX()) / cell);
            long row = (long) Math.floor((tile.getMaxY() - v.point().getY()) / cell);
            cells.computeIfAbsent((row + 64) * 1024 + col + 64, k -> new ArrayList<>()).add(v);
        }
        cells.forEach((key, members) -> {
            double x = 0;
            double y = 0;
            Map<String, Integer> disciplines = new HashMap<>();
            for (Venue v : members) {
                x += v.point().getX();
                y += v.point().getY();
                disciplines.merge(v.discipline(), 1, Integer::sum);
            }
            layer.startFeature(key);
            layer.tag("count", (long) members.size());
            layer.tag("discipline", dominant(disciplines));
            grid.point(layer, x / members.size(), y / members.size());
        });
    }
}
