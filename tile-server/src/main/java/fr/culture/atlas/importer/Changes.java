package fr.culture.atlas.importer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import fr.culture.atlas.config.Catalogue;
import fr.culture.atlas.store.Dataset;
import fr.culture.atlas.store.Edition;
import fr.culture.atlas.store.IndicatorData;
import fr.culture.atlas.store.VersionSummary;

/**
 * What an import changes against the live version: territories added and removed per level,
 * indicators added and removed, values that moved by more than {@link #THRESHOLD}, and the
 * edition of the file behind each indicator. A Deps statistician reads it before the refresh is
 * trusted ("Ain went from 19.47 to 6.44 €/hab.": a new methodology, or a wrong column?).
 *
 * @param against     the live version compared with
 * @param published   when it was published (ISO 8601)
 * @param territories level id → codes added and removed (with names)
 * @param indicators  indicator ids added and removed
 * @param values      indicator id → its values that changed beyond the threshold, largest change first
 * @param editions    indicator id → its file's edition now and in the live version
 */
public record Changes(long against, String published, Map<String, Delta> territories, Delta indicators,
                     Map<String, List<Value>> values, Map<String, EditionChange> editions) {

    /** A value is reported as changed when it moves by more than this share of its former size. */
    public static final double THRESHOLD = 0.10;

    /** What was added and removed: code (or id) → name. */
    public record Delta(Map<String, String> added, Map<String, String> removed) {

        boolean isEmpty() {
            return added.isEmpty() && removed.isEmpty();
        }
    }

    /**
     * One changed value: {@code before} or {@code after} is null when the value appeared or disappeared.
     * {@code change} is the relative change (after − before) / |before|, null when either is missing or not a number.
     */
    public record Value(String level, String code, String name, Object before, Object after, Double change) {
    }

    /** The file of an indicator now and before; {@code before} is null for a new indicator. */
    public record EditionChange(Edition now, Edition before) {

        public boolean changed() {
            return before == null || now == null || !Objects.equals(now.sha256(), before.sha256());
        }
    }

    /** Compares the dataset about to be published with the live version. */
    static Changes between(VersionSummary live, Dataset next) {
        Map<String, Delta> territories = new LinkedHashMap<>();
        Map<String, Map<String, String>> names = new LinkedHashMap<>();
        for (Dataset.LevelData level : next.levels()) {
            Map<String, String> now = new LinkedHashMap<>();
            level.territories().forEach(t -> now.put(t.code(), t.name()));
            names.put(level.level().id(), now);
            Delta delta = delta(live.territories().getOrDefault(level.level().id(), Map.of()), now);
            if (!delta.isEmpty()) {
                territories.put(level.level().id(), delta);
            }
        }
        live.territories().keySet().stream().filter(l -> !names.containsKey(l))
                .forEach(l -> territories.put(l, delta(live.territories().get(l), Map.of())));
        Map<String, IndicatorData> before = new LinkedHashMap<>();
        live.indicators().forEach(i -> before.put(i.def().id(), i));
        Map<String, String> labelsNow = new LinkedHashMap<>();
        next.indicators().forEach(i -> labelsNow.put(i.def().id(), i.def().label()));
        Map<String, String> labelsBefore = new LinkedHashMap<>();
        before.values().forEach(i -> labelsBefore.put(i.def().id(), i.def().label()));
        Map<String, List<Value>> values = new LinkedHashMap<>();
        Map<String, EditionChange> editions = new LinkedHashMap<>();
        for (IndicatorData now : next.indicators()) {
            IndicatorData old = before.get(now.def().id());
            editions.put(now.def().id(), new EditionChange(now.edition(), old == null ? null : old.edition()));
            if (old != null) {
                List<Value> changed = changedValues(old, now, names, live.territories());
                if (!changed.isEmpty()) {
                    values.put(now.def().id(), changed);
                }
            }
        }
        return new Changes(live.version(), live.published().toString(), territories, delta(labelsBefore, labelsNow), values,
                editions);
    }

    private static Delta delta(Map<String, String> before, Map<String, String> now) {
        Map<String, String> added = new LinkedHashMap<>();
        Map<String, String> removed = new LinkedHashMap<>();
        now.forEach((code, name) -> {
            if (!before.containsKey(code)) {
                added.put(code, name);
            }
        });
        before.forEach((code, name) -> {
            if (!now.containsKey(code)) {
                removed.put(code, name);
            }
        });
        return new Delta(added, removed);
    }

    private static List<Value> changedValues(IndicatorData old, IndicatorData now, Map<String, Map<String, String>> names,
                                             Map<String, Map<String, String>> oldNames) {
        List<Value> changed = new ArrayList<>();
        Set<String> levels = new TreeSet<>(now.values().keySet());
        levels.addAll(old.values().keySet());
        for (String level : levels) {
            Map<String, Object> a = old.values().getOrDefault(level, Map.of());
            Map<String, Object> b = now.values().getOrDefault(level, Map.of());
            Set<String> codes = new TreeSet<>(a.keySet());
            codes.addAll(b.keySet());
            for (String code : codes) {
                Object x = a.get(code);
                Object y = b.get(code);
                Double change = x instanceof Double dx && y instanceof Double dy && dx != 0 ? (dy - dx) / Math.abs(dx) : null;
                boolean moved = x instanceof Double dx && y instanceof Double dy
                        ? (dx == 0 ? dy != 0 : Math.abs(change) > THRESHOLD) : !Objects.equals(x, y);
                if (moved) {
                    String name = level.equals(Catalogue.FRANCE) ? "France"
                            : names.getOrDefault(level, Map.of()).getOrDefault(code,
                                    oldNames.getOrDefault(level, Map.of()).getOrDefault(code, code));
                    changed.add(new Value(level, code, name, x, y, change));
                }
            }
        }
        changed.sort(Comparator.comparing((Value v) -> v.change() == null ? Double.POSITIVE_INFINITY : Math.abs(v.change()))
                .reversed());
        return changed;
    }

    /** The changes in at most {@code lines} lines, for the end of an import's output. */
    List<String> summary(int lines) {
        List<String> out = new ArrayList<>();
        out.add("Changes against live version " + against + " (published " + published + "):");
        territories.forEach((level, d) -> out.add(String.format("  %s: %d added, %d removed%s", level, d.added().size(),
                d.removed().size(), examples(d))));
        if (!indicators.isEmpty()) {
            out.add(String.format("  indicators: %d added%s, %d removed%s", indicators.added().size(),
                    indicators.added().isEmpty() ? "" : " (" + String.join(", ", first(indicators.added().keySet(), 3)) + ")",
                    indicators.removed().size(),
                    indicators.removed().isEmpty() ? "" : " (" + String.join(", ", first(indicators.removed().keySet(), 3)) + ")"));
        }
        long files = editions.values().stream().filter(e -> e.changed() && e.now() != null)
                .map(e -> e.now().file()).distinct().count();
        out.add(String.format("  source files: %d new or changed editions", files));
        int total = values.values().stream().mapToInt(List::size).sum();
        out.add(String.format("  values changed by more than %.0f %%, appeared or disappeared: %d in %d indicators",
                THRESHOLD * 100, total, values.size()));
        values.entrySet().stream()
                .sorted(Comparator.comparingInt((Map.Entry<String, List<Value>> e) -> -e.getValue().size()))
                .limit(Math.max(0, lines - out.size())).forEach(e -> {
                    Value v = e.getValue().getFirst();
                    out.add(String.format("    %s: %d, e.g. %s %s %s: %s -> %s", e.getKey(), e.getValue().size(), v.level(),
                            v.code(), v.name(), shown(v.before()), shown(v.after())));
                });
        return out.subList(0, Math.min(lines, out.size()));
    }

    private static String examples(Delta d) {
        List<String> some = new ArrayList<>();
        d.added().entrySet().stream().limit(2).forEach(e -> some.add("+" + e.getKey() + " " + e.getValue()));
        d.removed().entrySet().stream().limit(2).forEach(e -> some.add("-" + e.getKey() + " " + e.getValue()));
        return some.isEmpty() ? "" : " (" + String.join(", ", some) + ")";
    }

    private static List<String> first(Set<String> ids, int n) {
        return ids.stream().limit(n).toList();
    }

    private static String shown(Object value) {
        return value == null ? "absent" : value instanceof Double d ? String.format(java.util.Locale.ROOT, "%.6g", d)
                : value.toString();
    }
}
