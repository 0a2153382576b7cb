package fr.culture.atlas.http;

import fr.culture.atlas.store.Snapshot;
import fr.culture.atlas.store.Store;
import fr.culture.atlas.tile.TileCoord;
import fr.culture.atlas.tile.TileRenderer;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * What the XYZ tiles ({@link TileService}) and OGC API – Tiles ({@link OgcService}) share, so
 * that both serve the same tile for the same name: the store, the renderer and its cache, the
 * HTTP caching of tiles and the public URL.
 */
record TileServing(Store store, TileRenderer renderer, HttpCaching caching, PublicUrl publicUrl) {

    /** The query parameter of a tile URL that names its data version. */
    static final String VERSION = "v";

    /** Sends tile {@code coord} of tileset {@code name} as the request asks for it ({@code kind} names tilesets in problems). */
    void send(ServerRequest req, ServerResponse res, String name, String kind, TileCoord coord) {
        // ?v= names the data version (TileJSON and OGC API write it): such a URL never changes
        // content, and is served as long as the version is; a URL without it follows the current one
        String version = req.query().first(VERSION).orElse(null);
        Snapshot snapshot = version == null ? Params.snapshot(store) : Params.version(store, version);
        TileRenderer.Content content = Params.content(snapshot, Params.tileset(snapshot, name, kind), req, coord.z());
        caching.send(req, res, renderer.serve(snapshot, content, coord), version != null);
    }
}
