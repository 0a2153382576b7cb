package fr.culture.atlas.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

import static fr.culture.atlas.config.ConfigSchema.opt;
import static fr.culture.atlas.config.ConfigSchema.req;

/**
 * The indicator catalogue, {@code config/indicators.yaml}: the Excel files and how to read them,
 * and the indicators computed from them. Every problem of the file is collected and thrown at
 * once, so that a Deps editor fixes them in one pass.
 */
public final class IndicatorCatalogue {

    /** What indicators.yaml may hold (its header comment says what each key means). */
    static final ConfigSchema.Struct SCHEMA;

    static {
        var text = ConfigSchema.Scalar.TEXT;
        var texts = new ConfigSchema.ListOf(text);
        var sheet = ConfigSchema.Struct.of("sheet", req("level", text), opt("sheet", text),
                opt("code", text), opt("name", text), opt("join", text),
                opt("columns", new ConfigSchema.FreeMap(text)));
        var file = ConfigSchema.Struct.of("file", req("id", text), req("path", text),
                opt("meta-sheet", text), opt("definition", text), opt("source", text),
                opt("year", text), opt("header-row", ConfigSchema.Scalar.INTEGER),
                opt("missing-values", new ConfigSchema.ListOf(ConfigSchema.Scalar.NUMBER)),
                opt("sector-column", text), opt("per-territory", texts),
                opt("old-codes", text), opt("ignore-sheets", texts),
                req("levels", new ConfigSchema.ListOf(sheet)));
        var category = ConfigSchema.Struct.of("category", req("key", text), req("label", text),
                opt("match", texts));
        var indicator = ConfigSchema.Struct.of("indicator", req("id", text), req("label", text),
                opt("unit", text), req("theme", text), req("kind", text),
                opt("aggregate", text), req("file", text), opt("levels", texts),
                req("value", text), opt("multiply", ConfigSchema.Scalar.NUMBER),
                opt("divide-by", text), opt("sectors", texts), opt("absent-sector", text),
                opt("categories", new ConfigSchema.ListOf(category)), opt("ordered", ConfigSchema.Scalar.BOOLEAN),
                opt("true-when", text),
                opt("definition", text), opt("source", text), opt("year", text));
        var theme = ConfigSchema.Struct.of("theme", req("id", text), req("label", text));
        SCHEMA = ConfigSchema.Struct.of("indicators.yaml", opt("themes", new ConfigSchema.ListOf(theme)),
                opt("files", new ConfigSchema.ListOf(file)), opt("indicators", new ConfigSchema.ListOf(indicator)));
    }

    private final List<Theme> themes;
    private final Map<String, ExcelFileSpec> files;
    private final List<IndicatorDef> defs;
    private final Map<String, IndicatorSource> sources;

    IndicatorCatalogue(List<Theme> themes, Map<String, ExcelFileSpec> files, List<IndicatorDef> defs,
                       Map<String, IndicatorSource> sources) {
        this.themes = List.copyOf(themes);
        this.files = Map.copyOf(files);
        this.defs = List.copyOf(defs);
        this.sources = Map.copyOf(sources);
    }

    /** Reads {@code indicators.yaml} from the configuration directory; its sheets may read any level of {@code levels}. */
    public static IndicatorCatalogue load(Path configDir, Catalogue levels) {
        return load(configDir.resolve("indicators.yaml"), true, levels);
    }

