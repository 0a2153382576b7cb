package fr.culture.atlas.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * What each file of {@code config/} may hold, checked before anything reads it: a misspelt
 * optional key ({@code mutliply: 100}) would otherwise be ignored and publish wrong values
 * silently. Every unknown key, wrong type and missing required key is reported at once with its
 * file and line, and a close valid key is suggested; a YAML syntax error names its file and line.
 * The readers ({@link Catalogue}, {@link IndicatorCatalogue}, {@link VenueCatalogue}) then check
 * what the values mean.
 */
public final class ConfigSchema {

    /** The shape of a YAML value. */
    public sealed interface Shape permits Scalar, ListOf, FreeMap, Struct {
    }

    /** A single value: text, a number, a whole number. */
    public enum Scalar implements Shape { TEXT, NUMBER, INTEGER, BOOLEAN }

    /** A list of values of one shape. */
    public record ListOf(Shape element) implements Shape {
    }

    /** A mapping with keys of the user's choosing (column roles, parents…) and values of one shape. */
    public record FreeMap(Shape value) implements Shape {
    }

    /** A mapping of known keys; {@code what} names it in messages ("indicator", "level"). */
    public record Struct(String what, Map<String, Field> fields) implements Shape {

        public static Struct of(String what, Field... fields) {
            Map<String, Field> map = new LinkedHashMap<>();
            Arrays.stream(fields).forEach(f -> map.put(f.key(), f));
            return new Struct(what, map);
        }
    }

    /** One known key of a {@link Struct}. */
    public record Field(String key, Shape shape, boolean required) {
    }

    /** A key that must be there. */
    public static Field req(String key, Shape shape) {
        return new Field(key, shape, true);
    }

    /** A key that may be there. */
    public static Field opt(String key, Shape shape) {
        return new Field(key, shape, false);
    }

    /** Where each node of a checked file starts: dotted path as Helidon names it ({@code files.3.levels.0}) → line. */
    public record Lines(Path file, Map<String, Integer> lines) {

        /** "config/indicators.yaml line 57", or the file alone when the path is unknown. */
        public String where(String path) {
            Integer line = lines.get(path);
            Path dir = file.toAbsolutePath().getParent();
            String name = (dir == null || dir.getFileName() == null ? "" : dir.getFileName() + "/") + file.getFileName();
            return name + (line == null ? "" : " line " + line);
        }
    }

    private ConfigSchema() {
    }

    /**
     * Checks a file against its schema.
     *
     * @throws IllegalStateException listing every problem, each with file and line
     */
    public static Lines check(Path file, Struct schema) {
        Node root;
        try (Reader reader = Files.newBufferedReader(file)) {
            root = new Yaml(new LoaderOptions()).compose(reader);
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            throw new IllegalStateException(file + " line " + line + ": YAML syntax error: " + e.getProblem()
                    + (e.getContext() == null ? "" : " (" + e.getContext() + ")"), e);
        } catch (IOException e) {
            throw new IllegalStateException(file + ": unreadable: " + e.getMessage(), e);
        }
        List<String> problems = new ArrayList<>();
        Map<String, Integer> lines = new HashMap<>();
        if (root != null) {
            check(root, schema, "", file, problems, lines);
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException(file + ": " + problems.size() + " problem(s), nothing was read\n  - "
                    + String.join("\n  - ", problems));
        }
        return new Lines(file, Map.copyOf(lines));
    }

