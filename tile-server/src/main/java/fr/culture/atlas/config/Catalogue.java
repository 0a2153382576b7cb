package fr.culture.atlas.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

/** The declarative catalogue: territorial levels (and, later, indicators) read from {@code config/}. */
public final class Catalogue {

    private final Map<String, LevelDef> levels;
    private final List<LevelDef> ordered;

    private Catalogue(List<LevelDef> levels) {
        Map<String, LevelDef> byId = new LinkedHashMap<>();
        for (LevelDef level : levels) {
            if (byId.put(level.id(), level) != null) {
                throw new IllegalStateException("levels.yaml: level '" + level.id() + "' is declared twice");
            }
        }
        this.levels = Map.copyOf(byId);
        this.ordered = List.copyOf(levels);
    }

    /** Reads {@code levels.yaml} from the configuration directory. */
    public static Catalogue load(Path configDir) {
        Path file = configDir.resolve("levels.yaml");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("Catalogue file not found: " + file);
        }
        Config config = Config.just(ConfigSources.file(file));
        List<LevelDef> levels = new ArrayList<>();
        for (Config node : config.get("levels").asNodeList().orElse(List.of())) {
            levels.add(new LevelDef(
                    required(node, "id", file),
                    required(node, "label", file),
                    required(node, "boundaries", file),
                    required(node, "source", file),
                    node.get("code-property").asString().orElse("code"),
                    node.get("name-property").asString().orElse("nom"),
                    node.get("min-zoom").asInt().orElse(0),
                    node.get("max-zoom").asInt().orElse(22)));
        }
        if (levels.isEmpty()) {
            throw new IllegalStateException(file + " declares no level");
        }
        return new Catalogue(levels);
    }

    private static String required(Config node, String key, Path file) {
        return node.get(key).asString().orElseThrow(() ->
                new IllegalStateException(file + ": level " + node.key() + " has no '" + key + "'"));
    }

    /** Levels from the largest to the smallest, in the order of the file. */
    public List<LevelDef> levels() {
        return ordered;
    }

    public Optional<LevelDef> level(String id) {
        return Optional.ofNullable(levels.get(id));
    }

    /** The level whose boundary tileset has this id. */
    public Optional<LevelDef> boundaries(String tileset) {
        return ordered.stream().filter(l -> l.boundaries().equals(tileset)).findFirst();
    }
}
