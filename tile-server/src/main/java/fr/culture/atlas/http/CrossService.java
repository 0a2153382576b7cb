package fr.culture.atlas.http;

import java.util.LinkedHashMap;
import java.util.Map;

import fr.culture.atlas.config.IndicatorDef;
import fr.culture.atlas.stats.Correlation;
import fr.culture.atlas.store.Snapshot;
import fr.culture.atlas.store.Store;
import fr.culture.atlas.view.Crossing;
import fr.culture.atlas.view.Views;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * {@code /api/cross?x=&y=&level=}: two numeric indicators crossed at a level, for the scatter
 * plot beside a bivariate map: the territories that have both values, Pearson's r, Spearman's ρ
 * and the least-squares line. Its problems are written for the visitor who crossed the two, in
 * French (the homepage and the widget show their detail as it is), with the machine-readable
 * members beside.
 */
public final class CrossService implements HttpService {

    private final Store store;

    public CrossService(Store store) {
        this.store = store;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::cross);
    }

    /** The key of a crossing's JSON, made once per version. */
    private record Crossed(String x, String y, String level, boolean points) {
    }

    private void cross(ServerRequest req, ServerResponse res) {
        Snapshot snapshot = Params.snapshot(store);
        IndicatorDef x = Params.crossable(snapshot, required(req, "x"), "x");
        IndicatorDef y = Params.crossable(snapshot, required(req, "y"), "y");
        String level = Params.crossedLevel(snapshot, x, y, req);
        // ?points=false: the figures alone, for a level whose points would be megabytes (communes)
        boolean points = !"false".equals(req.query().first("points").orElse("true"));
        Views views = Views.of(snapshot);
        Crossing crossing = Params.crossing(views, x, y, level);
        HttpCaching.shortLived(res);
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        HttpCaching.sendDocument(req, res, views, new Crossed(x.id(), y.id(), level, points),
                () -> Json.bytes(json(x, y, level, crossing, points)));
    }

    private static String required(ServerRequest req, String name) {
        return req.query().first(name).orElseThrow(() -> new Problem(Status.BAD_REQUEST_400,
                "Il manque l’indicateur ?" + name + "= à croiser.", Map.of("parameter", name)));
    }

    private static Map<String, Object> json(IndicatorDef x, IndicatorDef y, String level, Crossing crossing, boolean points) {
        Correlation c = crossing.correlation();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("x", axis(x));
        json.put("y", axis(y));
        json.put("level", level);
        json.put("n", c.n());
        json.put("pearson", finite(c.pearson()));
        json.put("spearman", finite(c.spearman()));
        Map<String, Object> line = new LinkedHashMap<>(); // null members: no Map.of
        line.put("slope", finite(c.slope()));
        line.put("intercept", finite(c.intercept()));
        json.put("line", line);
        if (points) {
            json.put("points", crossing.points().stream()
                    .map(p -> Map.of("code", p.code(), "nom", p.nom(), "x", p.x(), "y", p.y())).toList());
        }
        return json;
    }

    private static Map<String, Object> axis(IndicatorDef def) {
        return Map.of("id", def.id(), "label", def.label(), "unit", def.unit());
    }

    /** A coefficient of values that do not vary is no number: null in JSON. */
    private static Object finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
