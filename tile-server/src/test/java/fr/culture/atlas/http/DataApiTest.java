package fr.culture.atlas.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The JSON data API over the real data. */
@SuppressWarnings("unchecked")
class DataApiTest {

    @RegisterExtension
    static final ServerFixture server = ServerFixture.embedded();

    private static Map<String, Object> json(String path) throws Exception {
        var res = server.get(path);
        assertEquals(200, res.statusCode(), new String(res.body(), StandardCharsets.UTF_8));
        return new ObjectMapper().readValue(res.body(), Map.class);
    }

    @Test
    void partnerPagesMayReadEveryAnswerCrossOrigin() throws Exception {
        // the embeddable widget reads the API, styles and TileJSON from partner sites, errors included
        for (String path : List.of("/api/indicators", "/api/territories/search?q=lyon", "/styles/atlas.json",
                "/tiles/regions.json", "/api/indicators/nope")) {
            var res = server.get(path);
            assertEquals("*", res.headers().firstValue("Access-Control-Allow-Origin").orElse("none"), path);
        }
    }

    @Test
    void catalogueIsGroupedByTheme() throws Exception {
        List<Map<String, Object>> themes = (List<Map<String, Object>>) json("/api/indicators").get("themes");
        assertEquals(List.of("lieux", "depenses", "emploi", "contexte"), themes.stream().map(t -> t.get("id")).toList());
        Map<String, Object> population = themes.getLast().get("indicators") instanceof List<?> l
                ? ((List<Map<String, Object>>) l).stream().filter(i -> "population".equals(i.get("id"))).findFirst().orElseThrow()
                : Map.of();
        assertEquals("Population totale", population.get("label"));
        assertEquals("count", population.get("kind"));
        assertEquals("Insee", population.get("source"));
    }

    @Test
    void oneIndicatorHasStatisticsPerLevel() throws Exception {
        Map<String, Object> stats = (Map<String, Object>) ((Map<String, Object>) json("/api/indicators/taux_pauvrete")
                .get("statistics")).get("commune");
        assertTrue((Integer) stats.get("missing") > 30_000, "secret for small communes: " + stats);
        assertTrue(((Number) stats.get("min")).doubleValue() <= ((Number) stats.get("median")).doubleValue());
    }

    @Test
    void valuesAsJsonAndAsCsvForExcel() throws Exception {
        Map<String, Object> values = json("/api/indicators/taux_pauvrete/values?level=commune");
        List<Map<String, Object>> rows = (List<Map<String, Object>>) values.get("values");
        assertEquals(34967, rows.size());
        assertTrue(rows.stream().anyMatch(r -> r.get("value") == null), "not available is null");
        var csv = server.get("/api/indicators/population/values?level=commune&format=csv&separator=%3B");
        assertEquals("text/csv; charset=UTF-8", csv.headers().firstValue("content-type").orElseThrow());
        String text = new String(csv.body(), StandardCharsets.UTF_8);
        assertTrue(text.startsWith("\uFEFFcode;nom;population\r\n"), "BOM then header");
        assertTrue(text.contains("\r\n75056;Paris;2187526\r\n"));
        assertEquals(34968, text.split("\r\n").length);
        // a partial value says what it counts in the file as well: the Ain's municipal spending
        String partial = new String(server.get("/api/indicators/depenses_communes_par_habitant/values"
                + "?level=departement&format=csv").body(), StandardCharsets.UTF_8);
        assertTrue(partial.startsWith("\uFEFFcode,nom,depenses_communes_par_habitant,membres_comptes,membres,"
                + "part_population_comptee\r\n"), partial.substring(0, 120));
        String ain = partial.lines().filter(l -> l.startsWith("01,")).findFirst().orElseThrow();
        String[] cells = ain.split(",");
        assertEquals(6, cells.length, ain);
        assertTrue(Integer.parseInt(cells[3]) < Integer.parseInt(cells[4]), ain);
        assertTrue(text.lines().skip(1).allMatch(l -> l.split(";", -1).length == 3), "whole values: no more columns");
    }

