package fr.culture.atlas.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import fr.culture.atlas.tile.Mvt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Served tiles read by GDAL's MVT driver ({@code ogrinfo}), an implementation independent of the
 * one that wrote them: layer name, fields with their types, feature count and values.
 * GDAL is required ({@code gdal-bin}, installed by {@code ./atlas test}): without it this test
 * fails rather than skips, so that interoperability is never silently untested.
 */
class GdalInteropTest {

    /** One feature as ogrinfo prints it: {@code  name (Type) = value} lines. */
    private record OgrFeature(Map<String, String> fields) {
    }

    /** What ogrinfo says of a one-layer tile. */
    private record OgrLayer(String name, int featureCount, Map<String, String> fieldTypes, List<OgrFeature> features) {
        OgrFeature withCode(String code) {
            return features.stream().filter(f -> code.equals(f.fields().get("code"))).findFirst()
                    .orElseThrow(() -> new AssertionError("no feature with code " + code));
        }
    }

    private static final Pattern FIELD_TYPE = Pattern.compile("^(\\w+): (\\w+(?:\\(\\w+\\))?) \\(\\d+\\.\\d+\\)$");
    private static final Pattern FIELD_VALUE = Pattern.compile("^ {2}(\\w+) \\((\\w+(?:\\(\\w+\\))?)\\) = (.*)$");

    @RegisterExtension
    static final ServerFixture server = ServerFixture.embedded();

    @TempDir
    Path dir;

    @Test
    void gdalReadsAnIndicatorTileWithSeveralIndicators() throws Exception {
        // z8 over Paris: communes with three indicators of three kinds
        String path = "/tiles/population/8/129/88.mvt?indicators=grille_densite,action_coeur_de_ville";
        byte[] tile = fetch(path);
        OgrLayer layer = ogrinfo(tile, 8, 129, 88);
        assertEquals("commune", layer.name());
        assertEquals(Mvt.decode(tile, layer.name()).size(), layer.featureCount());
        assertEquals(layer.featureCount(), layer.features().size());
        assertEquals("String", layer.fieldTypes().get("code"), layer.fieldTypes().toString());
        assertEquals("String", layer.fieldTypes().get("nom"));
        assertEquals("Real", layer.fieldTypes().get("population"));
        assertEquals("String", layer.fieldTypes().get("grille_densite"));
        assertTrue(layer.fieldTypes().containsKey("action_coeur_de_ville"), layer.fieldTypes().toString());
        OgrFeature paris = layer.withCode("75056");
        assertEquals("Paris", paris.fields().get("nom"));
        assertEquals(2187526.0, Double.parseDouble(paris.fields().get("population")));
        assertEquals("tres_dense", paris.fields().get("grille_densite"));
    }

    @Test
    void gdalReadsABoundaryTile() throws Exception {
        byte[] tile = fetch("/tiles/regions/5/16/11.mvt");
        OgrLayer layer = ogrinfo(tile, 5, 16, 11);
        assertEquals("region", layer.name());
        assertEquals(12, layer.featureCount());
        // GDAL shows the MVT feature id as mvt_id: the code read in base 36. Below zoom 8 polygons
        // carry no name: names go with the label points (layer region-points), for the régions
        // and cities that matter at the zoom
        assertEquals(List.of("mvt_id", "code"), List.copyOf(layer.fieldTypes().keySet()));
        OgrFeature idf = layer.withCode("11");
        assertEquals(Long.toString(Long.parseLong("11", 36)), idf.fields().get("mvt_id"));
    }

    @Test
    void gdalReadsTheOgcTileLikeTheXyzOne() throws Exception {
        // row before column: the same tile as /tiles/regions/5/16/11.mvt
        OgrLayer layer = ogrinfo(fetch("/ogc/collections/regions/tiles/WebMercatorQuad/5/11/16"), 5, 16, 11);
        assertEquals("region", layer.name());
        assertEquals(12, layer.featureCount());
    }

    private static byte[] fetch(String path) throws Exception {
        HttpResponse<byte[]> res = server.get(path);
        assertEquals(200, res.statusCode(), path);
        return res.body();
    }

    /** Writes the tile to a file and reads it back with ogrinfo, georeferenced as tile z/x/y. */
    private OgrLayer ogrinfo(byte[] tile, int z, int x, int y) throws Exception {
        Path file = dir.resolve(z + "-" + x + "-" + y + ".mvt");
        Files.write(file, tile);
        // CLIP=NO: by default GDAL clips to the tile and drops the features that only reach into the buffer
        List<String> command = List.of("ogrinfo", "-ro", "-al", "-oo", "X=" + x, "-oo", "Y=" + y, "-oo", "Z=" + z,
                "-oo", "CLIP=NO", file.toString());
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            return fail("ogrinfo (GDAL) is not installed or not on the PATH: install gdal-bin "
                    + "(apt-get install gdal-bin; ./atlas test does it when run as root). " + e.getMessage());
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "ogrinfo did not finish");
        assertEquals(0, process.exitValue(), "ogrinfo failed: " + output);
        return parse(output);
    }

    private static OgrLayer parse(String output) {
        String name = null;
        int count = -1;
        Map<String, String> types = new LinkedHashMap<>();
        List<OgrFeature> features = new ArrayList<>();
        Map<String, String> current = null;
        for (String line : output.split("\n")) {
            if (line.startsWith("Layer name: ")) {
                if (name != null) {
                    // the second layer is the label points ({level}-points): the polygons come first
                    assertEquals(name + "-points", line.substring("Layer name: ".length()).trim());
                    break;
                }
                name = line.substring("Layer name: ".length()).trim();
            } else if (line.startsWith("Feature Count: ")) {
                count = Integer.parseInt(line.substring("Feature Count: ".length()).trim());
            } else if (line.startsWith("OGRFeature(")) {
                current = new LinkedHashMap<>();
                features.add(new OgrFeature(current));
            } else if (current != null) {
                Matcher value = FIELD_VALUE.matcher(line);
                if (value.matches()) {
                    current.put(value.group(1), value.group(3));
                }
            } else {
                Matcher type = FIELD_TYPE.matcher(line);
                if (type.matches() && !type.group(1).equals("Geometry")) {
                    types.put(type.group(1), type.group(2));
                }
            }
        }
        assertTrue(name != null && count >= 0, "ogrinfo printed no layer: " + output);
        return new OgrLayer(name, count, types, features);
    }
}
