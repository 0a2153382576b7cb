package fr.culture.atlas.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

import static fr.culture.atlas.config.ConfigSchema.opt;
import static fr.culture.atlas.config.ConfigSchema.req;

/** The declarative catalogue of territorial levels, read from {@code config/levels.yaml}. */
public final class Catalogue {

    /**
     * Not a level of the file: the key of France's single value of each indicator, computed from
     * a level's territories by the indicator's aggregation (a level cannot take this id).
     */
    public static final String FRANCE = "france";

    // a layout field added by a later release is ignored rather than making a kept version unreadable
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final List<LevelDef> levels;
    private final List<LayoutDef> layouts;

    /** What levels.yaml may hold (its header comment says what each key means). */
    static final ConfigSchema.Struct SCHEMA;

    static {
        var text = ConfigSchema.Scalar.TEXT;
        var texts = new ConfigSchema.FreeMap(text);
        var box = new ConfigSchema.ListOf(ConfigSchema.Scalar.NUMBER);
        var level = ConfigSchema.Struct.of("level",
                req("id", text), req("label", text), req("boundaries", text),
                opt("min-zoom", ConfigSchema.Scalar.INTEGER), opt("max-zoom", ConfigSchema.Scalar.INTEGER),
                opt("source", text), opt("code-property", text), opt("name-property", text),
                opt("dissolve", ConfigSchema.Struct.of("dissolve", req("from", text), req("file", text),
                        opt("code", text), opt("name", text), opt("members", text), opt("member-code", text))),
                opt("history", ConfigSchema.Struct.of("history", req("file", text), req("date", text),
                        opt("patches", texts))),
                opt("reference", ConfigSchema.Struct.of("reference", req("file", text), opt("where", texts),
                        opt("population", text), opt("parents", texts),
                        opt("aliases", ConfigSchema.Struct.of("aliases", req("where", texts), req("field", text))))));
        var layout = ConfigSchema.Struct.of("layout", req("id", text), opt("label", text), req("frame", box),
                opt("insets", new ConfigSchema.ListOf(ConfigSchema.Struct.of("inset", req("level", text),
                        req("code", text), req("name", text), req("box", box)))));
        SCHEMA = ConfigSchema.Struct.of("levels.yaml", req("levels", new ConfigSchema.ListOf(level)),
                opt("layouts", new ConfigSchema.ListOf(layout)));
    }


    private Catalogue(List<LevelDef> levels, List<LayoutDef> layouts) {
        this.levels = List.copyOf(levels);
        this.layouts = List.copyOf(layouts);
    }