    /** What a table shows: a page, filtered by name or code, without the level's megabytes. */
    @Test
    void valuesByPageFilteredByNameOrCode() throws Exception {
        Map<String, Object> page = json("/api/indicators/population/values?level=commune&offset=200&limit=50");
        assertEquals(34967, page.get("total"));
        assertEquals(34967, page.get("matching"));
        assertEquals(200, page.get("offset"));
        List<Map<String, Object>> rows = (List<Map<String, Object>>) page.get("values");
        List<Map<String, Object>> whole = (List<Map<String, Object>>) json("/api/indicators/population/values?level=commune")
                .get("values");
        assertEquals(whole.subList(200, 250), rows, "the same rows as the whole list, in its order");
        // accents, case and "saint" ignored, as the search does; a code finds its territory
        Map<String, Object> eveux = json("/api/indicators/population/values?level=commune&q=EVEUX");
        assertTrue(((List<Map<String, Object>>) eveux.get("values")).stream().anyMatch(r -> r.get("nom").equals("Éveux")));
        Map<String, Object> lyon = json("/api/indicators/population/values?level=commune&q=69123");
        assertEquals(1, lyon.get("matching"));
        assertEquals("Lyon", ((List<Map<String, Object>>) lyon.get("values")).getFirst().get("nom"));
        int saints = (Integer) json("/api/indicators/population/values?level=commune&q=saint-etienne&limit=1").get("matching");
        assertTrue(saints > 20, saints + " communes named Saint-Étienne…");
        assertTrue((Integer) json("/api/indicators/population/values?level=commune&q=st%20etienne&limit=1")
                .get("matching") >= saints, "as the search spells them too");
        // "saint" is not "st": Strasbourg does not match it, and a name being typed keeps its communes
        List<Map<String, Object>> saint = (List<Map<String, Object>>) json(
                "/api/indicators/population/values?level=commune&q=saint&limit=1000").get("values");
        assertTrue(saint.stream().allMatch(r -> ((String) r.get("nom")).toLowerCase().contains("saint")), "only Saint…");
        assertTrue((Integer) json("/api/indicators/population/values?level=commune&q=sai&limit=1").get("matching") >= saints);
        // past the end: an empty page that says where it is
        Map<String, Object> after = json("/api/indicators/population/values?level=commune&q=lyon&offset=5000");
        assertEquals(List.of(), after.get("values"));
        assertEquals(after.get("matching"), after.get("offset"));
        assertEquals(1000, TileServiceTest.problem(
                server.get("/api/indicators/population/values?level=commune&limit=5000"), 400).get("maximum"));
        TileServiceTest.problem(server.get("/api/indicators/population/values?level=commune&offset=-1"), 400);
    }

    /** What a tooltip shows: one territory's value and rank, the same as the whole list and the portrait give. */
    @Test
    void oneTerritorysValueAndRank() throws Exception {
        Map<String, Object> rhone = json("/api/indicators/population/values/69?level=departement");
        assertEquals("Rhône", rhone.get("nom"));
        double value = ((Number) rhone.get("value")).doubleValue();
        List<Map<String, Object>> whole = (List<Map<String, Object>>) json("/api/indicators/population/values?level=departement")
                .get("values");
        long higher = whole.stream().filter(r -> r.get("value") instanceof Number n && n.doubleValue() > value).count();
        long of = whole.stream().filter(r -> r.get("value") instanceof Number).count();
        assertEquals(Map.of("rank", (int) higher + 1, "of", (int) of), rhone.get("rank"));
        Map<String, Object> portrait = json("/api/territories/departement/69");
        Map<String, Object> entry = ((List<Map<String, Object>>) portrait.get("indicators")).stream()
                .filter(i -> i.get("id").equals("population")).findFirst().orElseThrow();
        assertEquals(((Map<String, Object>) entry.get("ranks")).get("departement"), rhone.get("rank"));
        // a category has no rank; an unknown code is a 404
        assertFalse(json("/api/indicators/grille_densite/values/69123?level=commune").containsKey("rank"));
        TileServiceTest.problem(server.get("/api/indicators/population/values/99999?level=commune"), 404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"quantile", "equal", "jenks", "stddev"})
    void breaksCountEveryValueOnce(String method) throws Exception {
        Map<String, Object> breaks = json("/api/indicators/densite_population/breaks?level=commune&method=" + method + "&classes=5");
        List<Integer> counts = (List<Integer>) breaks.get("counts");
        assertEquals(34944, counts.stream().mapToInt(Integer::intValue).sum());
        List<Number> bounds = (List<Number>) breaks.get("breaks");
        assertEquals(counts.size() + 1, bounds.size());
        for (int i = 1; i < bounds.size(); i++) {
            assertTrue(bounds.get(i).doubleValue() > bounds.get(i - 1).doubleValue(), "increasing " + bounds);
        }
    }

