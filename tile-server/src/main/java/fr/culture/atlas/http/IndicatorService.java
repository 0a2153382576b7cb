package fr.culture.atlas.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import fr.culture.atlas.config.IndicatorDef;
import fr.culture.atlas.config.Theme;
import fr.culture.atlas.config.LevelDef;
import fr.culture.atlas.search.Names;
import fr.culture.atlas.stats.Breaks;
import fr.culture.atlas.store.Coverage;
import fr.culture.atlas.store.IndicatorData;
import fr.culture.atlas.store.Snapshot;
import fr.culture.atlas.store.Store;
import fr.culture.atlas.view.Views;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * The indicator catalogue and values: {@code /api/indicators}, {@code /api/indicators/{id}},
 * {@code /api/indicators/{id}/values} (JSON or CSV, whole or a page of it),
 * {@code /api/indicators/{id}/values/{code}} (one territory, with its rank) and
 * {@code /api/indicators/{id}/breaks}.
 */
public final class IndicatorService implements HttpService {

    private final Store store;

    public IndicatorService(Store store) {
        this.store = store;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::list)
             .get("/{id}", this::one)
             .get("/{id}/values", this::values)
             .get("/{id}/values/{code}", this::value)
             .get("/{id}/breaks", this::breaks);
    }

    private void list(ServerRequest req, ServerResponse res) {
        Snapshot snapshot = Params.snapshot(store);
        List<Map<String, Object>> themes = new ArrayList<>();
        // the themes of indicators.yaml, in its order, as the version was imported with them
        for (Theme theme : snapshot.themes()) {
            List<Map<String, Object>> indicators = snapshot.indicators().all().stream()
                    .filter(i -> i.def().theme().equals(theme.id())).map(i -> describe(snapshot, i)).toList();
            if (!indicators.isEmpty()) {
                themes.add(Map.of("id", theme.id(), "label", theme.label(), "indicators", indicators));
            }
        }
        send(req, res, Map.of("version", snapshot.version(), "themes", themes));
    }

    private void one(ServerRequest req, ServerResponse res) {
        Snapshot snapshot = Params.snapshot(store);
        IndicatorData indicator = Params.indicator(snapshot, req.path().pathParameters().get("id"), "");
        Map<String, Object> json = describe(snapshot, indicator);
        if (indicator.def().kind().numeric()) {
            Views views = Views.of(snapshot);
            Map<String, Object> stats = new LinkedHashMap<>();
            indicator.def().levels().forEach(level -> stats.put(level, views.summary(indicator.def().id(), level)));
            json.put("statistics", stats);
        }
        send(req, res, json);
    }

    private void values(ServerRequest req, ServerResponse res) {
        Snapshot snapshot = Params.snapshot(store);
        IndicatorData indicator = Params.indicator(snapshot, req.path().pathParameters().get("id"), "");
        String level = Params.level(indicator.def(), req);
        String format = req.query().first("format").orElse("json");
        Views views = Views.of(snapshot);
        String id = indicator.def().id();
        // a level's values are made once per data version (the communes' are megabytes)
        switch (format) {
            case "json" -> {
                if (Page.asked(req)) {
                    send(req, res, page(indicator, level, views, Page.of(req)));
                    return;
                }
                HttpCaching.shortLived(res);
                res.header(HeaderNames.CONTENT_TYPE, "application/json");
                HttpCaching.sendDocument(req, res, views, new Values(id, level, "json"),
                        () -> json(indicator, level, views.rows(id, level)));
            }
            case "csv" -> {
                String sep = req.query().first("separator").orElse(",");
                if (!sep.equals(",") && !sep.equals(";")) {
                    throw new Problem(Status.BAD_REQUEST_400, "Unsupported separator '" + sep + "'; use , or ;",
                            Map.of("separators", List.of(",", ";")));
                }
                res.header(HeaderNames.CONTENT_TYPE, "text/csv; charset=UTF-8");
                res.header(HeaderNames.CONTENT_DISPOSITION, "attachment; filename=\"" + id + "-" + level + ".csv\"");
                HttpCaching.sendDocument(req, res, views, new Values(id, level, sep),
                        () -> csv(indicator, sep, views.rows(id, level)));
            }
            default -> throw new Problem(Status.BAD_REQUEST_400, "Unsupported format '" + format
                    + "'; use json or csv", Map.of("formats", List.of("json", "csv")));
        }
    }

    private static byte[] json(IndicatorData indicator, String level, List<Views.Row> rows) {
        return Json.bytes(Map.of("indicator", indicator.def().id(), "level", level, "unit", indicator.def().unit(),
                "values", rows.stream().map(IndicatorService::row).toList()));
    }

    private static Map<String, Object> row(Views.Row r) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("code", r.territory().code());
        row.put("nom", r.territory().name());
        row.put("value", r.value());
        if (r.coverage() != null) {
            row.put("coverage", Json.coverage(r.coverage()));
        }
        return row;
    }

    /**
     * A page of a level's values, for a table that shows 200 rows of 35,000 communes: {@code ?q=}
     * keeps the territories whose name or code holds it (accents, case and punctuation ignored),
     * {@code ?offset=} and {@code ?limit=} (at most {@link #MAX_LIMIT}) cut the page.
     */
    record Page(String q, int offset, int limit) {

        static final int MAX_LIMIT = 1000;

        static boolean asked(ServerRequest req) {
            return req.query().contains("q") || req.query().contains("offset") || req.query().contains("limit");
        }

        static Page of(ServerRequest req) {
            return new Page(req.query().first("q").orElse("").strip(),
                    Params.wholeNumber(req, "offset", 0, Integer.MAX_VALUE, 0),
                    Params.wholeNumber(req, "limit", 1, MAX_LIMIT, 200));
        }
    }

    private static Map<String, Object> page(IndicatorData indicator, String level, Views views, Page page) {
        List<Views.Row> rows = views.rows(indicator.def().id(), level);
        List<Views.Row> matching = rows;
        if (!page.q().isEmpty()) {
            String wanted = Names.fold(page.q());
            String[] keys = views.filterKeys(level);
            matching = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                if (keys[i].contains(wanted)) {
                    matching.add(rows.get(i));
                }
            }
        }
        int from = Math.min(page.offset(), matching.size());
        int to = (int) Math.min((long) from + page.limit(), matching.size());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("indicator", indicator.def().id());
        json.put("level", level);
        json.put("unit", indicator.def().unit());
        json.put("total", rows.size());
        json.put("matching", matching.size());
        json.put("offset", from);
        json.put("values", matching.subList(from, to).stream().map(IndicatorService::row).toList());
        return json;
    }

    /**
     * One territory's value with its rank among the level (rank 1 the highest): what a map's
     * tooltip shows, without downloading the level's values (megabytes for the communes).
     */
    private void value(ServerRequest req, ServerResponse res) {
        Snapshot snapshot = Params.snapshot(store);
        IndicatorData indicator = Params.indicator(snapshot, req.path().pathParameters().get("id"), "");
        String level = Params.level(indicator.def(), req);
        String code = req.path().pathParameters().get("code");
        int index = snapshot.indicators().row(level, code);
        if (index < 0) {
            throw new Problem(Status.NOT_FOUND_404, "No " + level + " with code '" + code
                    + "'; search by name with /api/territories/search?q=…");
        }
        Views views = Views.of(snapshot);
        Views.Row r = views.rows(indicator.def().id(), level).get(index);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("indicator", indicator.def().id());
        json.put("level", level);
        json.putAll(row(r));
        if (r.value() instanceof Double v) {
            json.put("rank", views.rank(indicator.def().id(), level, v));
        }
        send(req, res, json);
    }

    /** The key of a level's values among a snapshot's documents: JSON, or CSV with its separator. */
    private record Values(String indicator, String level, String format) {
    }

    /**
     * The open-data download: UTF-8 with a byte-order mark so that Excel shows accents right,
     * "," or ";" separated (";" suits a French Excel), empty cells for "not available". Where some
     * value of the level is partial, three more columns say what each counts (members with data,
     * members, share of their population), so that the file cannot be read as whole.
     */
    private static byte[] csv(IndicatorData indicator, String sep, List<Views.Row> rows) {
        boolean partial = rows.stream().anyMatch(r -> r.coverage() != null && r.coverage().partial());
        StringBuilder out = new StringBuilder("\uFEFF");
        out.append("code").append(sep).append("nom").append(sep).append(quote(indicator.def().id(), sep));
        if (partial) {
            out.append(sep).append("membres_comptes").append(sep).append("membres").append(sep)
                    .append("part_population_comptee");
        }
        out.append("\r\n");
        for (Views.Row r : rows) {
            out.append(quote(r.territory().code(), sep)).append(sep).append(quote(r.territory().name(), sep)).append(sep);
            if (r.value() instanceof Double d) {
                out.append(number(d, sep));
            } else if (r.value() != null) {
                out.append(quote(r.value().toString(), sep));
            }
            if (partial && r.value() != null && r.coverage() != null) {
                Coverage c = r.coverage();
                out.append(sep).append(c.counted()).append(sep).append(c.members()).append(sep)
                        .append(c.population() == null ? "" : number(c.population(), sep));
            } else if (partial) {
                out.append(sep).append(sep).append(sep);
            }
            out.append("\r\n");
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A French-separated file takes French decimal commas, as Excel expects there. */
    private static String number(double d, String sep) {
        String number = d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
        return sep.equals(";") ? number.replace('.', ',') : number;
    }

    private static String quote(String text, String sep) {
        return text.contains(sep) || text.contains("\"") || text.contains("\n")
                ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }

    private void breaks(ServerRequest req, ServerResponse res) {
        Snapshot snapshot = Params.snapshot(store);
        IndicatorData indicator = Params.indicator(snapshot, req.path().pathParameters().get("id"), "");
        if (!indicator.def().kind().numeric()) {
            throw new Problem(Status.BAD_REQUEST_400, "Indicator '" + indicator.def().id() + "' is "
                    + indicator.def().kind().name().toLowerCase(Locale.ROOT) + ": it has categories, not class breaks",
                    Map.of("categories", indicator.def().categories()));
        }
        String level = Params.level(indicator.def(), req);
        Breaks.Method method = Params.method(req);
        int classes = Params.classes(req);
        Breaks breaks = Views.of(snapshot).breaks(indicator.def().id(), level, method, classes);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("indicator", indicator.def().id());
        json.put("level", level);
        json.put("method", breaks.method());
        json.put("classes", breaks.counts().size());
        json.put("breaks", breaks.breaks());
        json.put("counts", breaks.counts());
        json.put("missing", Views.of(snapshot).summary(indicator.def().id(), level).missing());
        send(req, res, json);
    }

    static Map<String, Object> describe(Snapshot snapshot, IndicatorData indicator) {
        IndicatorDef def = indicator.def();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", def.id());
        json.put("label", def.label());
        json.put("unit", def.unit());
        json.put("theme", def.theme());
        json.put("kind", def.kind().name().toLowerCase(Locale.ROOT));
        json.put("definition", indicator.definition());
        json.put("source", indicator.source());
        json.put("year", indicator.year());
        json.put("levels", def.levels());
        // the French name of each level, from levels.yaml: a level declared there is named like the others
        Map<String, String> labels = new LinkedHashMap<>();
        def.levels().forEach(level -> labels.put(level, snapshot.catalogue().level(level).map(LevelDef::label).orElse(level)));
        json.put("levelLabels", labels);
        // how larger territories' values are made from their members', and where that was done
        json.put("aggregation", def.aggregation().id());
        json.put("computedFrom", def.computedFrom());
        json.put("france", indicator.france());
        // the source file this version was made from: a refresh changes it
        json.put("edition", indicator.edition());
        if (!def.categories().isEmpty()) {
            json.put("categories", def.categories());
        }
        json.put("palette", Params.defaultPalette(def));
        if (def.kind().numeric()) {
            json.put("classification", Map.of("method", "quantile", "classes", 5));
        }
        return json;
    }

    private static void send(ServerRequest req, ServerResponse res, Object json) {
        HttpCaching.shortLived(res);
        Json.send(req, res, json);
    }
}