    /**
     * Reads one catalogue file; {@code required} false gives an empty catalogue when it is absent.
     * Its sheets may read any level of {@code levels} (levels.yaml): none is built in.
     */
    public static IndicatorCatalogue load(Path file, boolean required, Catalogue levels) {
        List<String> levelIds = levels.levels().stream().map(LevelDef::id).toList();
        if (!Files.isRegularFile(file)) {
            if (required) {
                throw new IllegalStateException("Indicator catalogue not found: " + file);
            }
            return new IndicatorCatalogue(List.of(), Map.of(), List.of(), Map.of());
        }
        ConfigSchema.Lines lines = ConfigSchema.check(file, SCHEMA);
        Config config = Config.just(ConfigSources.file(file));
        List<String> problems = new ArrayList<>();
        List<Theme> themes = new ArrayList<>();
        for (Config node : config.get("themes").asNodeList().orElse(List.of())) {
            Theme theme = new Theme(node.get("id").asString().orElse(""), node.get("label").asString().orElse(""));
            if (themes.stream().anyMatch(t -> t.id().equals(theme.id()))) {
                problems.add("theme '" + theme.id() + "' is declared twice");
            }
            themes.add(theme);
        }
        Map<String, ExcelFileSpec> files = new LinkedHashMap<>();
        for (Config node : config.get("files").asNodeList().orElse(List.of())) {
            ExcelFileSpec spec = file(node, levelIds, lines, problems);
            if (spec != null && files.put(spec.id(), spec) != null) {
                problems.add("file '" + spec.id() + "' is declared twice");
            }
        }
        List<IndicatorDef> defs = new ArrayList<>();
        Map<String, IndicatorSource> sources = new LinkedHashMap<>();
        for (Config node : config.get("indicators").asNodeList().orElse(List.of())) {
            IndicatorEntry entry = new IndicatorEntry(node, files, levelIds,
                    themes.stream().map(Theme::id).toList(), problems);
            IndicatorSource source = entry.source();
            if (source == null) {
                continue;
            }
            if (sources.put(source.indicator(), source) != null) {
                problems.add("indicator '" + source.indicator() + "' is declared twice");
                continue;
            }
            defs.add(entry.def());
        }
        checkRoleUse(files, sources, problems);
        if (!problems.isEmpty()) {
            throw new IllegalStateException(file + ": " + problems.size() + " problem(s)\n  - "
                    + String.join("\n  - ", problems));
        }
        return new IndicatorCatalogue(themes, files, defs, sources);
    }

    private static ExcelFileSpec file(Config node, List<String> levelIds, ConfigSchema.Lines lines,
                                      List<String> problems) {
        String where = "file " + node.key().name();
        String id = node.get("id").asString().orElse(null);
        if (id == null) {
            problems.add(where + " has no 'id'");
            return null;
        }
        where = "file '" + id + "'";
        String path = node.get("path").asString().orElse(null);
        if (path == null) {
            problems.add(where + " has no 'path'");
        }
        int headerRow = node.get("header-row").asInt().orElse(1);
        if (headerRow < 1) {
            problems.add(where + ": header-row is the Excel row number, 1 or more (found " + headerRow + ")");
        }
        String oldCodes = node.get("old-codes").asString().orElse("reject");
        if (!oldCodes.equals("sum") && !oldCodes.equals("reject")) {
            problems.add(where + ": old-codes must be sum or reject (found '" + oldCodes + "')");
        }
        String sectorColumn = node.get("sector-column").asString().orElse(null);
        Set<String> perTerritory = new LinkedHashSet<>(node.get("per-territory").asList(String.class).orElse(List.of()));
        if (sectorColumn == null && !perTerritory.isEmpty()) {
            problems.add(where + ": per-territory only applies to a long-format file (with sector-column)");
        }
        List<ExcelFileSpec.SheetSpec> levels = new ArrayList<>();
        for (Config level : node.get("levels").asNodeList().orElse(List.of())) {
            ExcelFileSpec.SheetSpec sheet = sheet(level, where, levelIds, lines, problems);
            if (sheet == null) {
                continue;
            }
            if (levels.stream().anyMatch(s -> s.level().equals(sheet.level()))) {
                problems.add(where + ": level '" + sheet.level() + "' is declared twice");
            }
            for (String role : perTerritory) {
                if (!sheet.columns().containsKey(role)) {
                    problems.add(where + ": per-territory role '" + role + "' is not a column of level " + sheet.level());
                }
            }
            levels.add(sheet);
        }
        if (levels.isEmpty()) {
            problems.add(where + " declares no level");
        }
        return new ExcelFileSpec(id, path, node.get("meta-sheet").asString().orElse(null),
                text(node, "definition"), text(node, "source"), text(node, "year"), headerRow,
                Set.copyOf(node.get("missing-values").asList(Double.class).orElse(List.of())),
                sectorColumn, Set.copyOf(perTerritory), oldCodes.equals("sum"),
                Set.copyOf(node.get("ignore-sheets").asList(String.class).orElse(List.of())), List.copyOf(levels));
    }