    @Test
    void territoryPortraitHasRanksParentsAndFrance() throws Exception {
        Map<String, Object> lyon = json("/api/territories/commune/69123");
        assertEquals("Lyon", lyon.get("nom"));
        assertEquals("Rhône", ((Map<String, Object>) ((Map<String, Object>) lyon.get("parents")).get("departement")).get("nom"));
        Map<String, Object> population = ((List<Map<String, Object>>) lyon.get("indicators")).stream()
                .filter(i -> "population".equals(i.get("id"))).findFirst().orElseThrow();
        Map<String, Object> ranks = (Map<String, Object>) population.get("ranks");
        assertEquals(3, ((Map<String, Object>) ranks.get("commune")).get("rank"), "after Paris and Marseille");
        assertEquals(1, ((Map<String, Object>) ranks.get("departement")).get("rank"));
        Map<String, Object> idf = json("/api/territories/region/11");
        Map<String, Object> share = ((List<Map<String, Object>>) idf.get("indicators")).stream()
                .filter(i -> "part_entreprises_culturelles".equals(i.get("id"))).findFirst().orElseThrow();
        assertTrue(((Number) ((Map<String, Object>) share.get("france")).get("value")).doubleValue() > 0);
    }

    @ParameterizedTest
    @CsvSource({"st etienne, 42218", "SAINT-ÉTIENNE, 42218", "lyon, 69123", "corse-du, 2A"})
    void searchIgnoresAccentsAndCase(String q, String code) throws Exception {
        List<Map<String, Object>> results = (List<Map<String, Object>>) json("/api/territories/search?q="
                + URLEncoder.encode(q, StandardCharsets.UTF_8)).get("results");
        assertTrue(results.stream().anyMatch(r -> code.equals(r.get("code"))), q + " → " + results);
        assertEquals(4, ((List<?>) results.getFirst().get("bbox")).size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"%F0%9F%8E%AD%F0%9F%8E%AD", "%00%00", "%27%3B%20DROP", "%E2%80%AE%E2%80%AE", "zz"})
    void anyUnicodeSearchAnswers(String q) throws Exception {
        assertEquals(200, server.get("/api/territories/search?q=" + q).statusCode());
    }

    @Test
    void badRequestsSayWhatIsValid() throws Exception {
        assertEquals(List.of("region", "departement", "epci", "commune"),
                TileServiceTest.problem(server.get("/api/territories/canton/01"), 404).get("known"));
        TileServiceTest.problem(server.get("/api/territories/commune/99999"), 404);
        TileServiceTest.problem(server.get("/api/territories/search?q=a"), 400);
        TileServiceTest.problem(server.get("/api/territories/search"), 400);
        // a level the indicator lacks, known or not, is a 400 naming the levels it has (tiles: 404 for an unknown one)
        assertEquals(List.of("commune"), TileServiceTest.problem(
                server.get("/api/indicators/niveau_vie_median/values?level=canton"), 400).get("available"));
        TileServiceTest.problem(server.get("/api/indicators/niveau_vie_median/breaks?level=region"), 400);
        assertTrue(((List<String>) TileServiceTest.problem(server.get("/api/indicators/popu"), 404).get("known"))
                .contains("population"));
        assertEquals(List.of("quantile", "equal", "jenks", "stddev"), TileServiceTest.problem(
                server.get("/api/indicators/population/breaks?method=natural"), 400).get("methods"));
        assertEquals(9, TileServiceTest.problem(server.get("/api/indicators/population/breaks?classes=12"), 400)
                .get("maximum"));
        TileServiceTest.problem(server.get("/api/indicators/population/breaks?classes=-3"), 400);
        TileServiceTest.problem(server.get("/api/indicators/grille_densite/breaks"), 400);
        assertEquals(List.of("commune"), TileServiceTest.problem(
                server.get("/api/indicators/niveau_vie_median/values?level=region"), 400).get("available"),
                "a median is not aggregated: it stays at the level of its file");
        TileServiceTest.problem(server.get("/api/indicators/population/values?format=xml"), 400);
    }

    @Test
    void populationIsAtEveryLevelAndEachTerritoryIsTheSumOfItsCommunes() throws Exception {
        Map<String, Object> def = json("/api/indicators/population");
        assertEquals(List.of("region", "departement", "epci", "commune"), def.get("levels"));
        assertEquals("sum", def.get("aggregation"));
        double rhone = valueOf("population", "departement", "69");
        double communes = ((List<Map<String, Object>>) json("/api/indicators/population/values?level=commune").get("values"))
                .stream().filter(v -> ((String) v.get("code")).startsWith("69") && v.get("value") != null)
                .mapToDouble(v -> ((Number) v.get("value")).doubleValue()).sum();
        assertEquals(communes, rhone, "département 69 is the sum of its communes");
        assertTrue(rhone > 1_800_000, "Rhône and the Métropole de Lyon: " + rhone);
    }

