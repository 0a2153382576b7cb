package fr.culture.atlas.http;

import java.nio.charset.StandardCharsets;

import fr.culture.atlas.config.Catalogue;
import fr.culture.atlas.page.Editorial;
import fr.culture.atlas.page.Html;
import fr.culture.atlas.page.LocatorMap;
import fr.culture.atlas.page.PortraitPage;
import fr.culture.atlas.store.IndicatorData;
import fr.culture.atlas.store.Snapshot;
import fr.culture.atlas.store.Store;
import fr.culture.atlas.store.Territory;
import fr.culture.atlas.view.Portrait;
import fr.culture.atlas.view.Views;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * Portraits as pages: {@code /portrait/{level}/{code}} and {@code /portrait/france}, HTML made on
 * the server from the same {@link Portrait} as the JSON portrait, with the Deps' analysis of
 * {@code content/portraits/} above the figures ({@link Editorial}), and {@code /portrait/portrait.js},
 * the print button. A visitor who mistypes an address gets a French page, not a JSON problem.
 */
final class PortraitService implements HttpService {

    private static final String HTML = "text/html; charset=UTF-8";
    private static final byte[] SCRIPT = PortraitPage.SCRIPT.getBytes(StandardCharsets.UTF_8);

    private final Store store;
    private final Editorial editorial;
    private final PublicUrl publicUrl;

    PortraitService(Store store, Editorial editorial, PublicUrl publicUrl) {
        this.store = store;
        this.editorial = editorial;
        this.publicUrl = publicUrl;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/portrait.js", this::script)
             .get("/" + Catalogue.FRANCE, this::france)
             .get("/{level}/{code}", this::territory);
    }

    /** The key of a portrait page among a snapshot's documents (the indicator its link describes, or null). */
    private record Page(String level, String code, String indicator) {
    }

    private void territory(ServerRequest req, ServerResponse res) {
        Snapshot snapshot = Params.snapshot(store);
        var path = req.path().pathParameters();
        String level = path.get("level");
        String code = path.get("code");
        int row = snapshot.catalogue().level(level).isPresent() ? snapshot.indicators().row(level, code) : -1;
        if (row < 0) {
            notFound(req, res, snapshot, level, code);
            return;
        }
        Territory territory = snapshot.territories(level).get(row);
        Views views = Views.of(snapshot);
        String indicator = shared(req, snapshot);
        byte[] page = views.document(new Page(level, territory.code(), indicator), () -> {
            Portrait portrait = Portrait.of(snapshot, views, level, territory);
            return render(snapshot, views, portrait, indicator);
        });
        send(req, res, page, level, territory.code());
    }

    private void france(ServerRequest req, ServerResponse res) {
        Snapshot snapshot = Params.snapshot(store);
        Views views = Views.of(snapshot);
        String indicator = shared(req, snapshot);
        byte[] page = views.document(new Page(Catalogue.FRANCE, null, indicator),
                () -> render(snapshot, views, Portrait.france(snapshot), indicator));
        send(req, res, page, Catalogue.FRANCE, IndicatorData.FRANCE_CODE);
    }

    /**
     * {@code ?indicator=}: the indicator a shared link is about (a panel's "Fiche du territoire"
     * names the one shown), which the Open Graph sentence describes; an unknown one is ignored
     * (and makes no page of its own among the snapshot's documents).
     */
    private static String shared(ServerRequest req, Snapshot snapshot) {
        return req.query().first("indicator").asOptional()
                .filter(id -> snapshot.indicators().get(id).isPresent()).orElse(null);
    }

    private static byte[] render(Snapshot snapshot, Views views, Portrait portrait, String indicator) {
        Portrait.Entry shared = indicator == null ? null : portrait.entry(indicator).orElse(null);
        String html = PortraitPage.render(snapshot.catalogue(), snapshot.themes(), portrait, shared,
                LocatorMap.svg(snapshot, views, portrait), snapshot.version());
        return html.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The page with this request's base URL and the analysis as the file is now (read again when
     * it changed: a new or edited file is served without restart). A minute of caching, as every
     * answer that follows the data version.
     */
    private void send(ServerRequest req, ServerResponse res, byte[] page, String level, String code) {
        String base = publicUrl.of(req, res);
        String analysis = editorial.html(level, code).orElse(null);
        String html = PortraitPage.complete(new String(page, StandardCharsets.UTF_8), base, analysis);
        HttpCaching.shortLived(res);
        res.header(HeaderNames.CONTENT_TYPE, HTML);
        HttpCaching.sendText(req, res, html.getBytes(StandardCharsets.UTF_8));
    }

    /** A French 404 page: a visitor followed a link or mistyped an address. */
    private static void notFound(ServerRequest req, ServerResponse res, Snapshot snapshot, String level, String code) {
        String levels = String.join(", ", snapshot.catalogue().levels().stream().map(fr.culture.atlas.config.LevelDef::id).toList());
        String html = "<!doctype html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<meta name=\"robots\" content=\"noindex\">\n"
                + "<title>Territoire introuvable · Atlas Culture des territoires</title>\n</head>\n<body>\n<main>\n"
                + "<h1>Territoire introuvable</h1>\n<p>L’atlas n’a pas de territoire « " + Html.escape(code)
                + " » au niveau « " + Html.escape(level) + " ». Les niveaux sont : " + Html.escape(levels) + ".</p>\n"
                + "<p><a href=\"/\">Chercher un territoire sur la carte de l’atlas</a> · "
                + "<a href=\"/portrait/france\">Portrait de la France</a></p>\n</main>\n</body>\n</html>\n";
        res.status(Status.NOT_FOUND_404);
        res.header(HeaderNames.CONTENT_TYPE, HTML);
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.send(html.getBytes(StandardCharsets.UTF_8));
    }

    /** The print button's script; five minutes, as StaticFiles' unhashed names. */
    private void script(ServerRequest req, ServerResponse res) {
        res.header(HeaderNames.CONTENT_TYPE, "text/javascript; charset=UTF-8");
        res.header(HeaderNames.CACHE_CONTROL, "public, max-age=300");
        res.send(SCRIPT);
    }
}