    /** Reads and checks {@code levels.yaml} from the configuration directory. */
    public static Catalogue load(Path configDir) {
        Path file = configDir.resolve("levels.yaml");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("Catalogue file not found: " + file);
        }
        ConfigSchema.check(file, SCHEMA);
        Config config = Config.just(ConfigSources.file(file));
        List<LevelDef> levels = new ArrayList<>();
        for (Config node : config.get("levels").asNodeList().orElse(List.of())) {
            levels.add(level(node, file));
        }
        List<LayoutDef> layouts = new ArrayList<>();
        for (Config node : config.get("layouts").asNodeList().orElse(List.of())) {
            layouts.add(layout(node, file));
        }
        return of(levels, layouts, file);
    }

    /** A catalogue of the given levels, without layouts, checked as if read from {@code origin}. */
    public static Catalogue of(List<LevelDef> levels, Path origin) {
        return of(levels, List.of(), origin);
    }

    /** A catalogue of the given levels and layouts, checked as if read from {@code origin}. */
    public static Catalogue of(List<LevelDef> levels, List<LayoutDef> layouts, Path origin) {
        if (levels.isEmpty()) {
            throw new IllegalStateException(origin + " declares no level");
        }
        Set<String> ids = new HashSet<>();
        Set<String> tilesets = new HashSet<>();
        for (LevelDef level : levels) {
            if (level.id().equals(FRANCE)) {
                throw new IllegalStateException(origin + ": level id '" + FRANCE + "' is reserved for the national values");
            }
            if (!ids.add(level.id())) {
                throw new IllegalStateException(origin + ": level '" + level.id() + "' is declared twice");
            }
            if (!tilesets.add(level.boundaries())) {
                throw new IllegalStateException(origin + ": tileset '" + level.boundaries() + "' is declared twice");
            }
        }
        for (LevelDef level : levels) {
            if (level.dissolve() != null && levels.stream().noneMatch(l -> l.id().equals(level.dissolve().from())
                    && l.source() != null)) {
                throw new IllegalStateException(origin + ": level '" + level.id() + "' dissolves '"
                        + level.dissolve().from() + "', which is not a level read from a source");
            }
        }
        Set<String> layoutIds = new HashSet<>();
        for (LayoutDef layout : layouts) {
            if (!layoutIds.add(layout.id())) {
                throw new IllegalStateException(origin + ": layout '" + layout.id() + "' is declared twice");
            }
            for (LayoutDef.Inset inset : layout.insets()) {
                if (levels.stream().noneMatch(l -> l.id().equals(inset.level()))) {
                    throw new IllegalStateException(origin + ": layout '" + layout.id() + "', inset '" + inset.name()
                            + "': unknown level '" + inset.level() + "'; levels: "
                            + String.join(", ", levels.stream().map(LevelDef::id).toList()));
                }
            }
        }
        return new Catalogue(levels, layouts);
    }

    private static LayoutDef layout(Config node, Path file) {
        String id = required(node, "id", file);
        String where = file + ", layout '" + id + "'";
        List<LayoutDef.Inset> insets = new ArrayList<>();
        for (Config inset : node.get("insets").asNodeList().orElse(List.of())) {
            String name = required(inset, "name", file);
            insets.add(new LayoutDef.Inset(required(inset, "level", file), required(inset, "code", file), name,
                    box(inset.get("box"), where + ", inset '" + name + "', box")));
        }
        return new LayoutDef(id, node.get("label").asString().orElse(id), box(node.get("frame"), where + ", frame"),
                List.copyOf(insets));
    }

    /** [west, south, east, north] in degrees. */
    private static double[] box(Config node, String where) {
        List<Double> values = node.asList(Double.class).orElseThrow(() ->
                new IllegalStateException(where + ": expected [west, south, east, north] in degrees"));
        if (values.size() != 4 || values.get(0) >= values.get(2) || values.get(1) >= values.get(3)
                || values.get(1) < -85 || values.get(3) > 85) {
            throw new IllegalStateException(where + ": expected [west, south, east, north] in degrees, west < east, "
                    + "south < north, not " + values);
        }
        return new double[] {values.get(0), values.get(1), values.get(2), values.get(3)};
    }

    private static LevelDef level(Config node, Path file) {
        String id = required(node, "id", file);
        String where = file + ", level '" + id + "'";
        LevelDef.Source source = node.get("source").asString()
                .map(path -> new LevelDef.Source(path,
                        node.get("code-property").asString().orElse("code"),
                        node.get("name-property").asString().orElse("nom")))
                .orElse(null);
        Config d = node.get("dissolve");
        LevelDef.Dissolve dissolve = d.exists()
                ? new LevelDef.Dissolve(required(d, "from", file), required(d, "file", file),
                        d.get("code").asString().orElse("code"), d.get("name").asString().orElse("nom"),
                        d.get("members").asString().orElse("membres"), d.get("member-code").asString().orElse("code"))
                : null;
        if ((source == null) == (dissolve == null)) {
            throw new IllegalStateException(where + ": declare exactly one of 'source' and 'dissolve'");
        }
        Config h = node.get("history");
        LevelDef.History history = null;
        if (h.exists()) {
            try {
                history = new LevelDef.History(required(h, "file", file),
                        LocalDate.parse(required(h, "date", file)), strings(h.get("patches")));
            } catch (DateTimeParseException e) {
                throw new IllegalStateException(where + ": history date must be a quoted \"YYYY-MM-DD\"");
            }
        }
        Config r = node.get("reference");
        Config a = r.get("aliases");
        LevelDef.Aliases aliases = a.exists() ? new LevelDef.Aliases(strings(a.get("where")), required(a, "field", file))
                : null;
        LevelDef.Reference reference = r.exists()
                ? new LevelDef.Reference(required(r, "file", file), strings(r.get("where")),
                        r.get("population").asString().orElse(null), strings(r.get("parents")), aliases)
                : null;
        int min = node.get("min-zoom").asInt().orElse(-1);
        int max = node.get("max-zoom").asInt().orElse(-1);
        if ((min < 0) != (max < 0) || min > max) {
            throw new IllegalStateException(where + ": min-zoom and max-zoom go together, min <= max");
        }
        return new LevelDef(id, required(node, "label", file), required(node, "boundaries", file),
                min, max, source, dissolve, history, reference);
    }

    private static Map<String, String> strings(Config node) {
        Map<String, String> map = new LinkedHashMap<>();
        if (node.exists()) {
            node.asNodeList().orElse(List.of())
                    .forEach(child -> map.put(child.name(), child.asString().orElse("")));
        }
        return Map.copyOf(map);
    }

    private static String required(Config node, String key, Path file) {
        return node.get(key).asString().orElseThrow(() ->
                new IllegalStateException(file + ": " + node.key() + " has no '" + key + "'"));
    }

    /**
     * What a data version keeps of the catalogue it was imported with, as a JSON value: what serving
     * needs, the levels' ids, labels, tilesets and zooms, and the layouts. A running server reads
     * its levels from the version it serves, so a level added to levels.yaml appears with the
     * version that introduced it, without restart. How each level was read (source, reference,
     * history) stays with the import.
     */
    public Map<String, Object> toJson() {
        List<Map<String, Object>> served = new ArrayList<>();
        for (LevelDef level : levels) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("id", level.id());
            json.put("label", level.label());
            json.put("boundaries", level.boundaries());
            json.put("minZoom", level.minZoom());
            json.put("maxZoom", level.maxZoom());
            served.add(json);
        }
        return Map.of("levels", served, "layouts", layouts);
    }

    /** The catalogue written by {@link #toJson()}; its levels have no source, {@code origin} names where it was read. */
    public static Catalogue fromJson(JsonNode root, Path origin) {
        try {
            List<LevelDef> levels = new ArrayList<>();
            for (JsonNode level : root.path("levels")) {
                levels.add(new LevelDef(level.path("id").asText(), level.path("label").asText(),
                        level.path("boundaries").asText(), level.path("minZoom").asInt(-1),
                        level.path("maxZoom").asInt(-1), null, null, null, null));
            }
            List<LayoutDef> layouts = JSON.convertValue(root.path("layouts"), new TypeReference<List<LayoutDef>>() { });
            return of(levels, layouts, origin);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(origin + ": unreadable catalogue: " + e.getMessage(), e);
        }
    }

    /** Levels from the largest to the smallest, in the order of the file. */
    public List<LevelDef> levels() {
        return levels;
    }

    /** The composite views of {@code layouts:}, in the order of the file. */
    public List<LayoutDef> layouts() {
        return layouts;
    }

    public Optional<LayoutDef> layout(String id) {
        return layouts.stream().filter(l -> l.id().equals(id)).findFirst();
    }

    public Optional<LevelDef> level(String id) {
        return levels.stream().filter(l -> l.id().equals(id)).findFirst();
    }

    /** The level whose boundary tileset has this id. */
    public Optional<LevelDef> boundaries(String tileset) {
        return levels.stream().filter(l -> l.boundaries().equals(tileset)).findFirst();
    }

    /** The level drawn by default at zoom {@code z}: the first whose zoom range holds it. */
    public Optional<LevelDef> levelAt(int z) {
        return levels.stream().filter(l -> l.drawnAt(z)).findFirst();
    }
}
