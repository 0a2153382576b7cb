package fr.culture.atlas.http;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import fr.culture.atlas.config.Catalogue;
import fr.culture.atlas.config.IndicatorDef;
import fr.culture.atlas.config.LevelDef;
import fr.culture.atlas.geo.WebMercator;
import fr.culture.atlas.store.IndicatorData;
import fr.culture.atlas.store.Snapshot;
import fr.culture.atlas.store.Territory;
import fr.culture.atlas.tile.TileRenderer;
import org.locationtech.jts.geom.Envelope;

/** TileJSON 3.0.0 documents describing a tileset to MapLibre, Leaflet or QGIS. */
final class TileJson {

    static final String ATTRIBUTION = "Sources : IGN Admin Express, Insee, Deps";
    /** Clients overzoom past this: the source detail is about a metre, a zoom-14 tile's grid cell 0.6 m. */
    static final int MAX_ZOOM = 14;

    private TileJson() {
    }

    /**
     * @param forced whether the request forced the level ({@code ?level=}): the tiles URL keeps it
     */
    static Map<String, Object> of(Catalogue catalogue, Snapshot snapshot, String name, TileRenderer.Content content,
                                  String base, boolean forced) {
        IndicatorData indicator = snapshot.indicators().get(name).orElse(null);
        String url = base + "/tiles/" + name + "/{z}/{x}/{y}.mvt"
                + (forced ? "?level=" + URLEncoder.encode(content.level(), StandardCharsets.UTF_8) : "");
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("tilejson", "3.0.0");
        json.put("name", indicator == null ? catalogue.boundaries(name).orElseThrow().label() + " (limites)"
                : indicator.def().label());
        if (indicator != null) {
            json.put("description", indicator.definition());
        }
        json.put("version", "1.0." + snapshot.version());
        json.put("attribution", ATTRIBUTION);
        json.put("scheme", "xyz");
        json.put("tiles", List.of(url));
        json.put("minzoom", 0);
        json.put("maxzoom", MAX_ZOOM);
        double[] bounds = bounds(snapshot, catalogue.levels().getFirst().id());
        json.put("bounds", bounds);
        json.put("center", new double[] {2.5, 46.6, 5});
        json.put("vector_layers", layers(catalogue, snapshot, indicator, content, forced));
        return json;
    }

    private static List<Map<String, Object>> layers(Catalogue catalogue, Snapshot snapshot, IndicatorData indicator,
                                                    TileRenderer.Content content, boolean forced) {
        List<Map<String, Object>> layers = new ArrayList<>();
        for (LevelDef level : catalogue.levels()) {
            boolean shown = forced || indicator == null ? level.id().equals(content.level())
                    : indicator.def().levels().contains(level.id()) && level.minZoom() >= 0;
            if (!shown) {
                continue;
            }
            Map<String, Object> layer = new LinkedHashMap<>();
            layer.put("id", level.id());
            layer.put("description", level.label());
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("code", "String");
            fields.put("nom", "String");
            if (indicator != null) {
                for (String id : content.indicators()) {
                    snapshot.indicators().get(id).ifPresent(other -> fields.put(id, type(other.def())));
                }
            }
            layer.put("fields", fields);
            if (!forced && indicator == null && level.minZoom() >= 0) {
                layer.put("minzoom", level.minZoom());
                layer.put("maxzoom", Math.min(level.maxZoom(), MAX_ZOOM));
            }
            layers.add(layer);
        }
        return layers;
    }

    private static String type(IndicatorDef def) {
        return switch (def.kind()) {
            case CATEGORICAL -> "String";
            case BOOLEAN -> "Boolean";
            default -> "Number";
        };
    }

    /** West, south, east, north of the largest level's territories (France and its overseas). */
    static double[] bounds(Snapshot snapshot, String level) {
        Envelope env = new Envelope();
        // the coarsest band: a few hundred vertices, from either store
        Envelope world = new Envelope(-WebMercator.HALF_WORLD, WebMercator.HALF_WORLD, -WebMercator.HALF_WORLD,
                WebMercator.HALF_WORLD);
        for (Territory t : snapshot.territories(level, 0, world)) {
            env.expandToInclude(t.geometry().getEnvelopeInternal());
        }
        if (env.isNull()) {
            return new double[] {-180, -85.0511, 180, 85.0511};
        }
        double[] b = WebMercator.lonLatBounds(env);
        for (int i = 0; i < 4; i++) {
            b[i] = Math.round(b[i] * 1e4) / 1e4;
        }
        return b;
    }
}
