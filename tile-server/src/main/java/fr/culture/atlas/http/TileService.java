package fr.culture.atlas.http;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import fr.culture.atlas.config.Catalogue;
import fr.culture.atlas.config.IndicatorDef;
import fr.culture.atlas.config.LevelDef;
import fr.culture.atlas.store.IndicatorData;
import fr.culture.atlas.store.Snapshot;
import fr.culture.atlas.store.Store;
import fr.culture.atlas.tile.Tile;
import fr.culture.atlas.tile.TileCoord;
import fr.culture.atlas.tile.TileRenderer;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
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

    static final String MVT = "application/vnd.mapbox-vector-tile";
    private static final List<String> FORMATS = List.of("mvt", "pbf");
    private static final int MAX_INDICATORS = 20;

    private final Catalogue catalogue;
    private final Store store;
    private final TileRenderer renderer;
    private final HttpCaching caching;
    private final String publicUrl;

    public TileService(Catalogue catalogue, Store store, TileRenderer renderer, HttpCaching caching, String publicUrl) {
        this.catalogue = catalogue;
        this.store = store;
        this.renderer = renderer;
        this.caching = caching;
        this.publicUrl = publicUrl;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/{tileset}/{z}/{x}/{file}", this::tile)
             .get("/{file}", this::tileJson);
    }

    private void tile(ServerRequest req, ServerResponse res) {
        var p = req.path().pathParameters();
        Snapshot snapshot = snapshot(store);
        TileCoord coord = coord(p.get("z"), p.get("x"), p.get("file"));
        TileRenderer.Content content = content(snapshot, p.get("tileset"), req, coord.z());
        Tile tile = renderer.tile(snapshot, content, coord);
        caching.send(req, res, tile);
    }

    private void tileJson(ServerRequest req, ServerResponse res) {
        String file = req.path().pathParameters().get("file");
        if (!file.endsWith(".json")) {
            throw Problem.notFound("No resource at " + req.path().absolute().rawPath()
                    + "; tiles are /tiles/{tileset}/{z}/{x}/{y}.mvt and TileJSON /tiles/{tileset}.json", "known",
                    tilesets(snapshot(store)));
        }
        Snapshot snapshot = snapshot(store);
        String name = file.substring(0, file.length() - 5);
        TileRenderer.Content content = content(snapshot, name, req, -1);
        String base = PublicUrl.of(req, publicUrl);
        res.header(HeaderNames.CACHE_CONTROL, "public, max-age=60");
        Json.send(res, TileJson.of(catalogue, snapshot, name, content, base, req.query().first("level").isPresent()));
    }

    static Snapshot snapshot(Store store) {
        return store.current().orElseThrow(() -> new Problem(Status.SERVICE_UNAVAILABLE_503,
                "No data version is published yet: run ./atlas import"));
    }

    /**
     * What the tileset shows at zoom {@code z} (-1: no zoom, as for TileJSON): the level and the
     * indicators, with 4xx problems naming what is valid.
     */
    private TileRenderer.Content content(Snapshot snapshot, String name, ServerRequest req, int z) {
        if (name.equals(TileRenderer.VENUES)) {
            return new TileRenderer.Content(TileRenderer.VENUES, List.of());
        }
        Optional<LevelDef> boundaries = catalogue.boundaries(name);
        if (boundaries.isPresent()) {
            return new TileRenderer.Content(boundaries.get().id(), List.of());
        }
        IndicatorData indicator = snapshot.indicators().get(name).orElseThrow(() -> Problem.notFound(
                "Unknown tileset '" + name + "'; tilesets are indicator ids and level boundaries: "
                        + String.join(", ", tilesets(snapshot)), "known", tilesets(snapshot)));
        List<String> ids = indicatorList(snapshot, indicator.def().id(), req.query().first("indicators").orElse(null));
        Optional<String> forced = req.query().first("level").asOptional();
        String level = forced.isPresent() ? forcedLevel(indicator.def(), forced.get()) : defaultLevel(indicator, z);
        return new TileRenderer.Content(level, ids);
    }

    private List<String> indicatorList(Snapshot snapshot, String first, String extra) {
        Set<String> ids = new LinkedHashSet<>();
        ids.add(first);
        if (extra != null && !extra.isBlank()) {
            for (String id : extra.split(",")) {
                String trimmed = id.trim();
                if (snapshot.indicators().get(trimmed).isEmpty()) {
                    throw Problem.notFound("Unknown indicator '" + trimmed + "' in ?indicators=", "known",
                            snapshot.indicators().definitions().stream().map(IndicatorDef::id).toList());
                }
                ids.add(trimmed);
            }
        }
        if (ids.size() > MAX_INDICATORS) {
            throw Problem.badRequest("At most " + MAX_INDICATORS + " indicators in one tile, not " + ids.size());
        }
        return List.copyOf(ids);
    }

    private String forcedLevel(IndicatorDef def, String level) {
        List<String> known = catalogue.levels().stream().map(LevelDef::id).toList();
        if (!known.contains(level)) {
            throw Problem.notFound("Unknown level '" + level + "'; levels: " + String.join(", ", known), "known", known);
        }
        if (!def.levels().contains(level)) {
            throw new Problem(Status.BAD_REQUEST_400, "Indicator '" + def.id() + "' is not available at level '"
                    + level + "'; available: " + String.join(", ", def.levels()), Map.of("available", def.levels()));
        }
        return level;
    }

    /**
     * The level of the zoom (levels.yaml); when the indicator has no values there, the nearest
     * level it has, in catalogue order, preferring the larger one.
     */
    private String defaultLevel(IndicatorData indicator, int z) {
        List<LevelDef> levels = catalogue.levels();
        List<String> available = indicator.def().levels();
        int wanted = z < 0 ? 0 : Math.max(0, levels.indexOf(catalogue.levelAt(z).orElse(levels.getLast())));
        for (int distance = 0; distance < levels.size(); distance++) {
            for (int i : new int[] {wanted - distance, wanted + distance}) {
                if (i >= 0 && i < levels.size() && available.contains(levels.get(i).id())) {
                    return levels.get(i).id();
                }
            }
        }
        throw new Problem(Status.NOT_FOUND_404, "Indicator '" + indicator.def().id() + "' has no level with values");
    }

    /** Boundary tilesets then indicator ids. */
    private List<String> tilesets(Snapshot snapshot) {
        List<String> names = new ArrayList<>(catalogue.levels().stream().map(LevelDef::boundaries).toList());
        names.add(TileRenderer.VENUES);
        snapshot.indicators().definitions().forEach(d -> names.add(d.id()));
        return names;
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