    private static void check(Node node, Shape shape, String path, Path file, List<String> problems,
                              Map<String, Integer> lines) {
        int line = node.getStartMark().getLine() + 1;
        lines.put(path, line);
        String at = file.getFileName() + " line " + line + (path.isEmpty() ? "" : ", " + path);
        switch (shape) {
            case Scalar scalar -> {
                if (!(node instanceof ScalarNode value)) {
                    problems.add(at + ": expected " + describe(scalar) + ", found " + describe(node));
                } else if (!fits(scalar, value.getValue())) {
                    problems.add(at + ": expected " + describe(scalar) + ", found '" + value.getValue() + "'");
                }
            }
            case ListOf list -> {
                if (!(node instanceof SequenceNode sequence)) {
                    problems.add(at + ": expected a list [...], found " + describe(node));
                    return;
                }
                List<Node> items = sequence.getValue();
                for (int i = 0; i < items.size(); i++) {
                    check(items.get(i), list.element(), join(path, Integer.toString(i)), file, problems, lines);
                }
            }
            case FreeMap map -> {
                if (!(node instanceof MappingNode mapping)) {
                    problems.add(at + ": expected key: value pairs, found " + describe(node));
                    return;
                }
                for (NodeTuple t : mapping.getValue()) {
                    check(t.getValueNode(), map.value(), join(path, key(t)), file, problems, lines);
                }
            }
            case Struct struct -> {
                if (!(node instanceof MappingNode mapping)) {
                    problems.add(at + ": expected " + struct.what() + " (key: value pairs), found " + describe(node));
                    return;
                }
                List<String> seen = new ArrayList<>();
                for (NodeTuple t : mapping.getValue()) {
                    String key = key(t);
                    Field field = struct.fields().get(key);
                    int keyLine = t.getKeyNode().getStartMark().getLine() + 1;
                    if (field == null) {
                        String close = closest(key, struct.fields().keySet());
                        problems.add(file.getFileName() + " line " + keyLine + ": unknown key '" + key + "' in "
                                + struct.what() + name(mapping)
                                + (close == null ? "; valid keys: " : "; did you mean '" + close + "'? Valid keys: ")
                                + String.join(", ", struct.fields().keySet()));
                        continue;
                    }
                    if (seen.contains(key)) {
                        problems.add(file.getFileName() + " line " + keyLine + ": key '" + key + "' is given twice in "
                                + struct.what() + name(mapping));
                    }
                    seen.add(key);
                    check(t.getValueNode(), field.shape(), join(path, key), file, problems, lines);
                }
                struct.fields().values().stream().filter(f -> f.required() && !seen.contains(f.key())).forEach(f ->
                        problems.add(at + ": " + struct.what() + name(mapping) + " has no '" + f.key() + "' (required)"));
            }
        }
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private static String key(NodeTuple t) {
        return t.getKeyNode() instanceof ScalarNode s ? s.getValue() : "?";
    }

    /** " 'population'" when the mapping has an id, so that a message names the entry. */
    private static String name(MappingNode mapping) {
        for (NodeTuple t : mapping.getValue()) {
            if ("id".equals(key(t)) && t.getValueNode() instanceof ScalarNode id) {
                return " '" + id.getValue() + "'";
            }
        }
        return "";
    }

    private static boolean fits(Scalar scalar, String text) {
        return switch (scalar) {
            case TEXT -> true;
            case NUMBER -> text.matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");
            case INTEGER -> text.matches("[-+]?\\d+");
            case BOOLEAN -> text.equals("true") || text.equals("false");
        };
    }

    private static String describe(Scalar scalar) {
        return switch (scalar) {
            case TEXT -> "a text";
            case NUMBER -> "a number";
            case INTEGER -> "a whole number";
            case BOOLEAN -> "true or false";
        };
    }

    private static String describe(Node node) {
        return switch (node) {
            case ScalarNode s -> "'" + s.getValue() + "'";
            case SequenceNode s -> "a list";
            case MappingNode m -> "key: value pairs";
            default -> node.getNodeId().name().toLowerCase(Locale.ROOT);
        };
    }

    /** The valid key a typo most likely meant: at most 2 edits away (or a third of its length). */
    static String closest(String key, Iterable<String> valid) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : valid) {
            int d = distance(key.toLowerCase(Locale.ROOT), candidate);
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return bestDistance <= Math.max(2, key.length() / 3) ? best : null;
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours. */
    private static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
