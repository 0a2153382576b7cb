package fr.culture.atlas.http;

import java.util.List;
import java.util.Map;

import fr.culture.atlas.config.VenueCatalogue;
import fr.culture.atlas.store.Snapshot;
import fr.culture.atlas.tile.TileCoord;
import fr.culture.atlas.tile.Layout;
import fr.culture.atlas.tile.TileRenderer;
import fr.culture.atlas.tile.Tilesets;
import fr.culture.atlas.tile.Tilesets.Tileset;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * Vector tiles: {@code /tiles/{tileset}/{z}/{x}/{y}.mvt} where the tileset is an indicator id
 * (its values on the level of the zoom, or {@code ?level=}) or a level's boundary tileset, and
 * {@code /tiles/{tileset}.json} (TileJSON 3.0).
 */
public final class TileService implements HttpService {

    private static final List<String> FORMATS = List.of("mvt", "pbf");

    private final TileServing tiles;
    private final VenueCatalogue venues;

    TileService(VenueCatalogue venues, TileServing tiles) {
        this.venues = venues;
        this.tiles = tiles;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/{tileset}/{z}/{x}/{file}", this::tile)
             .get("/{file}", this::tileJson);
    }

    private void tile(ServerRequest req, ServerResponse res) {
        var p = req.path().pathParameters();
        tiles.send(req, res, p.get("tileset"), "tileset", coord(p.get("z"), p.get("x"), p.get("file")));
    }

    private void tileJson(ServerRequest req, ServerResponse res) {
        String file = req.path().pathParameters().get("file");
        if (!file.endsWith(".json")) {
            throw Problem.notFound("No resource at " + req.path().absolute().rawPath()
                    + "; tiles are /tiles/{tileset}/{z}/{x}/{y}.mvt and TileJSON /tiles/{tileset}.json", "known",
                    Tilesets.names(Params.snapshot(tiles.store())));
        }
        // a generated style names the version its classes were computed on (?v=): that version's
        // TileJSON never changes; without it, the current one's, short-lived
        String version = req.query().first(TileServing.VERSION).orElse(null);
        Snapshot snapshot = version == null ? Params.snapshot(tiles.store()) : Params.version(tiles.store(), version);
        String name = file.substring(0, file.length() - 5);
        Tileset tileset = Params.tileset(snapshot, name, "tileset");
        TileRenderer.Content content = Params.content(snapshot, tileset, req, -1);
        String base = tiles.publicUrl().of(req, res);
        if (version == null) {
            HttpCaching.shortLived(res);
        } else {
            HttpCaching.immutable(res);
        }
        Layout layout = content.layout() == null ? null
                : tiles.renderer().layouts().get(snapshot, content.layout()).orElseThrow();
        Json.send(req, res, tileset instanceof Tilesets.Venues ? TileJson.venues(snapshot, venues, base, layout)
                : TileJson.of(snapshot, tileset, content, base, req.query().first("level").isPresent(), layout));
    }

    /** Parses z, x and "{y}.{format}", answering 400 with what is valid. */
    private static TileCoord coord(String z, String x, String file) {
        int dot = file.lastIndexOf('.');
        String format = dot < 0 ? "" : file.substring(dot + 1);
        if (!FORMATS.contains(format)) {
            throw new Problem(Status.BAD_REQUEST_400, "Unsupported tile format '" + format
                    + "'; use {y}.mvt (or .pbf)", Map.of("formats", FORMATS));
        }
        try {
            return TileCoord.parse(z, x, file.substring(0, dot));
        } catch (IllegalArgumentException e) {
            throw Problem.badRequest(e.getMessage());
        }
    }
}
