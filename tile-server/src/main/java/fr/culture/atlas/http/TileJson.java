package fr.culture.atlas.http;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import fr.culture.atlas.config.IndicatorDef;
import fr.culture.atlas.config.LevelDef;
import fr.culture.atlas.config.VenueCatalogue;
import fr.culture.atlas.store.IndicatorData;
import fr.culture.atlas.store.Snapshot;
import fr.culture.atlas.tile.Layout;
import fr.culture.atlas.tile.TileEncoder;
import fr.culture.atlas.tile.TileRenderer;
import fr.culture.atlas.tile.Tilesets;
import fr.culture.atlas.tile.Tilesets.Tileset;
import fr.culture.atlas.view.Views;

/** TileJSON 3.0.0 documents describing a tileset to MapLibre, Leaflet or QGIS. */
public final class TileJson {

    static final String ATTRIBUTION = "Sources : IGN Admin Express, Insee, Deps";
    /** Clients overzoom past this: the source detail is about a metre, a zoom-14 tile's grid cell 0.6 m. */
    static final int MAX_ZOOM = 14;

    private TileJson() {
    }

    /**
     * The venues tileset: one point layer per family, clusters below {@code clusterBelowZoom}.
     */
    static Map<String, Object> venues(Snapshot snapshot, VenueCatalogue venues, String base, Layout layout) {
        Map<String, Object> json = header(snapshot, new Tilesets.Venues().title(), base + "/tiles/" + Tilesets.VENUES
                + "/{z}/{x}/{y}.mvt?" + versionQuery(snapshot) + (layout == null ? ""
                : "&layout=" + URLEncoder.encode(layout.def().id(), StandardCharsets.UTF_8)));
        json.put("description", "Lieux culturels par famille; en dessous du zoom " + venues.clusterBelowZoom()
                + ", regroupés (count, discipline dominante)");
        footer(json, snapshot);
        List<Map<String, Object>> layers = new ArrayList<>();
        for (VenueCatalogue.Family family : venues.families()) {
            Map<String, Object> layer = new LinkedHashMap<>();
            layer.put("id", family.id());
            layer.put("description", family.label());
            Map<String, String> fields = new LinkedHashMap<>();
            // clusters carry id, count and discipline; single venues the rest
            fields.put("id", "Number");
            fields.put("count", "Number");
            fields.put("nom", "String");
            fields.put("type", "String");
            fields.put("discipline", "String");
            fields.put("labels", "String");
            fields.put("commune", "String");
            layer.put("fields", fields);
            layers.add(layer);
        }
        json.put("vector_layers", layers);
        return json;
    }

    /**
     * @param forced whether the request forced the level ({@code ?level=}): the tiles URL keeps it,
     *               as it keeps the indicators added with {@code ?indicators=}
     * @param layout the composite view of {@code content.layout()}, or null: the tiles URL keeps it,
     *               bounds and centre are the view's
     */
    static Map<String, Object> of(Snapshot snapshot, Tileset tileset, TileRenderer.Content content, String base,
                                  boolean forced, Layout layout) {
        IndicatorData indicator = tileset instanceof Tilesets.OfIndicator(IndicatorData data) ? data : null;
        List<String> query = new ArrayList<>();
        query.add(versionQuery(snapshot));
        if (forced) {
            query.add("level=" + URLEncoder.encode(content.level(), StandardCharsets.UTF_8));
        }
        if (indicator != null && content.indicators().size() > 1) {
            // the indicators added with ?indicators= (a bivariate map's second one): its tiles carry them too
            query.add("indicators=" + URLEncoder.encode(String.join(",", content.indicators().subList(1, content.indicators().size())),
                    StandardCharsets.UTF_8));
        }
        if (layout != null) {
            query.add("layout=" + URLEncoder.encode(layout.def().id(), StandardCharsets.UTF_8));
        }
        String url = base + "/tiles/" + tileset.name() + "/{z}/{x}/{y}.mvt?" + String.join("&", query);
        Map<String, Object> json = header(snapshot, tileset.title(), url);
        if (indicator != null) {
            json.put("description", indicator.definition());
        }
        footer(json, snapshot);
        if (layout != null) {
            double[] b = layout.lonLatBounds();
            json.put("bounds", b);
            json.put("center", new double[] {(b[0] + b[2]) / 2, (b[1] + b[3]) / 2, 4});
        }
        json.put("vector_layers", layers(snapshot, indicator, content, forced));
        return json;
    }

    /**
     * The TileJSON a PMTiles archive of a tileset carries as its metadata: what the server's
     * /tiles/{tileset}.json says ({@code ?layout=} of {@code layout} unless null), with the
     * archive's tiles URL left to the reader.
     */
    public static Map<String, Object> forArchive(Snapshot snapshot, Tileset tileset, VenueCatalogue venues, Layout layout) {
        Map<String, Object> json = tileset instanceof Tilesets.Venues ? venues(snapshot, venues, "", layout)
                : of(snapshot, tileset, Tilesets.content(snapshot, tileset, -1).orElseThrow(), "", false, layout);
        json.remove("tiles");
        return json;
    }

    /**
     * The query naming the snapshot's data version in its tile URLs: each such URL never changes
     * content (a year, immutable, for browsers and CDNs), and a map that loaded this document before
     * a refresh goes on getting the tiles of this version for the grace period.
     */
    static String versionQuery(Snapshot snapshot) {
        return TileServing.VERSION + "=" + snapshot.version();
    }

    private static Map<String, Object> header(Snapshot snapshot, String name, String url) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("tilejson", "3.0.0");
        json.put("name", name);
        json.put("version", "1.0." + snapshot.version());
        json.put("attribution", ATTRIBUTION);
        json.put("scheme", "xyz");
        json.put("tiles", List.of(url));
        return json;
    }

    private static void footer(Map<String, Object> json, Snapshot snapshot) {
        json.put("minzoom", 0);
        json.put("maxzoom", MAX_ZOOM);
        json.put("bounds", Views.bounds(snapshot));
        json.put("center", new double[] {2.5, 46.6, 5});
    }

    private static List<Map<String, Object>> layers(Snapshot snapshot, IndicatorData indicator,
                                                    TileRenderer.Content content, boolean forced) {
        List<Map<String, Object>> layers = new ArrayList<>();
        for (LevelDef level : snapshot.catalogue().levels()) {
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
            // the label points: names of the territories that matter at the zoom, and the values
            // of counts and amounts for proportional symbols
            Map<String, Object> points = new LinkedHashMap<>(layer);
            points.put("id", TileEncoder.pointLayer(level.id()));
            points.put("description", level.label() + " : points d’étiquette (nom selon la population, "
                    + "valeurs des effectifs et montants)");
            Map<String, String> pointFields = new LinkedHashMap<>(fields);
            pointFields.put("population", "Number");
            points.put("fields", pointFields);
            layers.add(points);
            // a value computed from members of which some had no data says how much it counts
            // (polygons only: the symbols carry the values alone)
            if (indicator != null) {
                for (String id : content.indicators()) {
                    if (snapshot.indicators().partial(id, level.id())) {
                        fields.put(id + TileRenderer.PARTIAL, "Number");
                    }
                }
            }
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
}
