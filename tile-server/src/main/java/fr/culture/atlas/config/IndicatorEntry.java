package fr.culture.atlas.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import io.helidon.config.Config;

/** Reads and checks one entry of {@code indicators:} against the declared files. */
final class IndicatorEntry {

    private static final Pattern SLUG = Pattern.compile("[a-z][a-z0-9_]*");

    private final List<String> problems;
    private final List<String> levelIds;
    private final List<String> themes;
    private IndicatorDef def;
    private IndicatorSource source;

    IndicatorEntry(Config node, Map<String, ExcelFileSpec> files, List<String> levelIds, List<String> themes,
                     List<String> problems) {
        this.problems = problems;
        this.levelIds = levelIds;
        this.themes = themes;
        read(node, files);
    }

    IndicatorDef def() {
        return def;
    }

    /** Null when the entry is unusable (its problems are listed). */
    IndicatorSource source() {
        return source;
    }

    private void read(Config node, Map<String, ExcelFileSpec> files) {
        String id = node.get("id").asString().orElse(null);
        if (id == null || !SLUG.matcher(id).matches()) {
            problems.add("indicator " + node.key().name() + ": id '" + id
                    + "' must be a slug (lower-case letters, digits, _; starting with a letter)");
            return;
        }
        String where = "indicator '" + id + "'";
        int before = problems.size();
        String label = require(node, "label", where);
        String theme = require(node, "theme", where);
        if (theme != null && !themes.contains(theme)) {
            String close = ConfigSchema.closest(theme, themes);
            problems.add(where + ": unknown theme '" + theme + "'; " + (close == null ? "" : "did you mean '" + close + "'? ")
                    + "themes are declared under 'themes:': " + (themes.isEmpty() ? "none" : String.join(", ", themes)));
        }
        IndicatorDef.Kind kind = kind(node, where);
        String fileId = require(node, "file", where);
        ExcelFileSpec file = fileId == null ? null : files.get(fileId);
        if (fileId != null && file == null) {
            problems.add(where + ": unknown file '" + fileId + "'; known: " + String.join(", ", files.keySet()));
        }
        String value = require(node, "value", where);
        String divideBy = node.get("divide-by").asString().orElse(null);
        double multiply = node.get("multiply").asDouble().orElse(1.0);
        List<String> sectors = node.get("sectors").asList(String.class).orElse(List.of());
        String absent = node.get("absent-sector").asString().orElse("missing");
        if (!absent.equals("zero") && !absent.equals("missing")) {
            problems.add(where + ": absent-sector must be zero or missing (found '" + absent + "')");
        }
        List<IndicatorDef.Category> categories = new ArrayList<>();
        Map<String, String> byText = categories(node, where, categories);
        String trueWhen = node.get("true-when").asString().orElse(null);
        IndicatorDef.Aggregation aggregation = null;
        if (kind != null) {
            checkKind(where, kind, byText, trueWhen, divideBy, multiply);
            aggregation = aggregation(node, where, kind, divideBy);
        }
        List<String> levels = file == null ? List.of() : levels(node, file, where);
        if (file != null) {
            for (String level : levels) {
                Map<String, String> columns = file.level(level).orElseThrow().columns();
                for (String role : new String[] {value, divideBy}) {
                    if (role != null && !columns.containsKey(role)) {
                        problems.add(where + ": role '" + role + "' is not a column of file '" + file.id()
                                + "' level " + level + "; its roles: " + String.join(", ", columns.keySet()));
                    }
                }
            }
            if (!sectors.isEmpty() && !file.longFormat()) {
                problems.add(where + ": sectors only apply to a long-format file (with sector-column)");
            }
        }
        if (problems.size() > before) {
            return;
        }
        String unit = node.get("unit").asString().orElse("");
        boolean ordered = node.get("ordered").asBoolean().orElse(false);
        if (ordered && kind != null && kind != IndicatorDef.Kind.CATEGORICAL) {
            problems.add(where + ": only a categorical indicator has ordered categories (kind is "
                    + kind.name().toLowerCase(Locale.ROOT) + ")");
            return;
        }
        def = new IndicatorDef(id, label, unit, theme, kind, List.copyOf(categories), levels, aggregation, Map.of(), ordered);
        source = new IndicatorSource(id, fileId, value, multiply, divideBy, List.copyOf(sectors),
                absent.equals("zero"), Map.copyOf(byText), "filled".equals(trueWhen), levels,
                IndicatorCatalogue.text(node, "definition"), IndicatorCatalogue.text(node, "source"), IndicatorCatalogue.text(node, "year"));
    }

