package fr.culture.atlas.tile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import fr.culture.atlas.pbf.IntList;
import fr.culture.atlas.pbf.ProtobufWriter;

/**
 * Writes a one-layer Mapbox Vector Tile (spec 2.1) straight to protobuf bytes. Features are
 * kept as primitive arrays (tags and geometry commands back to back, with their ends) until
 * {@link #toBytes(int)}, which may leave the smallest ones out, and then only the keys and
 * values that the remaining features use.
 *
 * <p>Territory and venue tiles use it instead of the vector-tile library's {@code MvtEncoder},
 * which a profile of cold commune tiles showed to take half of the rendering time: it wants a JTS
 * geometry and a property map per feature, then builds protobuf-java objects for all of them
 * before serialising (docs/benchmarks.md). Values are written as that library writes them
 * (integers as sint, doubles as double), so the bytes are the same for the same features
 * ({@code TileEncoderTest}, {@code VenueTilesTest}); the library stays to decode, in tests and
 * {@link TileCoverage}.
 *
 * <p>A writer makes one tile and is not shared between threads.
 */
final class MvtWriter {

    /** MVT geometry types. */
    static final int POINT = 1;
    static final int POLYGON = 3;

    private final String layer;
    private final int extent;
    private final Map<String, Integer> keys = new HashMap<>();
    private final List<String> keyList = new ArrayList<>();
    private final Map<Object, Integer> values;
    private final List<Object> valueList = new ArrayList<>();

    /** Every feature's tags (key index, value index pairs), then every feature's geometry commands. */
    private final IntList tags = new IntList();
    private final IntList geometry = new IntList();
    private final IntList point = new IntList();
    private long[] ids = new long[64];
    private int[] types = new int[64];
    private int[] tagEnds = new int[64];
    private int[] geometryEnds = new int[64];
    private double[] areas = new double[64];
    private int count;

    /** @param features how many features are expected, to size the value table once */
    MvtWriter(String layer, int extent, int features) {
        this.layer = layer;
        this.extent = extent;
        // code and name are distinct for most features, plus a value or two of indicators
        this.values = new HashMap<>(Math.max(16, features * 4));
    }

    /** Starts a feature; add its tags with {@link #tag}, then finish it with {@link #endFeature}. */
    void startFeature(long id) {
        if (count == ids.length) {
            ids = Arrays.copyOf(ids, count * 2);
            types = Arrays.copyOf(types, count * 2);
            tagEnds = Arrays.copyOf(tagEnds, count * 2);
            geometryEnds = Arrays.copyOf(geometryEnds, count * 2);
            areas = Arrays.copyOf(areas, count * 2);
        }
        ids[count] = id;
    }

    /**
     * A property of the current feature. Values: String, Long, Integer, Double, Float or Boolean;
     * null writes nothing (MVT has no null: an absent property is how "not available" reads).
     */
    void tag(String key, Object value) {
        if (value == null) {
            return;
        }
        Integer k = keys.get(key);
        if (k == null) {
            k = keyList.size();
            keys.put(key, k);
            keyList.add(key);
        }
        Integer v = values.get(value);
        if (v == null) {
            v = valueList.size();
            values.put(value, v);
            valueList.add(value);
        }
        tags.add(k);
        tags.add(v);
    }

    /**
     * Ends the current feature with its geometry commands (already zig-zag encoded).
     *
     * @param area the feature's area in grid units, for {@link #toBytes(int)} to keep the largest
     */
    void endFeature(int type, IntList commands, double area) {
        geometry.addAll(commands);
        types[count] = type;
        tagEnds[count] = tags.size();
        geometryEnds[count] = geometry.size();
        areas[count] = area;
        count++;
    }

    /** Ends the current feature as one point at grid position ({@code x}, {@code y}). */
    void endPoint(int x, int y) {
        point.clear();
        point.add(9); // MoveTo, one point
        point.add(ProtobufWriter.zigZag(x));
        point.add(ProtobufWriter.zigZag(y));
        endFeature(POINT, point, 0);
    }

    /** Number of tags of the features so far, the current one's included. */
    int tagCount() {
        return tags.size();
    }

    /** Forgets the current feature (started, not ended) and the tags it was given. */
    void cancelFeature() {
        tags.truncate(count == 0 ? 0 : tagEnds[count - 1]);
    }

    /** Number of features written. */
    int features() {
        return count;
    }

    /** The tile with every feature, or an empty array when there is none. */
    byte[] toBytes() {
        return toBytes(Integer.MAX_VALUE);
    }