    @Test
    void franceHasOneValuePerIndicatorWhateverTheLevelAndPartialValuesSaySo() throws Exception {
        Map<String, Object> france = json("/api/territories/france");
        Map<String, Map<String, Object>> byId = new java.util.HashMap<>();
        ((List<Map<String, Object>>) france.get("indicators")).forEach(i -> byId.put((String) i.get("id"), i));
        double density = ((Number) byId.get("densite_population").get("value")).doubleValue();
        assertTrue(density > 95 && density < 125, "France is about 105 hab./km², not a mean of densities: " + density);
        assertNull(byId.get("niveau_vie_median").get("value"), "a median has no national value from its communes");
        assertTrue(((String) byId.get("niveau_vie_median").get("method")).startsWith("non calculable"));
        // a count read at régions and départements: France is the sum of either
        double regions = ((List<Map<String, Object>>) json("/api/indicators/actifs_culturels/values?level=region")
                .get("values")).stream().mapToDouble(v -> ((Number) v.get("value")).doubleValue()).sum();
        assertEquals(regions, ((Number) byId.get("actifs_culturels").get("value")).doubleValue(), 0.5);
        double share = ((Number) byId.get("part_actifs_culturels").get("value")).doubleValue();
        assertTrue(share > 1 && share < 5, "a share of the working population in %: " + share);
        // the municipal spending is reported by communes of 3,500 inhabitants and more only
        Map<String, Object> ain = ((List<Map<String, Object>>) json(
                "/api/indicators/depenses_communes_par_habitant/values?level=departement").get("values")).stream()
                .filter(v -> "01".equals(v.get("code"))).findFirst().orElseThrow();
        Map<String, Object> coverage = (Map<String, Object>) ain.get("coverage");
        assertEquals(true, coverage.get("partial"));
        assertEquals("commune", coverage.get("from"));
        assertTrue((Integer) coverage.get("counted") < (Integer) coverage.get("members"));
        Map<String, Object> portrait = json("/api/territories/departement/01");
        Map<String, Object> spending = ((List<Map<String, Object>>) portrait.get("indicators")).stream()
                .filter(i -> i.get("id").equals("depenses_communes_par_habitant")).findFirst().orElseThrow();
        assertEquals(coverage, spending.get("coverage"));
        assertEquals(true, ((Map<String, Map<String, Object>>) spending.get("parentCoverage")).get("region").get("partial"),
                "Auvergne-Rhône-Alpes's municipal spending is partial as well");
        assertEquals(((Map<String, Object>) spending.get("france")).get("value"),
                byId.get("depenses_communes_par_habitant").get("value"));
    }

    private double valueOf(String indicator, String level, String code) throws Exception {
        return ((List<Map<String, Object>>) json("/api/indicators/" + indicator + "/values?level=" + level).get("values"))
                .stream().filter(v -> code.equals(v.get("code"))).map(v -> ((Number) v.get("value")).doubleValue())
                .findFirst().orElseThrow();
    }

    @Test
    void labelPointsNameEachTerritoryOnceInsideItsBox() throws Exception {
        var res = server.get("/api/territories/region/labels.geojson");
        assertEquals(200, res.statusCode());
        assertEquals("application/geo+json", res.headers().firstValue("content-type").orElseThrow());
        Map<String, Object> collection = new ObjectMapper().readValue(res.body(), Map.class);
        List<Map<String, Object>> features = (List<Map<String, Object>>) collection.get("features");
        assertEquals(18, features.size(), "one point per région");
        Map<String, List<Double>> points = new java.util.HashMap<>();
        for (Map<String, Object> f : features) {
            String code = (String) ((Map<String, Object>) f.get("properties")).get("code");
            List<Double> point = (List<Double>) ((Map<String, Object>) f.get("geometry")).get("coordinates");
            List<Double> bbox = (List<Double>) json("/api/territories/region/" + code).get("bbox");
            assertTrue(point.get(0) >= bbox.get(0) && point.get(0) <= bbox.get(2)
                    && point.get(1) >= bbox.get(1) && point.get(1) <= bbox.get(3), code + " " + point + " in " + bbox);
            points.put(code, point);
        }
        // Bretagne is named on the mainland, not on an island; Île-de-France near Paris
        assertTrue(points.get("53").get(0) > -4.3 && points.get("53").get(0) < -1.5, points.get("53").toString());
        assertTrue(Math.abs(points.get("11").get(0) - 2.5) < 0.5 && Math.abs(points.get("11").get(1) - 48.7) < 0.4,
                points.get("11").toString());
        assertEquals(101, ((List<?>) new ObjectMapper().readValue(server.get("/api/territories/departement/labels.geojson")
                .body(), Map.class).get("features")).size());
        TileServiceTest.problem(server.get("/api/territories/canton/labels.geojson"), 404);
    }
}
