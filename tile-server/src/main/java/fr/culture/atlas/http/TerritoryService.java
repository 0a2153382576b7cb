package fr.culture.atlas.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import fr.culture.atlas.config.Catalogue;
import fr.culture.atlas.config.IndicatorDef;
import fr.culture.atlas.search.TerritorySearch;
import fr.culture.atlas.store.Snapshot;
import fr.culture.atlas.store.Store;
import fr.culture.atlas.store.Territory;
import fr.culture.atlas.tile.Layouts;
import fr.culture.atlas.view.Portrait;
import fr.culture.atlas.view.Views;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * Territories: {@code /api/territories/search?q=}, the portrait
 * {@code /api/territories/{level}/{code}} (every value with its ranks, the parent's and France's)
 * and the label points {@code /api/territories/{level}/labels.geojson}.
 */
public final class TerritoryService implements HttpService {

    private static final int MAX_RESULTS = 10;
    private static final int MAX_QUERY = 100;

    private final Store store;
    private final Layouts layouts;

    public TerritoryService(Store store, Layouts layouts) {
        this.store = store;
        this.layouts = layouts;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/search", this::search)
             .get("/" + Catalogue.FRANCE, this::france)
             .get("/{level}/labels.geojson", this::labels)
             .get("/{level}/{code}", this::portrait);
    }

    private void search(ServerRequest req, ServerResponse res) {
        String q = req.query().first("q").orElse("").strip();
        if (q.codePointCount(0, q.length()) < 2) {
            throw Problem.badRequest("q must hold at least 2 characters, for example ?q=lyon");
        }
        if (q.length() > MAX_QUERY) {
            q = q.substring(0, MAX_QUERY);
        }
        Views views = Views.of(Params.snapshot(store));
        List<Map<String, Object>> results = new ArrayList<>();
        for (TerritorySearch.Hit hit : views.search().search(q, MAX_RESULTS)) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("level", hit.level());
            r.put("code", hit.territory().code());
            r.put("nom", hit.territory().name());
            r.put("population", hit.territory().population());
            r.put("bbox", hit.bbox());
            results.add(r);
        }
        HttpCaching.shortLived(res);
        Json.send(req, res, Map.of("query", q, "results", results));
    }

    /**
     * {@code /api/territories/{level}/labels.geojson}: where each territory's name goes, one point
     * each, for map labels (a polygon label is repeated on each tile and each island it spans);
     * {@code ?layout=} places them in a composite view.
     */
    private void labels(ServerRequest req, ServerResponse res) {
        Snapshot snapshot = Params.snapshot(store);
        String level = level(snapshot, req);
        HttpCaching.shortLived(res);
        res.header(HeaderNames.CONTENT_TYPE, "application/geo+json");
        String layout = Params.layout(snapshot, req);
        Views views = Views.of(snapshot);
        HttpCaching.sendDocument(req, res, views, new Labels(level, layout), () -> views.labels(level,
                layout == null ? null : layouts.get(snapshot, layout).orElseThrow()));
    }

    /** The key of a level's label points among a snapshot's documents. */
    private record Labels(String level, String layout) {
    }

    /** The {level} of the path, or 404 listing the levels. */
    private static String level(Snapshot snapshot, ServerRequest req) {
        return Params.level(snapshot, req.path().pathParameters().get("level"));
    }

    private void portrait(ServerRequest req, ServerResponse res) {
        Snapshot snapshot = Params.snapshot(store);
        var p = req.path().pathParameters();
        String level = level(snapshot, req);
        String code = p.get("code");
        int row = snapshot.indicators().row(level, code);
        if (row < 0) {
            throw new Problem(Status.NOT_FOUND_404, "No " + level + " with code '" + code
                    + "'; search by name with /api/territories/search?q=…");
        }
        Territory territory = snapshot.territories(level).get(row);
        Views views = Views.of(snapshot);
        HttpCaching.shortLived(res);
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        // made once per data version and territory: ranking every indicator costs up to 300 ms
        HttpCaching.sendDocument(req, res, views, new PortraitJson(level, territory.code()),
                () -> Json.bytes(json(Portrait.of(snapshot, views, level, territory))));
    }

    /** The key of a portrait among a snapshot's documents. */
    private record PortraitJson(String level, String code) {
    }

    /** The JSON of a portrait (view.Portrait, which the HTML page reads as well). */
    private static Map<String, Object> json(Portrait portrait) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("level", portrait.level());
        json.put("code", portrait.code());
        json.put("nom", portrait.name());
        json.put("population", portrait.population());
        json.put("bbox", portrait.bbox());
        Map<String, Object> parents = new LinkedHashMap<>();
        for (Portrait.Parent parent : portrait.parents()) {
            parents.put(parent.level(), Map.of("code", parent.code(), "nom", parent.name()));
        }
        json.put("parents", parents);
        json.put("indicators", portrait.entries().stream().map(TerritoryService::json).toList());
        return json;
    }

    private static Map<String, Object> json(Portrait.Entry entry) {
        IndicatorDef def = entry.def();
        Object value = entry.value();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", def.id());
        json.put("label", def.label());
        json.put("unit", def.unit());
        json.put("theme", def.theme());
        json.put("value", value);
        if (entry.coverage() != null) {
            json.put("coverage", Json.coverage(entry.coverage()));
        }
        if (!(value instanceof Double) || !def.kind().numeric()) {
            return json;
        }
        Map<String, Object> ranks = new LinkedHashMap<>();
        entry.ranks().forEach((level, rank) -> ranks.put(level, rank(rank)));
        json.put("ranks", ranks);
        json.put("parentValues", entry.parentValues());
        Map<String, Object> parentCoverage = new LinkedHashMap<>();
        entry.parentCoverage().forEach((level, coverage) -> parentCoverage.put(level, Json.coverage(coverage)));
        json.put("parentCoverage", parentCoverage);
        json.put("france", national(entry.france()));
        return json;
    }

    private static Map<String, Object> rank(Portrait.Rank rank) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("rank", rank.rank());
        json.put("of", rank.of());
        return json;
    }

    /**
     * {@code /api/territories/france}: France's value of every indicator that has one, computed at
     * import from a level's territories by the indicator's aggregation (the files carry no national row).
     */
    private void france(ServerRequest req, ServerResponse res) {
        Portrait france = Portrait.france(Params.snapshot(store));
        List<Map<String, Object>> values = new ArrayList<>();
        for (Portrait.Entry entry : france.entries()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("id", entry.def().id());
            json.put("label", entry.def().label());
            json.put("unit", entry.def().unit());
            json.put("theme", entry.def().theme());
            json.putAll(national(entry.france()));
            values.add(json);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("level", france.level());
        json.put("code", france.code());
        json.put("nom", france.name());
        json.put("population", france.population());
        json.put("indicators", values);
        HttpCaching.shortLived(res);
        Json.send(req, res, json);
    }

    /** France's value, how it was computed (in French, shown to users) and from how much. */
    private static Map<String, Object> national(Portrait.National france) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("value", france.value());
        json.put("method", france.method());
        if (france.coverage() != null) {
            json.put("coverage", Json.coverage(france.coverage()));
        }
        return json;
    }
}