    /**
     * The tile, holding at most {@code maxFeatures} features (at least one): those of largest
     * area, in the order they were added; an empty array when there is no feature.
     */
    byte[] toBytes(int maxFeatures) {
        if (count == 0) {
            return new byte[0];
        }
        boolean[] kept = kept(maxFeatures);
        // new indexes of the keys and values still used (-1: not written)
        int[] keyIndex = new int[keyList.size()];
        int[] valueIndex = new int[valueList.size()];
        Arrays.fill(keyIndex, -1);
        Arrays.fill(valueIndex, -1);
        int keysUsed = 0;
        int valuesUsed = 0;
        for (int f = 0; f < count; f++) {
            if (kept[f]) {
                for (int t = f == 0 ? 0 : tagEnds[f - 1]; t < tagEnds[f]; t += 2) {
                    if (keyIndex[tags.get(t)] < 0) {
                        keyIndex[tags.get(t)] = keysUsed++;
                    }
                    if (valueIndex[tags.get(t + 1)] < 0) {
                        valueIndex[tags.get(t + 1)] = valuesUsed++;
                    }
                }
            }
        }
        ProtobufWriter body = new ProtobufWriter(4 * (tags.size() + geometry.size()) + 1024);
        ProtobufWriter message = new ProtobufWriter(1024);
        IntList featureTags = new IntList();
        // Layer: name = 1, features = 2, keys = 3, values = 4, extent = 5, version = 15
        body.stringField(1, layer);
        for (int f = 0; f < count; f++) {
            if (!kept[f]) {
                continue;
            }
            featureTags.clear();
            for (int t = f == 0 ? 0 : tagEnds[f - 1]; t < tagEnds[f]; t += 2) {
                featureTags.add(keyIndex[tags.get(t)]);
                featureTags.add(valueIndex[tags.get(t + 1)]);
            }
            // Feature: id = 1, tags = 2 (packed), type = 3, geometry = 4 (packed)
            message.clear();
            message.varintField(1, ids[f]);
            message.packed(2, featureTags, 0, featureTags.size());
            message.varintField(3, types[f]);
            message.packed(4, geometry, f == 0 ? 0 : geometryEnds[f - 1], geometryEnds[f]);
            body.bytesField(2, message);
        }
        for (Object key : renumbered(keyList, keyIndex, keysUsed)) {
            body.stringField(3, (String) key);
        }
        for (Object v : renumbered(valueList, valueIndex, valuesUsed)) {
            message.clear();
            value(message, v);
            body.bytesField(4, message);
        }
        body.varintField(5, extent);
        body.varintField(15, 2);
        ProtobufWriter tile = new ProtobufWriter(body.size() + 8);
        tile.bytesField(3, body); // Tile: layers = 3
        return tile.toByteArray();
    }

    /** The items still used, at their new index ({@code index[i]}, -1 for an item left out). */
    private static Object[] renumbered(List<?> items, int[] index, int used) {
        Object[] out = new Object[used];
        for (int i = 0; i < index.length; i++) {
            if (index[i] >= 0) {
                out[index[i]] = items.get(i);
            }
        }
        return out;
    }

    /** Which features to write: all, or the {@code maxFeatures} of largest area (at least one). */
    private boolean[] kept(int maxFeatures) {
        boolean[] kept = new boolean[count];
        if (maxFeatures >= count) {
            Arrays.fill(kept, true);
            return kept;
        }
        Integer[] byArea = new Integer[count];
        for (int i = 0; i < count; i++) {
            byArea[i] = i;
        }
        Arrays.sort(byArea, (a, b) -> Double.compare(areas[b], areas[a]));
        for (int i = 0; i < Math.max(1, maxFeatures); i++) {
            kept[byArea[i]] = true;
        }
        return kept;
    }

    /** Value: string = 1, float = 2, double = 3, sint = 6, bool = 7. */
    private static void value(ProtobufWriter out, Object v) {
        switch (v) {
            case String s -> out.stringField(1, s);
            case Float f -> out.fixed32Field(2, Float.floatToRawIntBits(f));
            case Double d -> out.fixed64Field(3, Double.doubleToRawLongBits(d));
            case Long l -> out.varintField(6, ProtobufWriter.zigZag(l));
            case Integer i -> out.varintField(6, ProtobufWriter.zigZag((long) i)); // sint64, as the library widens it
            case Boolean b -> out.varintField(7, b ? 1 : 0);
            default -> throw new IllegalArgumentException("Unsupported MVT value type: " + v.getClass().getName());
        }
    }
}