    private IndicatorDef.Kind kind(Config node, String where) {
        String kind = require(node, "kind", where);
        if (kind == null) {
            return null;
        }
        try {
            return IndicatorDef.Kind.valueOf(kind.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add(where + ": unknown kind '" + kind + "'; known: " + IndicatorCatalogue.kinds());
            return null;
        }
    }

    private Map<String, String> categories(Config node, String where, List<IndicatorDef.Category> out) {
        Map<String, String> byText = new LinkedHashMap<>();
        for (Config c : node.get("categories").asNodeList().orElse(List.of())) {
            String key = c.get("key").asString().orElse(null);
            String label = c.get("label").asString().orElse(null);
            if (key == null || !SLUG.matcher(key).matches() || label == null) {
                problems.add(where + ": each category needs a slug 'key' and a 'label' (found key '" + key + "')");
                continue;
            }
            if (out.stream().anyMatch(o -> o.key().equals(key))) {
                problems.add(where + ": category '" + key + "' is declared twice");
            }
            out.add(new IndicatorDef.Category(key, label));
            List<String> match = c.get("match").asList(String.class).orElse(List.of(label));
            for (String text : match) {
                String previous = byText.put(text, key);
                if (previous != null && !previous.equals(key)) {
                    problems.add(where + ": the text '" + text + "' matches two categories, " + previous + " and " + key);
                }
            }
        }
        return byText;
    }

    private void checkKind(String where, IndicatorDef.Kind kind, Map<String, String> byText, String trueWhen,
                           String divideBy, double multiply) {
        if (kind == IndicatorDef.Kind.CATEGORICAL && byText.isEmpty()) {
            problems.add(where + ": a categorical indicator needs its ordered 'categories'");
        }
        if (kind != IndicatorDef.Kind.CATEGORICAL && !byText.isEmpty()) {
            problems.add(where + ": only a categorical indicator has categories (kind is " + kind.name().toLowerCase(Locale.ROOT) + ")");
        }
        if (kind == IndicatorDef.Kind.BOOLEAN && !"filled".equals(trueWhen)) {
            problems.add(where + ": a boolean indicator needs 'true-when: filled'");
        }
        if (!kind.numeric() && (divideBy != null || multiply != 1.0)) {
            problems.add(where + ": divide-by and multiply only apply to numeric kinds");
        }
        if (kind == IndicatorDef.Kind.SHARE && divideBy == null) {
            problems.add(where + ": a share needs 'divide-by' (the total) and usually 'multiply: 100'");
        }
    }

    /**
     * The declared {@code aggregate:}, checked against the kind: required for numbers (the Deps
     * says how a département's value is made from its communes'), {@code none} for categories.
     */
    private IndicatorDef.Aggregation aggregation(Config node, String where, IndicatorDef.Kind kind, String divideBy) {
        String text = node.get("aggregate").asString().map(String::strip).orElse(null);
        String known = String.join(", ", java.util.Arrays.stream(IndicatorDef.Aggregation.values())
                .map(IndicatorDef.Aggregation::id).toList());
        if (text == null) {
            if (kind.numeric()) {
                problems.add(where + " has no 'aggregate' (how a larger territory's value is made from its members'): "
                        + (kind.stock() ? "sum" : divideBy != null ? "ratio" : "one of " + known));
            }
            return IndicatorDef.Aggregation.NONE;
        }
        IndicatorDef.Aggregation a = IndicatorDef.Aggregation.parse(text).orElse(null);
        if (a == null) {
            problems.add(where + ": unknown aggregate '" + text + "'; known: " + known);
            return null;
        }
        String kindName = kind.name().toLowerCase(Locale.ROOT);
        if (!kind.numeric() && a != IndicatorDef.Aggregation.NONE) {
            problems.add(where + ": a " + kindName + " indicator cannot be aggregated (aggregate: none)");
        } else if (kind.stock() && a != IndicatorDef.Aggregation.SUM && a != IndicatorDef.Aggregation.NONE) {
            problems.add(where + ": a " + kindName + " adds up over territories: aggregate is sum (or none), not " + text);
        } else if (!kind.stock() && a == IndicatorDef.Aggregation.SUM) {
            problems.add(where + ": a " + kindName + " does not add up over territories (sum is for counts and "
                    + "amounts): use ratio (with divide-by), area-weighted-mean, population-weighted-mean or none");
        } else if (a == IndicatorDef.Aggregation.RATIO && divideBy == null) {
            problems.add(where + ": aggregate ratio sums the numerators and the denominators: it needs 'divide-by'");
        }
        return a;
    }

    private List<String> levels(Config node, ExcelFileSpec file, String where) {
        List<String> wanted = node.get("levels").asList(String.class).orElse(null);
        List<String> levels = new ArrayList<>();
        for (String level : levelIds) {
            if (file.level(level).isPresent() && (wanted == null || wanted.contains(level))) {
                levels.add(level);
            }
        }
        if (wanted != null) {
            wanted.stream().filter(l -> file.level(l).isEmpty()).forEach(l -> problems.add(where
                    + ": level '" + l + "' is not a level of file '" + file.id() + "'"));
        }
        return levels;
    }

    private String require(Config node, String key, String where) {
        String value = node.get(key).asString().map(String::strip).orElse(null);
        if (value == null || value.isEmpty()) {
            problems.add(where + " has no '" + key + "'");
            return null;
        }
        return value;
    }
}
