package fr.culture.atlas.http;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import fr.culture.atlas.config.IndicatorDef;
import fr.culture.atlas.config.LevelDef;
import fr.culture.atlas.page.French;
import fr.culture.atlas.stats.Correlation;
import fr.culture.atlas.view.Crossing;
import fr.culture.atlas.view.Views;
import fr.culture.atlas.stats.Breaks;
import fr.culture.atlas.store.IndicatorData;
import fr.culture.atlas.store.Snapshot;
import fr.culture.atlas.store.Store;
import fr.culture.atlas.style.Palettes;
import fr.culture.atlas.tile.Layouts;
import fr.culture.atlas.tile.TileRenderer;
import fr.culture.atlas.tile.Tilesets;
import fr.culture.atlas.tile.Tilesets.Tileset;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;

/**
 * What a request asks for, each read and checked in one place for every service: the data
 * version it reads (or 503), a tileset and what its tiles draw, an indicator, a level, a composite
 * view, the classification and the palette. Every refusal is a 4xx {@link Problem} naming what is valid.
 */
final class Params {

    private static final int MAX_INDICATORS = 20;

    private Params() {
    }

    /** The current snapshot, or 503 when nothing is published yet: a request reads this one only. */
    static Snapshot snapshot(Store store) {
        return store.current().orElseThrow(() -> new Problem(Status.SERVICE_UNAVAILABLE_503,
                "No data version is published yet: run ./atlas import"));
    }

    /**
     * The data version a tile URL names ({@code ?v=}, written by TileJSON and OGC API): 400 when it
     * is not a version number, 404 naming the current version when this server no longer (or never)
     * served it: the client's TileJSON is older than the grace period and must be loaded again.
     */
    static Snapshot version(Store store, String v) {
        if (!v.matches("\\d{1,18}")) {
            throw Problem.badRequest("v must be a data version number, not '" + v + "'; TileJSON writes it in the tile URLs");
        }
        long asked = Long.parseLong(v);
        return store.version(asked).orElseThrow(() -> {
            long current = snapshot(store).version();
            return Problem.notFound("Data version " + asked + " is not served: "
                    + (asked < current ? "it was replaced by a newer one longer ago than the grace period" : "it was never published")
                    + "; the current version is " + current + ": load the TileJSON again for its tile URLs",
                    "current", current);
        });
    }

    /** Indicator {@code id}, or 404 listing the indicators; {@code where} says where it was named, or "". */
    static IndicatorData indicator(Snapshot snapshot, String id, String where) {
        return snapshot.indicators().get(id).orElseThrow(() -> {
            List<String> known = snapshot.indicators().definitions().stream().map(IndicatorDef::id).toList();
            return Problem.notFound("Unknown indicator '" + id + "'" + where + "; known: " + String.join(", ", known),
                    "known", known);
        });
    }

    /**
     * Indicator {@code id} to cross with another (?{@code name}= of /api/cross, the x or y of a
     * bivariate style): 404 when unknown, 400 in French when it has categories, not numbers, or is
     * a stock (counts, amounts), which would correlate through the territories' sizes.
     */
    static IndicatorDef crossable(Snapshot snapshot, String id, String name) {
        IndicatorDef def = indicator(snapshot, id, " (" + name + ")").def();
        if (!def.kind().numeric()) {
            throw new Problem(Status.BAD_REQUEST_400, "« " + def.label() + " » est fait de catégories, pas de nombres :"
                    + " il ne se croise pas avec un autre indicateur.", Map.of("indicator", def.id(), "parameter", name));
        }
        if (def.kind().stock()) {
            // a stock grows with the territory: two of them correlate through size, not culture
            throw new Problem(Status.BAD_REQUEST_400, "« " + def.label() + " » est un effectif, qui grandit avec le territoire :"
                    + " croisez plutôt un taux (par habitant, part, densité).", Map.of("indicator", def.id(), "parameter", name));
        }
        return def;
    }

