package fr.culture.atlas.importer;

import static fr.culture.atlas.source.Workbooks.row;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import fr.culture.atlas.TestData;
import fr.culture.atlas.config.Catalogue;
import fr.culture.atlas.config.IndicatorCatalogue;
import fr.culture.atlas.config.LevelDef;
import fr.culture.atlas.config.Settings;
import fr.culture.atlas.config.VenueCatalogue;
import fr.culture.atlas.http.Server;
import fr.culture.atlas.source.Workbooks;
import fr.culture.atlas.store.embedded.EmbeddedPublisher;
import fr.culture.atlas.store.embedded.EmbeddedStore;
import io.helidon.webserver.WebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged input files, on a tiny data directory written at test time: a version is published
 * first, then each damaged file makes the import abort with an error entry naming the file
 * (and the sheet, row and column when there is one), and the published version keeps serving:
 * {@code CURRENT} and the served tile are unchanged.
 */
class CorruptFilesTest {

    private static final String SQUARES = """
            {"type":"FeatureCollection","features":[
             {"type":"Feature","properties":{"code":"01","nom":"Nîmes-Nord"},
              "geometry":{"type":"Polygon","coordinates":[[[2,48],[3,48],[3,49],[2,49],[2,48]]]}},
             {"type":"Feature","properties":{"code":"02","nom":"Nîmes-Sud"},
              "geometry":{"type":"Polygon","coordinates":[[[2,47],[3,47],[3,48],[2,48],[2,47]]]}}]}""";

    private static final String INDICATORS = """
            files:
              - id: musees
                path: indicateurs/musees.xlsx
                meta-sheet: Meta
                levels:
                  - { level: departement, sheet: "Départements", code: "Code", columns: { musees: "Musées" } }
              - id: cinemas
                path: indicateurs/cinemas.xls
                meta-sheet: Meta
                levels:
                  - { level: departement, sheet: "Départements", code: "Code", columns: { cinemas: "Cinémas" } }
            indicators:
              - { id: musees, label: Musées, unit: lieux, theme: lieux, kind: count, aggregate: sum, file: musees, value: musees }
              - { id: cinemas, label: Cinémas, unit: lieux, theme: lieux, kind: count, aggregate: sum, file: cinemas, value: cinemas }
            """ + TestData.THEMES;

    /** z7 tile over the squares (2°E–3°E, 47°N–49°N), with both indicators. */
    private static final String TILE = "/tiles/musees/7/64/44.mvt?indicators=cinemas";
    private static final String MUSEES = "indicateurs/musees.xlsx";
    private static final String CINEMAS = "indicateurs/cinemas.xls";

    @TempDir
    Path dir;

    private Path data;
    private Path home;
    private Importer importer;
    private EmbeddedPublisher publisher;
    private EmbeddedStore store;
    private WebServer server;
    private String current;
    private byte[] tile;

    @BeforeEach
    void publishAGoodVersion() throws Exception {
        data = Files.createDirectories(dir.resolve("data"));
        home = dir.resolve("home");
        writeGoodFiles();
        Catalogue catalogue = Catalogue.of(List.of(new LevelDef("departement", "Département", "departements", 0, 22,
                new LevelDef.Source("departements.geojson", "code", "nom"), null, null, null)), dir.resolve("levels.yaml"));
        Path yaml = Files.writeString(dir.resolve("indicators.yaml"), INDICATORS);
        importer = new Importer(catalogue, IndicatorCatalogue.load(yaml, true, TestData.catalogue()), new VenueCatalogue(1000, 12, List.of()),
                data, line -> { });
        publisher = new EmbeddedPublisher(home, 5);
        ImportReport first = importer.run(publisher);
        assertEquals("published", first.outcome(), first.summary());
        store = new EmbeddedStore(home, 100);
        server = Server.start(TestData.settings(home, Settings.StoreKind.EMBEDDED, null), store);
        current = Files.readString(home.resolve("embedded/CURRENT"));
        HttpResponse<byte[]> res = get(TILE);
        assertEquals(200, res.statusCode());
        tile = res.body();
        assertTrue(new String(tile, StandardCharsets.ISO_8859_1).contains("cinemas"), "the tile carries both indicators");
    }

    @AfterEach
    void stop() {
        server.stop();
        store.close();
        publisher.close();
    }

