package fr.culture.atlas.http;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import fr.culture.atlas.config.Catalogue;
import fr.culture.atlas.config.IndicatorDef;
import fr.culture.atlas.config.LevelDef;
import fr.culture.atlas.store.IndicatorData;
import fr.culture.atlas.store.Snapshot;
import fr.culture.atlas.tile.TileRenderer;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;

/**
 * The tilesets a snapshot serves and what each shows: a level's boundaries, or an indicator on
 * the level of the zoom (or {@code ?level=}) with {@code ?indicators=} added. Shared by the XYZ
 * tiles ({@link TileService}) and OGC API – Tiles ({@link OgcService}), so that both serve the
 * same tile for the same name; every refusal is a 4xx {@link Problem} naming what is valid.
 */
final class Tilesets {

    private static final int MAX_INDICATORS = 20;

    private Tilesets() {
    }

    /** What tileset {@code name} shows at zoom {@code z} (-1: no zoom), with the request's {@code ?level=} and {@code ?indicators=}. */
    static TileRenderer.Content content(Snapshot snapshot, String name, ServerRequest req, int z) {
        TileRenderer.Content content = content(snapshot, name, req.query().first("level").asOptional(),
                req.query().first("indicators").asOptional(), z);
        String layout = Params.layout(snapshot, req);
        return layout == null ? content : new TileRenderer.Content(content.level(), content.indicators(), layout);
    }

    /**
     * What tileset {@code name} shows at zoom {@code z} (-1: no zoom, as for TileJSON): the level
     * and the indicators.
     *
     * @param forcedLevel a level id that replaces the level of the zoom
     * @param extra       comma-separated indicator ids added to the tileset's own
     */
    static TileRenderer.Content content(Snapshot snapshot, String name, Optional<String> forcedLevel, Optional<String> extra,
                                 int z) {
        if (name.equals(TileRenderer.VENUES)) {
            return new TileRenderer.Content(TileRenderer.VENUES, List.of());
        }
        Optional<LevelDef> boundaries = snapshot.catalogue().boundaries(name);
        if (boundaries.isPresent()) {
            return new TileRenderer.Content(boundaries.get().id(), List.of());
        }
        IndicatorData indicator = snapshot.indicators().get(name).orElseThrow(() -> Problem.notFound(
                "Unknown tileset '" + name + "'; tilesets are indicator ids and level boundaries: "
                        + String.join(", ", names(snapshot)), "known", names(snapshot)));
        List<String> ids = indicatorList(snapshot, indicator.def().id(), extra.orElse(null));
        String level = forcedLevel.isPresent() ? Params.level(snapshot, indicator.def(), forcedLevel.get())
                : defaultLevel(snapshot, indicator.def(), z);
        return new TileRenderer.Content(level, ids);
    }

    /** Boundary tilesets then indicator ids. */
    static List<String> names(Snapshot snapshot) {
        List<String> names = new ArrayList<>(snapshot.catalogue().levels().stream().map(LevelDef::boundaries).toList());
        names.add(TileRenderer.VENUES);
        snapshot.indicators().definitions().forEach(d -> names.add(d.id()));
        return names;
    }

    private static List<String> indicatorList(Snapshot snapshot, String first, String extra) {
        Set<String> ids = new LinkedHashSet<>();
        ids.add(first);
        if (extra != null && !extra.isBlank()) {
            for (String id : extra.split(",")) {
                String trimmed = id.trim();
                ids.add(Params.indicator(snapshot, trimmed, " in ?indicators=").def().id());
            }
        }
        if (ids.size() > MAX_INDICATORS) {
            throw Problem.badRequest("At most " + MAX_INDICATORS + " indicators in one tile, not " + ids.size());
        }
        return List.copyOf(ids);
    }

    /**
     * The level of the zoom (levels.yaml); when the indicator has no values there, the nearest
     * level it has, in catalogue order, preferring the larger one.
     */
    static String defaultLevel(Snapshot snapshot, IndicatorDef indicator, int z) {
        Catalogue catalogue = snapshot.catalogue();
        List<LevelDef> levels = catalogue.levels();
        List<String> available = indicator.levels();
        int wanted = z < 0 ? 0 : Math.max(0, levels.indexOf(catalogue.levelAt(z).orElse(levels.getLast())));
        for (int distance = 0; distance < levels.size(); distance++) {
            for (int i : new int[] {wanted - distance, wanted + distance}) {
                if (i >= 0 && i < levels.size() && available.contains(levels.get(i).id())) {
                    return levels.get(i).id();
                }
            }
        }
        throw new Problem(Status.NOT_FOUND_404, "Indicator '" + indicator.id() + "' has no level with values");
    }
}