    /**
     * The level two indicators are crossed at: ?level=, by default the first level both have;
     * 400 in French naming the levels of the one that lacks it.
     */
    static String crossedLevel(Snapshot snapshot, IndicatorDef x, IndicatorDef y, ServerRequest req) {
        if (x.id().equals(y.id())) {
            throw new Problem(Status.BAD_REQUEST_400, "« " + x.label() + " » ne se croise pas avec lui-même.",
                    Map.of("indicator", x.id()));
        }
        String level = req.query().first("level").orElseGet(() -> x.levels().stream()
                .filter(y.levels()::contains).findFirst().orElse(x.levels().getFirst()));
        level(snapshot, level);
        for (IndicatorDef def : List.of(x, y)) {
            if (!def.levels().contains(level)) {
                throw new Problem(Status.BAD_REQUEST_400, "« " + def.label() + " » n’existe pas au niveau « "
                        + French.level(snapshot.catalogue(), level, false) + " » ; niveaux possibles : "
                        + String.join(", ", def.levels().stream().map(l -> French.level(snapshot.catalogue(), l, false)).toList()) + ".",
                        Map.of("indicator", def.id(), "available", def.levels()));
            }
        }
        return level;
    }

    /**
     * Two indicators crossed at a level: 400 in French when fewer than
     * {@link Correlation#MIN_POINTS} territories have both values (a relation of two points is a line).
     */
    static Crossing crossing(Views views, IndicatorDef x, IndicatorDef y, String level) {
        Crossing crossing = views.crossing(x.id(), y.id(), level);
        if (crossing.correlation() == null) {
            throw new Problem(Status.BAD_REQUEST_400, "Seuls " + crossing.points().size() + " territoires ont à la fois « "
                    + x.label() + " » et « " + y.label() + " » : il en faut au moins " + Correlation.MIN_POINTS
                    + " pour les croiser.", Map.of("n", crossing.points().size(), "minimum", Correlation.MIN_POINTS));
        }
        return crossing;
    }

    /** Level {@code id} of the snapshot's catalogue, or 404 listing the levels. */
    static String level(Snapshot snapshot, String id) {
        List<String> known = snapshot.catalogue().levels().stream().map(LevelDef::id).toList();
        if (!known.contains(id)) {
            throw Problem.notFound("Unknown level '" + id + "'; levels: " + String.join(", ", known), "known", known);
        }
        return id;
    }

    /**
     * Level {@code id} of a tile request where the indicator has values: 404 for a level the
     * version does not have (as for any unknown part of a tile's address), 400 naming the levels
     * the indicator has.
     */
    static String level(Snapshot snapshot, IndicatorDef def, String id) {
        level(snapshot, id);
        if (!def.levels().contains(id)) {
            throw notAvailable(def, id);
        }
        return id;
    }

    /**
     * The request's {@code ?level=} for the data API and generated styles, by default the largest
     * level the indicator has; any other level, known or not, is a 400 naming the levels it has.
     */
    static String level(IndicatorDef def, ServerRequest req) {
        String level = req.query().first("level").orElse(def.levels().getFirst());
        if (!def.levels().contains(level)) {
            throw notAvailable(def, level);
        }
        return level;
    }

    private static Problem notAvailable(IndicatorDef def, String level) {
        return new Problem(Status.BAD_REQUEST_400, "Indicator '" + def.id() + "' is not available at level '"
                + level + "'; available: " + String.join(", ", def.levels()), Map.of("available", def.levels()));
    }

    /** Tileset {@code name} of the snapshot, or 404 listing the tilesets; {@code kind} names them ("tileset", "collection"). */
    static Tileset tileset(Snapshot snapshot, String name, String kind) {
        return Tilesets.find(snapshot, name).orElseThrow(() -> {
            List<String> known = Tilesets.names(snapshot);
            return Problem.notFound("Unknown " + kind + " '" + name + "'; " + kind + "s are level boundaries, "
                    + Tilesets.VENUES + " and indicator ids: " + String.join(", ", known), "known", known);
        });
    }

    /**
     * What a tile of the tileset at zoom {@code z} (-1: no zoom, as for TileJSON) draws for the
     * request: an indicator on the level of the zoom or of {@code ?level=}, with the indicators
     * of {@code ?indicators=} added (at most {@value #MAX_INDICATORS}); any tileset in the
     * composite view of {@code ?layout=}.
     */
    static TileRenderer.Content content(Snapshot snapshot, Tileset tileset, ServerRequest req, int z) {
        String layout = layout(snapshot, req);
        if (!(tileset instanceof Tilesets.OfIndicator(IndicatorData indicator))) {
            TileRenderer.Content content = Tilesets.content(snapshot, tileset, z).orElseThrow();
            return new TileRenderer.Content(content.level(), content.indicators(), layout);
        }
        IndicatorDef def = indicator.def();
        var forced = req.query().first("level").asOptional();
        String level = forced.isPresent() ? level(snapshot, def, forced.get())
                : Tilesets.levelAt(snapshot.catalogue(), def, z).orElseThrow(() -> new Problem(Status.NOT_FOUND_404,
                        "Indicator '" + def.id() + "' has no level with values"));
        // the added indicators in one order, without repeats: ?indicators=a,b and b,a,a are one tile
        // and one cache entry, not three an attacker could multiply
        Set<String> added = new TreeSet<>();
        for (String id : req.query().first("indicators").orElse("").split(",")) {
            if (!id.isBlank()) {
                added.add(indicator(snapshot, id.trim(), " in ?indicators=").def().id());
            }
        }
        added.remove(def.id());
        List<String> ids = new ArrayList<>(added.size() + 1);
        ids.add(def.id());
        ids.addAll(added);
        if (ids.size() > MAX_INDICATORS) {
            throw Problem.badRequest("At most " + MAX_INDICATORS + " indicators in one tile, not " + ids.size());
        }
        return new TileRenderer.Content(level, List.copyOf(ids), layout);
    }

