package fr.culture.atlas.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import fr.culture.atlas.config.IndicatorDef;
import fr.culture.atlas.config.LevelDef;
import fr.culture.atlas.store.IndicatorData;
import fr.culture.atlas.store.Snapshot;
import fr.culture.atlas.tile.TileCoord;
import fr.culture.atlas.tile.TileRenderer;
import fr.culture.atlas.tile.Tilesets;
import fr.culture.atlas.tile.Tilesets.Tileset;
import fr.culture.atlas.view.Views;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * OGC API – Tiles 1.0 over the same tilesets as {@code /tiles}: one collection per tileset
 * (indicator or level boundaries), each with one vector tileset in WebMercatorQuad whose tiles
 * are those of {@code /tiles/{id}/{z}/{x}/{y}.mvt} (same resolution, renderer, cache and HTTP
 * caching; {@code ?level=} and {@code ?indicators=} work too). Documents are JSON with absolute links.
 */
public final class OgcService implements HttpService {

    private static final String JSON = "application/json";
    private static final String REL = "http://www.opengis.net/def/rel/ogc/1.0/";
    private static final String TEMPLATE = "{tileMatrix}/{tileRow}/{tileCol}";
    private static final String MATRICES = "0.." + TileCoord.MAX_ZOOM;

    /**
     * What is implemented, and nothing more: no HTML, no other TMS. The API is described at
     * /openapi.json (service-desc), but in OpenAPI 3.1: the oas30 class asks for 3.0, so it is not claimed.
     */
    private static final byte[] CONFORMANCE = Json.bytes(Map.of("conformsTo", List.of(
            "http://www.opengis.net/spec/ogcapi-common-1/1.0/conf/core",
            "http://www.opengis.net/spec/ogcapi-common-1/1.0/conf/landing-page",
            "http://www.opengis.net/spec/ogcapi-common-1/1.0/conf/json",
            "http://www.opengis.net/spec/ogcapi-common-2/1.0/conf/collections",
            "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/core",
            "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/tileset",
            "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/tilesets-list",
            "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/geodata-tilesets",
            "http://www.opengis.net/spec/ogcapi-tiles-1/1.0/conf/mvt",
            "http://www.opengis.net/spec/tms/2.0/conf/tilematrixset",
            "http://www.opengis.net/spec/tms/2.0/conf/json-tilematrixset",
            "http://www.opengis.net/spec/tms/2.0/conf/tilesetmetadata",
            "http://www.opengis.net/spec/tms/2.0/conf/json-tilesetmetadata")));

