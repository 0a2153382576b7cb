package fr.culture.atlas.http;

import java.util.List;
import java.util.Map;

import fr.culture.atlas.config.Catalogue;
import fr.culture.atlas.config.LevelDef;
import fr.culture.atlas.geo.ZoomBands;
import fr.culture.atlas.store.Snapshot;
import fr.culture.atlas.store.Store;
import fr.culture.atlas.tile.TileCoord;
import fr.culture.atlas.tile.TileEncoder;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** Vector tiles: {@code /tiles/{tileset}/{z}/{x}/{y}.mvt}. */
public final class TileService implements HttpService {

    static final String MVT = "application/vnd.mapbox-vector-tile";
    private static final List<String> FORMATS = List.of("mvt", "pbf");

    private final Catalogue catalogue;
    private final Store store;
    private final TileEncoder encoder = new TileEncoder();
    private final List<String> tilesets;

    public TileService(Catalogue catalogue, Store store) {
        this.catalogue = catalogue;
        this.store = store;
        this.tilesets = catalogue.levels().stream().map(LevelDef::boundaries).toList();
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/{tileset}/{z}/{x}/{file}", this::tile);
    }

    private void tile(ServerRequest req, ServerResponse res) {
        var p = req.path().pathParameters();
        String tileset = p.get("tileset");
        LevelDef level = catalogue.boundaries(tileset).orElseThrow(() ->
                Problem.notFound("Unknown tileset '" + tileset + "'; known: " + String.join(", ", tilesets),
                        "known", tilesets));
        TileCoord tile = coord(p.get("z"), p.get("x"), p.get("file"));
        Snapshot snapshot = store.current().orElseThrow(() -> new Problem(Status.SERVICE_UNAVAILABLE_503,
                "No data version is published yet: run ./atlas import"));
        byte[] bytes = encoder.encode(tile, level.id(), snapshot.territories(level.id(),
                ZoomBands.of(tile.z()).index(), tile.envelope((double) TileEncoder.BUFFER / TileEncoder.EXTENT)));
        if (bytes.length == 0) {
            res.status(Status.NO_CONTENT_204).send();
            return;
        }
        res.header(HeaderNames.CONTENT_TYPE, MVT);
        res.send(bytes);
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
