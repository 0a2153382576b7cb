package fr.culture.atlas.importer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * What an import found: one entry per problem, naming the file and the place in it, plus
 * counts and timings per step. Written as {@code import-report.json} and a readable summary.
 */
public final class ImportReport {

    /** How bad an entry is: a warning skips the item, an error aborts the import. */
    public enum Severity { WARNING, ERROR }

    /**
     * One finding. {@code sheet}, {@code row}, {@code column} and {@code value} are null where
     * they do not apply (a GeoJSON feature has a row, its index, but no sheet); {@code config}
     * names the line of {@code config/} that declared what was read there, when one did.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Entry(Severity severity, String kind, String file, String sheet, Integer row, String column,
                        String value, String message, String config) {

        /** An entry about data no line of {@code config/} declared. */
        public Entry(Severity severity, String kind, String file, String sheet, Integer row, String column,
                     String value, String message) {
            this(severity, kind, file, sheet, row, column, value, message, null);
        }

        /** The same entry naming the line of {@code config/} that declared the sheet, column or indicator. */
        public Entry declaredAt(String config) {
            return new Entry(severity, kind, file, sheet, row, column, value, message, config);
        }
    }

    /** One step of the import with what it counted and how long it took. */
    public record Step(String name, Map<String, Object> counts, long millis) {
    }

    private final Instant started = Instant.now();
    private final List<Entry> entries = new CopyOnWriteArrayList<>();
    private final List<Step> steps = new CopyOnWriteArrayList<>();
    private volatile Long publishedVersion;
    private volatile String outcome = "running";
    private volatile Changes changes;

    public void warn(String kind, String file, Integer row, String column, String value, String message) {
        entries.add(new Entry(Severity.WARNING, kind, file, null, row, column, value, message));
    }

    public void error(String kind, String file, Integer row, String column, String value, String message) {
        entries.add(new Entry(Severity.ERROR, kind, file, null, row, column, value, message));
    }

    public void add(Entry entry) {
        entries.add(entry);
    }

    public void step(String name, Map<String, Object> counts, long millis) {
        steps.add(new Step(name, counts, millis));
    }

    public List<Entry> entries() {
        return List.copyOf(entries);
    }

    public List<Step> steps() {
        return List.copyOf(steps);
    }

    public boolean hasErrors() {
        return entries.stream().anyMatch(e -> e.severity() == Severity.ERROR);
    }

    public void published(long version) {
        this.publishedVersion = version;
        this.outcome = "published";
    }

    public void aborted(String reason) {
        this.outcome = "aborted: " + reason;
    }

    public String outcome() {
        return outcome;
    }

    /** What this import changes against the live version (null for a first import). */
    public void changes(Changes against) {
        this.changes = against;
    }

    public Changes changes() {
        return changes;
    }

    /** Writes {@code import-report.json} and {@code import-report.txt} into the directory. */
    public void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("started", started.toString());
        json.put("outcome", outcome);
        json.put("version", publishedVersion);
        json.put("steps", steps);
        json.put("changes", changes);
        json.put("entries", entries);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(dir.resolve("import-report.json").toFile(), json);
        Files.writeString(dir.resolve("import-report.txt"), summary());
    }

    /** The lines that end an import's output: at most 20; the long lists are in the files {@link #write} writes. */
    public List<String> digest() {
        List<String> out = new ArrayList<>();
        out.add("Import " + outcome + (publishedVersion == null ? "" : " (version " + publishedVersion + ")"));
        long errors = entries.stream().filter(e -> e.severity() == Severity.ERROR).count();
        Map<String, Long> byKind = new LinkedHashMap<>();
        entries.forEach(e -> byKind.merge(e.severity().name().toLowerCase(java.util.Locale.ROOT) + " " + e.kind(), 1L, Long::sum));
        out.add(String.format("%d errors, %d warnings: %s", errors, entries.size() - errors,
                byKind.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(6)
                        .map(e -> e.getValue() + " " + e.getKey()).reduce((a, b) -> a + ", " + b).orElse("none")));
        entries.stream().filter(e -> e.severity() == Severity.ERROR).limit(errors > 0 ? 5 : 0)
                .forEach(e -> out.add("  " + place(e) + ": " + e.message()));
        if (changes != null) {
            out.addAll(changes.summary(MAX_DIGEST - out.size()));
        } else if (publishedVersion != null) {
            out.add("First version of this store: nothing to compare with.");
        }
        return out.subList(0, Math.min(MAX_DIGEST, out.size()));
    }

    private static final int MAX_DIGEST = 20;

    /** A readable summary: outcome, steps, then the entries grouped by kind. */
    public String summary() {
        StringBuilder out = new StringBuilder();
        out.append("Import started ").append(started).append(": ").append(outcome).append('\n');
        for (Step s : steps) {
            out.append(String.format("  %-28s %6d ms  %s%n", s.name(), s.millis(), s.counts()));
        }
        if (changes != null) {
            changes.summary(Integer.MAX_VALUE).forEach(line -> out.append(line).append('\n'));
            changes.editions().forEach((id, e) -> out.append(String.format("  %s: %s%s%n", id,
                    e.now() == null ? "no file" : e.now().file() + " (" + e.now().bytes() + " bytes, sha256 "
                            + e.now().sha256().substring(0, 12) + ", année " + e.now().year() + ")",
                    e.changed() ? (e.before() == null ? " new" : " changed, was " + e.before().sha256().substring(0, 12)) : "")));
            changes.values().forEach((id, list) -> {
                out.append("  ").append(id).append(": ").append(list.size()).append(" values changed\n");
                list.stream().limit(20).forEach(v -> out.append(String.format("    %s %s %s: %s -> %s%n", v.level(), v.code(),
                        v.name(), v.before(), v.after())));
            });
        }
        Map<String, List<Entry>> byKind = new LinkedHashMap<>();
        entries.forEach(e -> byKind.computeIfAbsent(e.severity() + " " + e.kind(), k -> new ArrayList<>()).add(e));
        byKind.forEach((kind, list) -> {
            out.append(kind).append(" (").append(list.size()).append(")\n");
            list.stream().limit(20).forEach(e -> out.append("  ").append(place(e)).append(": ").append(e.message()).append('\n'));
            if (list.size() > 20) {
                out.append("  … ").append(list.size() - 20).append(" more in import-report.json\n");
            }
        });
        return out.toString();
    }

    private static String place(Entry e) {
        StringBuilder p = new StringBuilder(e.file() == null ? "-" : e.file());
        if (e.sheet() != null) {
            p.append(" sheet '").append(e.sheet()).append('\'');
        }
        if (e.row() != null) {
            p.append(" row ").append(e.row());
        }
        if (e.column() != null) {
            p.append(" column '").append(e.column()).append('\'');
        }
        if (e.value() != null) {
            p.append(" value '").append(e.value()).append('\'');
        }
        if (e.config() != null) {
            p.append(" (declared in ").append(e.config()).append(')');
        }
        return p.toString();
    }
}