    /** A link of an OGC document; null members are left out. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Link(String href, String rel, String type, String title, Boolean templated) {
        static Link of(String href, String rel, String type, String title) {
            return new Link(href, rel, type, title, null);
        }
    }

    private final TileServing tiles;

    OgcService(TileServing tiles) {
        this.tiles = tiles;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::landing)
             .get("/conformance", this::conformance)
             .get("/tileMatrixSets", this::tileMatrixSets)
             .get("/tileMatrixSets/{tms}", this::tileMatrixSet)
             .get("/collections", this::collections)
             .get("/collections/{collection}", this::collection)
             .get("/collections/{collection}/tiles", this::tilesetsList)
             .get("/collections/{collection}/tiles/{tms}", this::tileset)
             .get("/collections/{collection}/tiles/{tms}/{tileMatrix}/{tileRow}/{tileCol}", this::tile);
    }

    private void landing(ServerRequest req, ServerResponse res) {
        String ogc = tiles.publicUrl().of(req, res) + "/ogc";
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("title", "Atlas Culture des territoires");
        page.put("description", "Tuiles vectorielles des territoires et des indicateurs culturels du Deps "
                + "(ministère de la Culture)");
        page.put("attribution", TileJson.ATTRIBUTION);
        page.put("links", List.of(
                Link.of(ogc, "self", JSON, "Cette page"),
                Link.of(ogc + "/conformance", REL + "conformance", JSON, "Classes de conformité"),
                Link.of(ogc + "/collections", REL + "data", JSON, "Collections"),
                Link.of(ogc + "/tileMatrixSets", REL + "tiling-schemes", JSON, "Grilles de tuiles"),
                Link.of(tiles.publicUrl().of(req, res) + "/openapi.json", "service-desc", OpenApiService.MEDIA_TYPE,
                        "Description OpenAPI 3.1 de l’API")));
        send(req, res, page);
    }

    private void conformance(ServerRequest req, ServerResponse res) {
        sendBytes(req, res, CONFORMANCE);
    }

    private void tileMatrixSets(ServerRequest req, ServerResponse res) {
        String ogc = tiles.publicUrl().of(req, res) + "/ogc";
        Map<String, Object> tms = new LinkedHashMap<>();
        tms.put("id", WebMercatorQuad.ID);
        tms.put("title", WebMercatorQuad.TITLE);
        tms.put("uri", WebMercatorQuad.URI);
        tms.put("crs", WebMercatorQuad.CRS);
        tms.put("links", List.of(Link.of(ogc + "/tileMatrixSets/" + WebMercatorQuad.ID, REL + "tiling-scheme", JSON,
                WebMercatorQuad.TITLE)));
        send(req, res, Map.of("links", List.of(Link.of(ogc + "/tileMatrixSets", "self", JSON, "Grilles de tuiles")),
                "tileMatrixSets", List.of(tms)));
    }

    private void tileMatrixSet(ServerRequest req, ServerResponse res) {
        checkTileMatrixSet(req.path().pathParameters().get("tms"));
        sendBytes(req, res, WebMercatorQuad.JSON);
    }

    private void collections(ServerRequest req, ServerResponse res) {
        String ogc = tiles.publicUrl().of(req, res) + "/ogc";
        Snapshot snapshot = Params.snapshot(tiles.store());
        List<Map<String, Object>> collections = new ArrayList<>();
        for (String id : Tilesets.names(snapshot)) {
            collections.add(collection(ogc, snapshot, id));
        }
        send(req, res, Map.of("links", List.of(Link.of(ogc + "/collections", "self", JSON, "Collections")),
                "collections", collections));
    }

    private void collection(ServerRequest req, ServerResponse res) {
        Snapshot snapshot = Params.snapshot(tiles.store());
        String id = checkCollection(snapshot, req.path().pathParameters().get("collection"));
        send(req, res, collection(tiles.publicUrl().of(req, res) + "/ogc", snapshot, id));
    }

    private void tilesetsList(ServerRequest req, ServerResponse res) {
        Snapshot snapshot = Params.snapshot(tiles.store());
        String id = checkCollection(snapshot, req.path().pathParameters().get("collection"));
        String self = tiles.publicUrl().of(req, res) + "/ogc/collections/" + id + "/tiles";
        Map<String, Object> tileset = new LinkedHashMap<>();
        tileset.put("title", title(snapshot, id));
        tileset.put("dataType", "vector");
        tileset.put("crs", WebMercatorQuad.CRS);
        tileset.put("tileMatrixSetURI", WebMercatorQuad.URI);
        tileset.put("links", tilesetLinks(tiles.publicUrl().of(req, res) + "/ogc", id));
        send(req, res, Map.of("links", List.of(Link.of(self, "self", JSON, "Jeux de tuiles")),
                "tilesets", List.of(tileset)));
    }

    private void tileset(ServerRequest req, ServerResponse res) {
        var p = req.path().pathParameters();
        Snapshot snapshot = Params.snapshot(tiles.store());
        String id = checkCollection(snapshot, p.get("collection"));
        checkTileMatrixSet(p.get("tms"));
        String ogc = tiles.publicUrl().of(req, res) + "/ogc";
        double[] bbox = bbox(snapshot);
        Map<String, Object> tileset = new LinkedHashMap<>();
        tileset.put("title", title(snapshot, id));
        snapshot.indicators().get(id).ifPresent(i -> tileset.put("description", i.definition()));
        tileset.put("attribution", TileJson.ATTRIBUTION);
        tileset.put("dataType", "vector");
        tileset.put("crs", WebMercatorQuad.CRS);
        tileset.put("tileMatrixSetURI", WebMercatorQuad.URI);
        tileset.put("boundingBox", Map.of("lowerLeft", new double[] {bbox[0], bbox[1]},
                "upperRight", new double[] {bbox[2], bbox[3]}, "crs", WebMercatorQuad.CRS84));
        tileset.put("centerPoint", Map.of("coordinates", new double[] {2.5, 46.6}, "tileMatrix", "5",
                "crs", WebMercatorQuad.CRS84));
        tileset.put("layers", layers(snapshot, id));
        List<Link> links = new ArrayList<>(tilesetLinks(ogc, id));
        links.add(new Link(ogc + "/collections/" + id + "/tiles/" + WebMercatorQuad.ID + "/" + TEMPLATE
                + "?" + TileJson.versionQuery(snapshot), "item",
                HttpCaching.MVT, "Tuiles vectorielles (Mapbox Vector Tile)", true));
        links.add(Link.of(ogc + "/collections/" + id, "collection", JSON, title(snapshot, id)));
        tileset.put("links", links);
        send(req, res, tileset);
    }

    private void tile(ServerRequest req, ServerResponse res) {
        var p = req.path().pathParameters();
        checkTileMatrixSet(p.get("tms"));
        // the collection is checked in the version the URL names (TileServing)
        tiles.send(req, res, p.get("collection"), "collection", coord(p.get("tileMatrix"), p.get("tileRow"), p.get("tileCol")));
    }

    private Map<String, Object> collection(String ogc, Snapshot snapshot, String id) {
        Map<String, Object> collection = new LinkedHashMap<>();
        collection.put("id", id);
        collection.put("title", title(snapshot, id));
        snapshot.indicators().get(id).ifPresent(i -> collection.put("description", i.definition()));
        collection.put("attribution", TileJson.ATTRIBUTION);
        collection.put("extent", Map.of("spatial", Map.of("bbox", List.of(bbox(snapshot)),
                "crs", WebMercatorQuad.CRS84)));
        collection.put("links", List.of(
                Link.of(ogc + "/collections/" + id, "self", JSON, title(snapshot, id)),
                Link.of(ogc + "/collections/" + id + "/tiles", REL + "tilesets-vector", JSON, "Tuiles vectorielles")));
        return collection;
    }

    /** The tileset itself and its tile matrix set, in the tileset and in the tilesets list. */
    private static List<Link> tilesetLinks(String ogc, String id) {
        return List.of(
                Link.of(ogc + "/collections/" + id + "/tiles/" + WebMercatorQuad.ID, "self", JSON, WebMercatorQuad.ID),
                Link.of(ogc + "/tileMatrixSets/" + WebMercatorQuad.ID, REL + "tiling-scheme", JSON,
                        WebMercatorQuad.TITLE));
    }

