package fr.culture.atlas.tile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import fr.culture.atlas.store.Territory;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.MvtEncoder;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.IUserDataConverter;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.model.JtsLayer;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.model.JtsMvt;
import io.github.sebasbaumh.mapbox.vectortile.build.MvtLayerParams;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;

/**
 * Clips territories to a tile (with a buffer, so that strokes do not stop at tile edges),
 * quantises them to the 4096 extent and encodes one Mapbox Vector Tile layer.
 */
public final class TileEncoder {

    /** Tile extent in pixels of the integer grid. */
    public static final int EXTENT = 4096;
    /** Buffer around the tile, in grid pixels (as in ST_AsMVTGeom's default). */
    public static final int BUFFER = 64;

    private static final MvtLayerParams PARAMS = new MvtLayerParams(EXTENT);
    /** Writes the "id" entry as the feature id only (the library's converter also repeats it as a tag). */
    static final IUserDataConverter PROPERTIES = (userData, props, feature) -> {
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) userData;
        map.forEach((key, value) -> {
            if ("id".equals(key)) {
                feature.setId(((Number) value).longValue());
            } else {
                int k = props.addKey(key);
                int v = props.addValue(value);
                if (v >= 0) { // values of unsupported types are not written
                    feature.addTags(k).addTags(v);
                }
            }
        });
    };

    /** Adds a feature's own properties (indicator values) after {@code code} and {@code nom}. */
    @FunctionalInterface
    public interface Properties {
        Properties NONE = (t, p) -> { };

        void add(Territory territory, Map<String, Object> properties);
    }

    private final GeometryFactory factory = new GeometryFactory();
    private final TileGeometry tileGeometry = new TileGeometry(factory);

    /** Largest tile served: 250 KB keeps a tile quick to fetch and draw on a phone. */
    public static final int MAX_BYTES = 250 * 1024;

    /** Encodes territories with {@code code} and {@code nom} only. */
    public byte[] encode(TileCoord tile, String layer, List<Territory> territories) {
        return encode(tile, layer, territories, Properties.NONE);
    }

    /**
     * Encodes the territories as layer {@code layer} of tile {@code tile}, in id order so that
     * the same data always gives the same bytes. A tile over {@link #MAX_BYTES} (a small level
     * forced at a low zoom: thousands of communes of a few pixels each) drops its smallest
     * features until it fits, as tippecanoe's drop-smallest does: the larger ones stay exact.
     *
     * @return the encoded tile, or an empty array when no territory has geometry in the tile
     */
    public byte[] encode(TileCoord tile, String layer, List<Territory> territories, Properties extra) {
        Envelope tileEnvelope = tile.envelope();
        Envelope clip = tile.envelope((double) BUFFER / EXTENT);
        List<Territory> sorted = new ArrayList<>(territories);
        sorted.sort(Comparator.comparingLong(Territory::id));
        List<Geometry> geometries = new ArrayList<>(sorted.size());
        for (Territory t : sorted) {
            Geometry geom = tileGeometry.polygons(t.geometry(), tileEnvelope, clip, EXTENT);
            if (geom == null) {
                continue;
            }
            Map<String, Object> properties = new LinkedHashMap<>();
            properties.put("id", t.id());
            properties.put("code", t.code());
            properties.put("nom", t.name());
            extra.add(t, properties);
            geom.setUserData(properties);
            geometries.add(geom);
        }
        if (geometries.isEmpty()) {
            return new byte[0];
        }
        byte[] bytes = MvtEncoder.encode(new JtsMvt(new JtsLayer(layer, geometries, EXTENT)), PARAMS, PROPERTIES);
        for (int attempt = 0; bytes.length > MAX_BYTES && attempt < 8; attempt++) {
            geometries = dropSmallest(geometries, (double) MAX_BYTES / bytes.length * 0.9);
            bytes = MvtEncoder.encode(new JtsMvt(new JtsLayer(layer, geometries, EXTENT)), PARAMS, PROPERTIES);
        }
        return bytes;
    }

    /** Keeps the largest {@code share} of the features, in their original order. */
    private static List<Geometry> dropSmallest(List<Geometry> geometries, double share) {
        int keep = Math.max(1, (int) (geometries.size() * share));
        List<Geometry> byArea = new ArrayList<>(geometries);
        byArea.sort(Comparator.comparingDouble(Geometry::getArea).reversed());
        java.util.Set<Geometry> kept = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        kept.addAll(byArea.subList(0, keep));
        return geometries.stream().filter(kept::contains).toList();
    }
}