    @Test
    void truncatedXlsx() throws Exception {
        byte[] good = Files.readAllBytes(data.resolve(MUSEES));
        Files.write(data.resolve(MUSEES), Arrays.copyOf(good, good.length / 2));
        ImportReport.Entry e = rejected(MUSEES);
        assertTrue(e.message().contains("truncated or damaged"), e.message());
        assertTrue(e.message().contains("musees"), "names the indicators lost: " + e.message());
    }

    @Test
    void pngRenamedXls() throws Exception {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 0, 1};
        Files.write(data.resolve(CINEMAS), png);
        ImportReport.Entry e = rejected(CINEMAS);
        assertTrue(e.message().contains("not an Excel file") && e.message().contains("png"), e.message());
    }

    @Test
    void emptyFile() throws Exception {
        Files.write(data.resolve(MUSEES), new byte[0]);
        ImportReport.Entry e = rejected(MUSEES);
        assertTrue(e.message().contains("empty (0 bytes)"), e.message());
    }

    @Test
    void cellLongerThanExcelAllows() throws Exception {
        // POI refuses to write such a cell: write a marker, then put the long text in its place in the zip
        musees("HUGE-CELL");
        Random random = new Random(7);   // varied letters: a run of one letter would be refused as a zip bomb
        StringBuilder huge = new StringBuilder();
        for (int i = 0; i < 200_000; i++) {
            huge.append((char) ('a' + random.nextInt(26)));
        }
        replaceInZip(data.resolve(MUSEES), "xl/sharedStrings.xml", "HUGE-CELL", huge.toString());
        ImportReport.Entry e = rejected(MUSEES);
        assertEquals(List.of("Départements", 3, "A"), Arrays.asList(e.sheet(), e.row(), e.column()), e.toString());
        assertTrue(e.message().contains("more than Excel allows"), e.message());
    }

    @Test
    void geoJsonInLatin1() throws Exception {
        Files.writeString(data.resolve("departements.geojson"), SQUARES, StandardCharsets.ISO_8859_1);
        ImportReport.Entry e = rejected("departements.geojson");
        assertTrue(e.message().contains("not UTF-8") && e.message().contains("line 2"), e.message());
    }

    /** Runs the import: aborted, one error entry about {@code file}, and the live version untouched. */
    private ImportReport.Entry rejected(String file) throws Exception {
        ImportReport report = importer.run(publisher);
        assertTrue(report.outcome().startsWith("aborted"), report.summary());
        List<ImportReport.Entry> errors = report.entries().stream()
                .filter(x -> x.severity() == ImportReport.Severity.ERROR).toList();
        assertEquals(1, errors.size(), report.summary());
        ImportReport.Entry entry = errors.getFirst();
        assertEquals(file, entry.file(), entry.toString());
        assertEquals(List.of(1L), publisher.versions());
        assertEquals(current, Files.readString(home.resolve("embedded/CURRENT")), "CURRENT unchanged");
        store.refresh();
        HttpResponse<byte[]> res = get(TILE);
        assertEquals(200, res.statusCode());
        assertArrayEquals(tile, res.body(), "version 1 keeps serving, unchanged");
        assertTrue(new String(get("/observe/health/ready").body()).contains("\"version\":1"));
        return entry;
    }

    private void writeGoodFiles() throws IOException {
        Files.writeString(data.resolve("departements.geojson"), SQUARES);
        musees("01");
        Workbooks.create().sheet("Départements", row("Code", "Cinémas"), row("01", 3), row("02", 4))
                .meta("Cinémas actifs", "CNC", "2019").write(data.resolve(CINEMAS));
    }

    /** The museums file, the code of its second data row (Excel row 3) being {@code code2}. */
    private void musees(String code2) throws IOException {
        Workbooks.create().sheet("Départements", row("Code", "Musées"), row("02", 12), row(code2, 5))
                .meta("Musées de France", "Deps", "2019").write(data.resolve(MUSEES));
    }

    private static void replaceInZip(Path zip, String entry, String from, String to) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip));
             ZipOutputStream rewritten = new ZipOutputStream(out)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                byte[] bytes = in.readAllBytes();
                if (e.getName().equals(entry)) {
                    String xml = new String(bytes, StandardCharsets.UTF_8);
                    assertTrue(xml.contains(from), xml);
                    bytes = xml.replace(from, to).getBytes(StandardCharsets.UTF_8);
                }
                rewritten.putNextEntry(new ZipEntry(e.getName()));
                rewritten.write(bytes);
                rewritten.closeEntry();
            }
        }
        Files.write(zip, out.toByteArray());
    }

    private HttpResponse<byte[]> get(String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + path)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
