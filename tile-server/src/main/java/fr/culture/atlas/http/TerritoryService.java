package fr.culture.atlas.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import fr.culture.atlas.config.Catalogue;
import fr.culture.atlas.config.IndicatorDef;
import fr.culture.atlas.search.TerritorySearch;
import fr.culture.atlas.store.Coverage;
import fr.culture.atlas.store.IndicatorData;
import fr.culture.atlas.store.Snapshot;
import fr.culture.atlas.store.Store;
import fr.culture.atlas.store.Territory;
import fr.culture.atlas.tile.Layouts;
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
        HttpCaching.sendDocument(req, res, views, new Portrait(level, territory.code()),
                () -> Json.bytes(portrait(snapshot, views, level, territory)));
    }

    /** The key of a portrait among a snapshot's documents. */
    private record Portrait(String level, String code) {
    }

    private Map<String, Object> portrait(Snapshot snapshot, Views views, String level, Territory territory) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("level", level);
        json.put("code", territory.code());
        json.put("nom", territory.name());
        json.put("population", territory.population());
        json.put("bbox", views.bbox(level, territory.code()));
        Map<String, Object> parents = new LinkedHashMap<>();
        territory.parents().forEach((parentLevel, parentCode) -> {
            int parentRow = snapshot.indicators().row(parentLevel, parentCode);
            parents.put(parentLevel, Map.of("code", parentCode,
                    "nom", parentRow < 0 ? parentCode : snapshot.territories(parentLevel).get(parentRow).name()));
        });
        json.put("parents", parents);
        List<Map<String, Object>> values = new ArrayList<>();
        for (IndicatorData indicator : snapshot.indicators().all()) {
            if (indicator.def().levels().contains(level)) {
                values.add(value(snapshot, views, indicator, level, territory));
            }
        }
        json.put("indicators", values);
        return json;
    }

    private Map<String, Object> value(Snapshot snapshot, Views views, IndicatorData indicator, String level,
                                      Territory territory) {
        IndicatorDef def = indicator.def();
        Views.Row row = views.rows(def.id(), level).get(snapshot.indicators().row(level, territory.code()));
        Object value = row.value();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", def.id());
        json.put("label", def.label());
        json.put("unit", def.unit());
        json.put("theme", def.theme());
        json.put("value", value);
        if (row.coverage() != null && value != null) {
            json.put("coverage", Json.coverage(row.coverage()));
        }
        if (!(value instanceof Double v) || !def.kind().numeric()) {
            return json;
        }
        List<Views.Row> rows = views.rows(def.id(), level);
        Map<String, Object> ranks = new LinkedHashMap<>();
        ranks.put(level, views.rank(def.id(), level, v)); // the same as a tooltip's, by the level's sorted values
        territory.parents().forEach((parentLevel, parentCode) ->
                ranks.put(parentLevel, Views.rank(rows, r -> parentCode.equals(r.territory().parents().get(parentLevel)), v)));
        json.put("ranks", ranks);
        Map<String, Object> parentValues = new LinkedHashMap<>();
        Map<String, Object> parentCoverage = new LinkedHashMap<>();
        territory.parents().forEach((parentLevel, parentCode) -> {
            Object[] column = snapshot.indicators().column(def.id(), parentLevel);
            int parentRow = snapshot.indicators().row(parentLevel, parentCode);
            if (column != null && parentRow >= 0 && column[parentRow] != null) {
                parentValues.put(parentLevel, column[parentRow]);
                Coverage[] covered = snapshot.indicators().coverage(def.id(), parentLevel);
                if (covered != null && covered[parentRow] != null) {
                    parentCoverage.put(parentLevel, Json.coverage(covered[parentRow]));
                }
            }
        });
        json.put("parentValues", parentValues);
        json.put("parentCoverage", parentCoverage);
        json.put("france", franceValue(snapshot, indicator));
        return json;
    }

    /**
     * {@code /api/territories/france}: France's value of every indicator that has one, computed at
     * import from a level's territories by the indicator's aggregation (the files carry no national row).
     */
    private void france(ServerRequest req, ServerResponse res) {
        Snapshot snapshot = Params.snapshot(store);
        List<Map<String, Object>> values = new ArrayList<>();
        for (IndicatorData indicator : snapshot.indicators().all()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("id", indicator.def().id());
            json.put("label", indicator.def().label());
            json.put("unit", indicator.def().unit());
            json.put("theme", indicator.def().theme());
            json.putAll(franceValue(snapshot, indicator));
            values.add(json);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("level", Catalogue.FRANCE);
        json.put("code", IndicatorData.FRANCE_CODE);
        json.put("nom", "France");
        json.put("population", snapshot.territories(snapshot.catalogue().levels().getFirst().id()).stream()
                .map(Territory::population).filter(java.util.Objects::nonNull).mapToLong(Long::longValue).sum());
        json.put("indicators", values);
        HttpCaching.shortLived(res);
        Json.send(req, res, json);
    }

    /** France's value, how it was computed (in French, shown to users) and from how much. */
    private static Map<String, Object> franceValue(Snapshot snapshot, IndicatorData indicator) {
        Map<String, Object> json = new LinkedHashMap<>();
        Coverage coverage = indicator.franceCoverage();
        if (indicator.france() == null || coverage == null) {
            json.put("value", null);
            json.put("method", "non calculable (" + switch (indicator.def().aggregation()) {
                case NONE -> "une médiane, un indice ou une catégorie ne s'additionne pas";
                default -> "aucune valeur";
            } + ")");
            return json;
        }
        json.put("value", indicator.france());
        json.put("method", method(snapshot.catalogue(), indicator.def().aggregation(), coverage));
        json.put("coverage", Json.coverage(coverage));
        return json;
    }

    /** How a value was computed from its members, in French for the panels. */
    private static String method(Catalogue catalogue, IndicatorDef.Aggregation aggregation, Coverage coverage) {
        String members = catalogue.level(coverage.from()).map(l -> l.label().toLowerCase(java.util.Locale.FRENCH))
                .orElse(coverage.from());
        String method = switch (aggregation) {
            case SUM -> "somme des valeurs par " + members;
            case RATIO -> "rapport des sommes par " + members;
            case AREA_WEIGHTED_MEAN -> "moyenne par " + members + " pondérée par la surface";
            case POPULATION_WEIGHTED_MEAN -> "moyenne par " + members + " pondérée par la population";
            case NONE -> members;
        };
        return coverage.partial() ? method + ", partiel" : method;
    }
}
