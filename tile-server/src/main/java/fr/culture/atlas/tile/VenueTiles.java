package fr.culture.atlas.tile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import fr.culture.atlas.store.Snapshot;
import fr.culture.atlas.store.Venue;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.IUserDataConverter;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.JtsAdapter;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.MvtEncoder;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.model.JtsLayer;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.model.JtsMvt;
import io.github.sebasbaumh.mapbox.vectortile.build.MvtLayerParams;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;

/**
 * The venues tile: one point layer per family. Below {@code clusterBelowZoom} the venues of
 * each cell of a grid (16 screen pixels) become one cluster feature at their mean position,
 * with {@code count} and the dominant {@code discipline}; from that zoom on, single venues
 * with their name, type, discipline and labels.
 */
public final class VenueTiles implements TileSource {

    /** Cluster cell, in tile grid units (256 of 4096: 16 pixels of a 256-pixel tile). */
    private static final int CELL = 256;
    private static final MvtLayerParams PARAMS = new MvtLayerParams(TileEncoder.EXTENT);
    /** Writes the "id" entry as the feature id only (the library's converter also repeats it as a tag). */
    private static final IUserDataConverter PROPERTIES = (userData, props, feature) -> {
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) userData;
        map.forEach((key, value) -> {
            if ("id".equals(key)) {
                feature.setId(((Number) value).longValue());
            } else {
                int k = props.addKey(key);
                int v = props.addValue(value);
                if (v >= 0) { // values of unsupported types (null) are not written
                    feature.addTags(k).addTags(v);
                }
            }
        });
    };

    private final int clusterBelowZoom;
    private final GeometryFactory factory = new GeometryFactory();

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
        Envelope tileEnvelope = tile.envelope();
        Envelope clip = tile.envelope((double) TileEncoder.BUFFER / TileEncoder.EXTENT);
        Map<String, List<Venue>> byFamily = new TreeMap<>();
        venues.forEach(v -> byFamily.computeIfAbsent(v.family(), k -> new ArrayList<>()).add(v));
        List<JtsLayer> layers = new ArrayList<>();
        byFamily.forEach((family, list) -> {
            List<Geometry> features = tile.z() < clusterBelowZoom ? clusters(list, tileEnvelope) : singles(list);
            List<Geometry> encoded = new ArrayList<>();
            for (Geometry g : features) {
                Geometry t = JtsAdapter.createTileGeom(g, tileEnvelope, clip, factory, PARAMS, null);
                if (t != null && !t.isEmpty()) {
                    t.setUserData(g.getUserData());
                    encoded.add(t);
                }
            }
            if (!encoded.isEmpty()) {
                layers.add(new JtsLayer(family, encoded, TileEncoder.EXTENT));
            }
        });
        return layers.isEmpty() ? new byte[0] : MvtEncoder.encode(new JtsMvt(layers), PARAMS, PROPERTIES);
    }

    private List<Geometry> singles(List<Venue> venues) {
        List<Geometry> points = new ArrayList<>(venues.size());
        venues.stream().sorted(Comparator.comparingLong(Venue::id)).forEach(v -> {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("id", v.id());
            p.put("nom", v.name());
            p.put("type", v.type());
            p.put("discipline", v.discipline());
            if (!v.labels().isEmpty()) {
                p.put("labels", String.join(" ; ", v.labels()));
            }
            p.put("commune", v.commune());
            Geometry point = v.point().copy();
            point.setUserData(p);
            points.add(point);
        });
        return points;
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

    private List<Geometry> clusters(List<Venue> venues, Envelope tile) {
        double cell = tile.getWidth() * CELL / TileEncoder.EXTENT;
        Map<Long, List<Venue>> cells = new TreeMap<>();
        for (Venue v : venues) {
            long col = (long) Math.floor((v.point().getX() - tile.getMinX()) / cell);
            long row = (long) Math.floor((tile.getMaxY() - v.point().getY()) / cell);
            cells.computeIfAbsent((row + 64) * 1024 + col + 64, k -> new ArrayList<>()).add(v);
        }
        List<Geometry> clusters = new ArrayList<>(cells.size());
        cells.forEach((key, members) -> {
            double x = 0;
            double y = 0;
            Map<String, Integer> disciplines = new HashMap<>();
            for (Venue v : members) {
                x += v.point().getX();
                y += v.point().getY();
                disciplines.merge(v.discipline(), 1, Integer::sum);
            }
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("id", key);
            p.put("count", (long) members.size());
            p.put("discipline", dominant(disciplines));
            Geometry point = factory.createPoint(new Coordinate(x / members.size(), y / members.size()));
            point.setUserData(p);
            clusters.add(point);
        });
        return clusters;
    }
}