    /** The indicator's label, or the level's for a boundary tileset (as in TileJSON). */
    private String title(Snapshot snapshot, String id) {
        return Tilesets.find(snapshot, id).map(Tileset::title).orElse(id);
    }

    /**
     * One layer per level the tileset draws by default, with the tile matrices it is drawn at
     * (found by asking the resolution of {@code /tiles} at each zoom) and its properties.
     */
    private List<Map<String, Object>> layers(Snapshot snapshot, String id) {
        Tileset tileset = Params.tileset(snapshot, id, "collection");
        IndicatorData indicator = tileset instanceof Tilesets.OfIndicator(IndicatorData data) ? data : null;
        List<Map<String, Object>> layers = new ArrayList<>();
        String level = null;
        int from = 0;
        for (int z = 0; z <= TileCoord.MAX_ZOOM + 1; z++) {
            String at = z > TileCoord.MAX_ZOOM ? null
                    : Tilesets.content(snapshot, tileset, z).map(TileRenderer.Content::level).orElse(null);
            if (level != null && !level.equals(at)) {
                layers.add(layer(snapshot, indicator, level, from, z - 1));
            }
            if (at != null && !at.equals(level)) {
                from = z;
            }
            level = at;
        }
        return layers;
    }

    private Map<String, Object> layer(Snapshot snapshot, IndicatorData indicator, String level, int from, int to) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("code", Map.of("type", "string", "title", "Code officiel (COG)"));
        properties.put("nom", Map.of("type", "string", "title", "Nom"));
        if (indicator != null) {
            IndicatorDef def = indicator.def();
            Map<String, Object> schema = new LinkedHashMap<>();
            schema.put("type", switch (def.kind()) {
                case CATEGORICAL -> "string";
                case BOOLEAN -> "boolean";
                default -> "number";
            });
            schema.put("title", def.label());
            if (!def.unit().isEmpty()) {
                schema.put("x-ogc-unit", def.unit());
            }
            if (!def.categories().isEmpty()) {
                schema.put("enum", def.categories().stream().map(IndicatorDef.Category::key).toList());
            }
            properties.put(def.id(), schema);
            if (snapshot.indicators().partial(def.id(), level)) {
                properties.put(def.id() + TileRenderer.PARTIAL, Map.of("type", "number", "minimum", 0, "maximum", 1,
                        "title", "Valeur partielle : part de la population des membres comptée (absent si la valeur "
                                + "est complète)"));
            }
        }
        Map<String, Object> layer = new LinkedHashMap<>();
        layer.put("id", level);
        layer.put("title", snapshot.catalogue().level(level).map(LevelDef::label).orElse(level));
        layer.put("dataType", "vector");
        layer.put("geometryDimension", 2);
        layer.put("minTileMatrix", Integer.toString(from));
        layer.put("maxTileMatrix", Integer.toString(to));
        layer.put("propertiesSchema", Map.of("type", "object", "properties", properties));
        return layer;
    }

    private double[] bbox(Snapshot snapshot) {
        return Views.bounds(snapshot);
    }

    private String checkCollection(Snapshot snapshot, String id) {
        return Params.tileset(snapshot, id, "collection").name();
    }

    private static void checkTileMatrixSet(String id) {
        if (!WebMercatorQuad.ID.equals(id)) {
            throw Problem.notFound("Unknown tile matrix set '" + id + "'; the only one is " + WebMercatorQuad.ID,
                    "known", List.of(WebMercatorQuad.ID));
        }
    }

    /**
     * Parses tileMatrix, tileRow (y, from the top) and tileCol (x): 400 when not a number, 404
     * when outside WebMercatorQuad, each with the valid range.
     */
    static TileCoord coord(String matrix, String row, String col) {
        int z = number("tileMatrix", matrix);
        int y = number("tileRow", row);
        int x = number("tileCol", col);
        if (z > TileCoord.MAX_ZOOM) {
            throw new Problem(Status.NOT_FOUND_404, "Tile matrix " + z + " is not served; tile matrices: " + MATRICES,
                    Map.of("tileMatrices", MATRICES));
        }
        long last = (1L << z) - 1;
        if (y > last || x > last) {
            throw new Problem(Status.NOT_FOUND_404, "Tile row " + y + ", column " + x + " is outside tile matrix "
                    + z + ": rows and columns go from 0 to " + last,
                    Map.of("tileMatrix", Integer.toString(z), "minTileRow", 0, "maxTileRow", last,
                            "minTileCol", 0, "maxTileCol", last));
        }
        return new TileCoord(z, x, y);
    }

    private static int number(String name, String text) {
        // at most 8 digits: anything longer is out of range anyway and must not overflow
        if (!text.matches("\\d{1,8}")) {
            throw new Problem(Status.BAD_REQUEST_400, name + " must be a whole number >= 0, not '" + text
                    + "'; tiles are .../tiles/" + WebMercatorQuad.ID + "/" + TEMPLATE,
                    Map.of("tileMatrices", MATRICES));
        }
        return Integer.parseInt(text);
    }

    private void send(ServerRequest req, ServerResponse res, Object document) {
        sendBytes(req, res, Json.bytes(document));
    }

    private void sendBytes(ServerRequest req, ServerResponse res, byte[] json) {
        HttpCaching.shortLived(res);
        res.header(HeaderNames.CONTENT_TYPE, JSON);
        HttpCaching.sendText(req, res, json);
    }
}