    /** The request's {@code ?layout=} (a composite view of levels.yaml), null when absent; 404 when unknown. */
    static String layout(Snapshot snapshot, ServerRequest req) {
        var value = req.query().first("layout").asOptional();
        if (value.isEmpty()) {
            return null;
        }
        List<String> known = Layouts.ids(snapshot);
        if (!known.contains(value.get())) {
            throw Problem.notFound("Unknown layout '" + value.get() + "'; layouts: " + String.join(", ", known),
                    "known", known);
        }
        return value.get();
    }

    /** The ?method= of the request (default quantile), or 400 listing the methods. */
    static Breaks.Method method(ServerRequest req) {
        List<String> methods = Arrays.stream(Breaks.Method.values()).map(Breaks.Method::id).toList();
        String methodName = req.query().first("method").orElse("quantile");
        if (!methods.contains(methodName)) {
            throw new Problem(Status.BAD_REQUEST_400, "Unknown method '" + methodName + "'; methods: "
                    + String.join(", ", methods), Map.of("methods", methods));
        }
        return Breaks.Method.parse(methodName);
    }

    /** The ?classes= of the request (default 5), or 400 giving the range. */
    static int classes(ServerRequest req) {
        return wholeNumber(req, "classes", Breaks.MIN_CLASSES, Breaks.MAX_CLASSES, 5);
    }

    /** A whole-number query parameter from {@code min} to {@code max} ({@code fallback} when absent), or 400 giving the range. */
    static int wholeNumber(ServerRequest req, String name, int min, int max, int fallback) {
        String text = req.query().first(name).orElse(Integer.toString(fallback));
        long n = text.matches("\\d{1,10}") ? Long.parseLong(text) : -1;
        if (n < min || n > max) {
            throw new Problem(Status.BAD_REQUEST_400, name + " must be a whole number from " + min + " to " + max
                    + ", not '" + text + "'", Map.of("minimum", min, "maximum", max));
        }
        return (int) n;
    }

    /**
     * The default ColorBrewer scheme of the indicator, safe for colour-blind readers (see
     * style.Palettes): sequential for numbers and for ordered categories, qualitative for others.
     */
    static String defaultPalette(IndicatorDef def) {
        if (def.kind().numeric() || def.ordered()) {
            return "YlGnBu";
        }
        return def.kind() == IndicatorDef.Kind.BOOLEAN ? "Paired" : "Dark2";
    }

    /**
     * The ?palette= of the request, by default the one the data API announces for the indicator:
     * a colour-blind-safe ColorBrewer scheme of a type that suits it, with enough colours for its
     * categories; 400 listing them otherwise.
     */
    static Palettes.Palette palette(IndicatorDef def, ServerRequest req) {
        List<Palettes.Type> types = def.kind().numeric()
                ? List.of(Palettes.Type.SEQUENTIAL, Palettes.Type.DIVERGING)
                : List.of(Palettes.Type.QUALITATIVE, Palettes.Type.SEQUENTIAL);
        List<String> valid = Palettes.names(types).stream()
                .filter(n -> def.kind() != IndicatorDef.Kind.CATEGORICAL
                        || Palettes.get(n).orElseThrow().maxClasses() >= def.categories().size())
                .toList();
        String name = req.query().first("palette").orElse(defaultPalette(def));
        if (!valid.contains(name)) {
            throw new Problem(Status.BAD_REQUEST_400, "Unsupported palette '" + name + "' for indicator '" + def.id()
                    + "'; colour-blind-safe ColorBrewer palettes for it: " + String.join(", ", valid),
                    Map.of("palettes", valid));
        }
        return Palettes.get(name).orElseThrow();
    }
}