    private static ExcelFileSpec.SheetSpec sheet(Config node, String file, List<String> levelIds,
                                                 ConfigSchema.Lines lines, List<String> problems) {
        String level = node.get("level").asString().orElse(null);
        if (level == null || !levelIds.contains(level)) {
            problems.add(file + ": unknown level '" + level + "'; levels of levels.yaml: " + String.join(", ", levelIds));
            return null;
        }
        String where = file + " level " + level;
        String sheet = node.get("sheet").asString().orElse(null);
        if (sheet == null || sheet.isBlank()) {
            problems.add(where + " has no 'sheet' (the sheet name, exactly as in Excel)");
        }
        String join = node.get("join").asString().orElse("code");
        if (!join.equals("code") && !join.equals("name")) {
            problems.add(where + ": join must be code or name (found '" + join + "')");
        }
        String code = node.get("code").asString().orElse(null);
        String name = node.get("name").asString().orElse(null);
        if (join.equals("code") && code == null) {
            problems.add(where + " has no 'code' column (or say join: name)");
        }
        if (join.equals("name") && name == null) {
            problems.add(where + " joins by name but has no 'name' column");
        }
        Map<String, String> columns = new LinkedHashMap<>();
        for (Config column : node.get("columns").asNodeList().orElse(List.of())) {
            column.asString().ifPresentOrElse(header -> columns.put(column.key().name(), header),
                    () -> problems.add(where + ": column '" + column.key().name() + "' has no header"));
        }
        if (columns.isEmpty()) {
            problems.add(where + " declares no column");
        }
        return new ExcelFileSpec.SheetSpec(level, sheet, code, name, join.equals("name"), columns,
                lines.where(node.key().toString()));
    }

    /** A role is read as a number or as text depending on its indicators: it cannot be both. */
    private static void checkRoleUse(Map<String, ExcelFileSpec> files, Map<String, IndicatorSource> sources,
                                     List<String> problems) {
        for (ExcelFileSpec file : files.values()) {
            Set<String> numeric = numericRoles(file.id(), sources);
            Set<String> text = textRoles(file.id(), sources);
            numeric.retainAll(text);
            if (!numeric.isEmpty()) {
                problems.add("file '" + file.id() + "': role(s) " + numeric
                        + " are used both as numbers and as text by its indicators");
            }
        }
    }

    static Set<String> numericRoles(String file, Map<String, IndicatorSource> sources) {
        Set<String> roles = new LinkedHashSet<>();
        sources.values().stream().filter(s -> s.file().equals(file)).forEach(s -> {
            if (s.categoryByText().isEmpty() && !s.trueWhenFilled()) {
                roles.add(s.value());
            }
            if (s.divideBy() != null) {
                roles.add(s.divideBy());
            }
        });
        return roles;
    }

    static Set<String> textRoles(String file, Map<String, IndicatorSource> sources) {
        return sources.values().stream()
                .filter(s -> s.file().equals(file) && (!s.categoryByText().isEmpty() || s.trueWhenFilled()))
                .map(IndicatorSource::value).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    static String text(Config node, String key) {
        return node.get(key).asString().map(String::strip).orElse(null);
    }

    static String kinds() {
        return Arrays.stream(IndicatorDef.Kind.values()).map(k -> k.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "));
    }

    /** The themes, in the order of the file (the order of the atlas's lists). */
    public List<Theme> themes() {
        return themes;
    }

    /** The indicators, in the order of the file. */
    public List<IndicatorDef> defs() {
        return defs;
    }

    public Optional<IndicatorDef> def(String id) {
        return defs.stream().filter(d -> d.id().equals(id)).findFirst();
    }

    public IndicatorSource source(String indicator) {
        return sources.get(indicator);
    }

    public Optional<ExcelFileSpec> file(String id) {
        return Optional.ofNullable(files.get(id));
    }

    /** Files in the order of the config. */
    public List<ExcelFileSpec> files() {
        return files.values().stream().toList();
    }

    /** Roles of a file read as numbers (values of numeric indicators, denominators). */
    public Set<String> numericRoles(String file) {
        return numericRoles(file, sources);
    }

    /** Roles of a file read as text (categories, booleans). */
    public Set<String> textRoles(String file) {
        return textRoles(file, sources);
    }

    /** IndicatorCatalogue read from a file, in the order of the config. */
    public List<IndicatorDef> readFrom(String file) {
        return defs.stream().filter(d -> sources.get(d.id()).file().equals(file)).toList();
    }
}
