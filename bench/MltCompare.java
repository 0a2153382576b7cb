import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.MvtReader;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.TagKeyValueMapConverter;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.model.JtsLayer;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.maplibre.mlt.converter.ConversionConfig;
import org.maplibre.mlt.converter.MltConverter;
import org.maplibre.mlt.converter.mvt.MapboxVectorTile;
import org.maplibre.mlt.data.Feature;
import org.maplibre.mlt.data.Layer;
import org.maplibre.mlt.decoder.MltDecoder;
import org.maplibre.mlt.metadata.tileset.MltMetadata;

/**
 * Our tiles as MapLibre Tiles (issue 15): each {@code .mvt} of a directory, exactly as the server
 * sent it, converted with MapLibre's Java encoder (org.maplibre:mlt) and written beside it as
 * {@code .mlt}; bytes raw and gzipped, encode time, and a check that the MLT decodes to the same
 * layers and feature counts. Run by {@code ./atlas mlt}, not part of the server: its dependencies
 * (Guava, protobuf 4…) stay out of the build until MLT is worth serving. The encoder's own MVT
 * reader needs no.ecc.vectortile:java-vector-tile, which is not on Maven Central: the tiles are
 * read here with the vector-tile library the server already uses, into the encoder's records.
 *
 * <p>Usage: {@code java -cp 'libs/*' bench/MltCompare.java DIR}
 */
public class MltCompare {

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        List<Path> tiles;
        try (Stream<Path> files = Files.list(dir)) {
            tiles = files.filter(p -> p.toString().endsWith(".mvt")).sorted().toList();
        }
        // encoder options: ids kept (the style promotes them), no FastPFOR or FSST (the safe
        // defaults), no sorting or id regeneration (draw order and feature-state stay as served)
        ConversionConfig config = ConversionConfig.builder().includeIds(true).useFastPFOR(false).useFSST(false)
                .coercePropertyValues(true).optimizations(Map.of()).build();
        for (int pass = 0; pass < 2; pass++) { // the first pass warms the JIT up; the second is timed
            long mvtRaw = 0, mltRaw = 0, mvtGzip = 0, mltGzip = 0, encodeNanos = 0;
            int features = 0;
            for (Path tile : tiles) {
                byte[] mvt = Files.readAllBytes(tile);
                long start = System.nanoTime();
                MapboxVectorTile decoded = read(mvt);
                MltMetadata.TileSetMetadata metadata = MltConverter.createTilesetMetadata(decoded, Map.of(), true, true, false);
                byte[] mlt = MltConverter.convertMvt(decoded, metadata, config, null);
                encodeNanos += System.nanoTime() - start;
                // the same layers and features, read back by the library's decoder
                var back = MltDecoder.decodeMlTile(mlt);
                for (Layer layer : decoded.layers()) {
                    if (layer.features().isEmpty()) {
                        continue;
                    }
                    int n = back.layers().stream().filter(l -> l.name().equals(layer.name()))
                            .mapToInt(l -> l.features().size()).sum();
                    if (n != layer.features().size()) {
                        throw new IllegalStateException(tile + ": layer " + layer.name() + " has "
                                + layer.features().size() + " features in MVT, " + n + " in MLT");
                    }
                    features += n;
                }
                mvtRaw += mvt.length;
                mltRaw += mlt.length;
                mvtGzip += gzip(mvt).length;
                mltGzip += gzip(mlt).length;
                if (pass == 1) {
                    Files.write(dir.resolve(tile.getFileName().toString().replace(".mvt", ".mlt")), mlt);
                }
            }
            if (pass == 1) {
                System.out.printf("tiles %d, features %d (same in MLT)%n", tiles.size(), features);
                System.out.printf("raw     MVT %9d bytes  MLT %9d bytes  MLT/MVT %.2f%n", mvtRaw, mltRaw, (double) mltRaw / mvtRaw);
                System.out.printf("gzipped MVT %9d bytes  MLT %9d bytes  MLT/MVT %.2f%n", mvtGzip, mltGzip, (double) mltGzip / mvtGzip);
                System.out.printf("encode  %.1f ms in all, %.2f ms a tile (MVT decoded, then MLT encoded)%n",
                        encodeNanos / 1e6, encodeNanos / 1e6 / tiles.size());
            }
        }
    }

    private static final GeometryFactory FACTORY = new GeometryFactory();

    /** A tile's layers as the encoder's records: each feature's id, geometry and properties. */
    @SuppressWarnings("unchecked")
    private static MapboxVectorTile read(byte[] mvt) throws IOException {
        var tile = MvtReader.loadMvt(new ByteArrayInputStream(mvt), FACTORY, new TagKeyValueMapConverter(false, "__id"),
                MvtReader.RING_CLASSIFIER_V2_1);
        List<Layer> layers = new ArrayList<>();
        for (JtsLayer layer : tile.getLayers()) {
            List<Feature> features = new ArrayList<>();
            for (Geometry g : layer.getGeometries()) {
                Map<String, Object> properties = new java.util.LinkedHashMap<>((Map<String, Object>) g.getUserData());
                Object id = properties.remove("__id");
                features.add(new Feature(id == null ? 0 : ((Number) id).longValue(), g, properties));
            }
            layers.add(new Layer(layer.getName(), features, layer.getExtent()));
        }
        return new MapboxVectorTile(layers);
    }

    private static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(raw);
        }
        return out.toByteArray();
    }
}
