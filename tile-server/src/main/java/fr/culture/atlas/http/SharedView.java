package fr.culture.atlas.http;

import fr.culture.atlas.page.Html;
import fr.culture.atlas.page.Sharing;
import fr.culture.atlas.store.IndicatorData;
import fr.culture.atlas.store.Snapshot;
import fr.culture.atlas.store.Store;
import fr.culture.atlas.view.Portrait;
import fr.culture.atlas.view.Views;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * What a shared homepage view says when its link is pasted in a message: the homepage is a
 * static page drawn by JavaScript, so for {@code /?indicator=…&level=…&territory=…} the server
 * puts Open Graph tags into its head ({@link StaticFiles}), with the value and the rank of the
 * territory as the panel shows them (the same {@link Portrait.Entry}).
 */
final class SharedView {

    private final Store store;
    private final PublicUrl publicUrl;

    SharedView(Store store, PublicUrl publicUrl) {
        this.store = store;
        this.publicUrl = publicUrl;
    }

    /**
     * The tags of the view the query names, or null when it names no published indicator (the
     * page is then sent as it is). An unknown level or territory describes the indicator's map.
     */
    String tags(ServerRequest req, ServerResponse res) {
        var query = req.query();
        Snapshot snapshot = store.current().orElse(null);
        IndicatorData indicator = snapshot == null ? null
                : query.first("indicator").flatMap(id -> snapshot.indicators().get(id)).orElse(null);
        if (indicator == null) {
            return null;
        }
        String level = query.first("level").filter(l -> indicator.def().levels().contains(l))
                .orElse(indicator.def().levels().getFirst());
        int row = query.first("territory").asOptional().map(code -> snapshot.indicators().row(level, code)).orElse(-1);
        String title;
        String description;
        if (row >= 0) {
            var territory = snapshot.territories(level).get(row);
            Portrait.Entry entry = Portrait.entry(snapshot, Views.of(snapshot), indicator, level, territory);
            title = indicator.def().label() + " : " + territory.name();
            description = Sharing.sentence(snapshot.catalogue(), level, territory.name(), entry);
        } else {
            title = indicator.def().label();
            description = Sharing.mapSentence(snapshot.catalogue(), indicator, level);
        }
        String url = publicUrl.of(req, res) + "/?" + query.rawValue();
        return Sharing.openGraph(title + " · Atlas Culture des territoires", description, Html.escape(url), "website")
                + "<meta name=\"description\" content=\"" + Html.escape(description) + "\">\n";
    }
}
