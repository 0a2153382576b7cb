package fr.culture.atlas.importer;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static fr.culture.atlas.source.Workbooks.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A level the code has never heard of, declared in configuration only: a "groupe" dissolving
 * two squares. An indicator file reads the squares, venues are placed in them, and the groupe
 * gets both by aggregation, with its portrait, tiles and France's value; a running server serves
 * it as soon as the version that declares it is published.
 */
class NewLevelTest {

    @Test
    void aLevelDeclaredInConfigOnlyWorksLikeABuiltInOneWithoutRestart(@TempDir Path dir) throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.writeString(data.resolve("carres.geojson"), TestData.SQUARES);
        Files.writeString(data.resolve("groupes.json"),
                "[{\"code\": \"G1\", \"nom\": \"Groupe un\", \"membres\": [{\"code\": \"01\"}, {\"code\": \"02\"}]}]");
        Files.writeString(data.resolve("musees.geojson"), """
                {"type": "FeatureCollection", "features": [
                  {"type": "Feature", "properties": {"nom": "A"}, "geometry": {"type": "Point", "coordinates": [2.5, 48.5]}},
                  {"type": "Feature", "properties": {"nom": "B"}, "geometry": {"type": "Point", "coordinates": [2.6, 48.6]}},
                  {"type": "Feature", "properties": {"nom": "C"}, "geometry": {"type": "Point", "coordinates": [2.5, 47.5]}}]}""");
        Workbooks.create().sheet("Carrés", row("Code", "Habitants"), row("01", 100), row("02", 300))
                .meta("Habitants", "Test", "2020").write(data.resolve("carres.xls"));
        LevelDef carre = new LevelDef("carre", "Carré", "carres", 0, 22,
                new LevelDef.Source("carres.geojson", "code", "nom"), null, null, null);
        // version 1 knows the squares only; version 2 declares the groupe above them
        Catalogue before = Catalogue.of(List.of(carre), dir.resolve("levels.yaml"));
        // …and names it in the squares' reference list, as communes.json names their arrondissement
        Files.writeString(data.resolve("carres-ref.json"),
                "[{\"code\": \"01\", \"pop\": 100, \"grp\": \"G1\"}, {\"code\": \"02\", \"pop\": 300, \"grp\": \"G1\"}]");
        Catalogue catalogue = Catalogue.of(List.of(
                new LevelDef("groupe", "Groupe", "groupes", 0, 7, null,
                        new LevelDef.Dissolve("carre", "groupes.json", "code", "nom", "membres", "code"), null, null),
                new LevelDef("carre", "Carré", "carres", 8, 22, carre.source(), null, null,
                        new LevelDef.Reference("carres-ref.json", Map.of(), "pop", Map.of("groupe", "grp"), null))),
                dir.resolve("levels.yaml"));
        Path yaml = Files.writeString(dir.resolve("indicators.yaml"), """
                files:
                  - id: carres
                    path: carres.xls
                    meta-sheet: Meta
                    levels:
                      - { level: carre, sheet: "Carrés", code: Code, columns: { habitants: Habitants } }
                indicators:
                  - { id: habitants, label: Habitants, theme: contexte, kind: count, aggregate: sum, file: carres, value: habitants }
                """ + TestData.THEMES);
        VenueCatalogue venues = new VenueCatalogue(1000, 12, List.of(new VenueCatalogue.Family("musees", "Musées",
                "musees.geojson", null, null, null, "nom", "\"Musée\"", "\"Patrimoine\"", List.of())), "carre", "lieux");
        Path home = dir.resolve("home");
        publish(new Importer(before, IndicatorCatalogue.load(yaml, true, before), venues, data, line -> { }), home);
        EmbeddedStore store = new EmbeddedStore(home, 100);
        WebServer server = Server.start(TestData.settings(home, Settings.StoreKind.EMBEDDED, null), store);
        try {
            assertEquals(404, get(server, "/api/territories/groupe/G1").statusCode(), "no groupe in version 1");
            assertEquals(404, get(server, "/tiles/groupes.json").statusCode());
            // the running server picks the new level up with the version that declares it, without restart
            publish(new Importer(catalogue, IndicatorCatalogue.load(yaml, true, catalogue), venues, data, line -> { }),
                    home);
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (get(server, "/api/territories/groupe/G1").statusCode() != 200 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertEquals(200, get(server, "/tiles/groupes.json").statusCode(), "the groupe's boundary tileset");
            assertTrue(json(server, "/api/territories/search?q=groupe%20un").toString().contains("G1"),
                    "the search index holds the new level");
            assertTrue(json(server, "/tiles/habitants.json").toString().contains("id=groupe"),
                    "TileJSON lists the new level's layer");
            Map<String, Object> values = json(server, "/api/indicators/habitants/values?level=groupe");
            Map<String, Object> g1 = ((List<Map<String, Object>>) values.get("values")).getFirst();
            assertEquals(400.0, g1.get("value"));
            Map<String, Object> coverage = (Map<String, Object>) g1.get("coverage");
            assertEquals("carre", coverage.get("from"));
            assertEquals(2, coverage.get("counted"));
            assertEquals(2, coverage.get("members"));
            assertEquals(false, coverage.get("partial"));
            Map<String, Object> museums = ((List<Map<String, Object>>) json(server,
                    "/api/indicators/musees/values?level=groupe").get("values")).getFirst();
            assertEquals(3.0, museums.get("value"), "venues placed in the squares are counted in their groupe");
            assertEquals(Map.of("groupe", "Groupe", "carre", "Carré"),
                    json(server, "/api/indicators/habitants").get("levelLabels"), "the widget names the level from levels.yaml");
            Map<String, Object> portrait = json(server, "/api/territories/groupe/G1");
            assertEquals("Groupe un", portrait.get("nom"));
            assertEquals(Map.of(), portrait.get("parents"), "a territory is not its own parent");
            assertEquals(400, portrait.get("population"));
            assertEquals(Map.of("code", "G1", "nom", "Groupe un"), ((Map<String, Object>) json(server,
                    "/api/territories/carre/01").get("parents")).get("groupe"));
            assertTrue(((List<Map<String, Object>>) portrait.get("indicators")).stream()
                    .anyMatch(i -> i.get("id").equals("habitants") && Double.valueOf(400).equals(i.get("value"))));
            HttpResponse<byte[]> tile = get(server, "/tiles/habitants/7/64/44.mvt?level=groupe");
            assertEquals(200, tile.statusCode());
            assertTrue(tile.body().length > 20, "a tile of the groupe");
            Map<String, Object> france = json(server, "/api/territories/france");
            assertTrue(((List<Map<String, Object>>) france.get("indicators")).stream()
                    .anyMatch(i -> i.get("id").equals("habitants") && Double.valueOf(400).equals(i.get("value"))));
        } finally {
            server.stop();
            store.close();
        }
    }

    private static void publish(Importer importer, Path home) {
        try (EmbeddedPublisher publisher = new EmbeddedPublisher(home, 2)) {
            ImportReport report = importer.run(publisher);
            assertEquals("published", report.outcome(), report.summary());
        }
    }

    private static Map<String, Object> json(WebServer server, String path) throws Exception {
        HttpResponse<byte[]> res = get(server, path);
        assertEquals(200, res.statusCode(), path + ": " + new String(res.body()));
        return new ObjectMapper().readValue(res.body(), Map.class);
    }

    private static HttpResponse<byte[]> get(WebServer server, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + path)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
