package fr.culture.atlas.importer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import fr.culture.atlas.search.Names;
import fr.culture.atlas.config.Catalogue;
import fr.culture.atlas.config.LevelDef;
import fr.culture.atlas.geo.WebMercator;
import fr.culture.atlas.store.Territory;
import org.locationtech.jts.coverage.CoverageUnion;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;

/**
 * Builds the territories of every level: reads sources, resolves old codes to current ones
 * (a commune nouvelle gets the union of its predecessors' polygons), joins the reference lists
 * (names, parents, population), dissolves member territories into their groups (EPCI), sums
 * populations upwards, and projects to Web Mercator. Everything that does not match is reported.
 */
final class TerritoryBuilder implements TerritoryIndex {

    private final Path dataDir;
    private final ImportReport report;
    private final GeometryFactory factory;
    /** level id → code → territory in WGS84, code order */
    private final Map<String, TreeMap<String, Territory>> levels = new LinkedHashMap<>();
    private final Map<String, CommuneHistory> histories = new HashMap<>();
    private final Map<String, Map<String, String>> names = new HashMap<>();
    /** level id → length of its shortest code, once the levels are built */
    private final Map<String, Integer> codeWidths = new java.util.concurrent.ConcurrentHashMap<>();
    /** level id → alias code (a municipal arrondissement) → the territory's code */
    private final Map<String, Map<String, String>> aliases = new HashMap<>();

    TerritoryBuilder(Path dataDir, ImportReport report, GeometryFactory factory) {
        this.dataDir = dataDir;
        this.report = report;
        this.factory = factory;
    }

    /** Builds every level of the catalogue; returns level id → territories in code order, in EPSG:3857. */
    Map<String, List<Territory>> build(Catalogue catalogue, java.util.function.Consumer<String> progress)
            throws IOException {
        for (LevelDef level : catalogue.levels()) {
            if (level.source() != null) {
                long start = System.nanoTime();
                levels.put(level.id(), fromSource(level));
                progress.accept(step("territories " + level.id(), levels.get(level.id()).size(), start));
            }
        }
        for (LevelDef level : catalogue.levels()) {
            if (level.dissolve() != null) {
                long start = System.nanoTime();
                levels.put(level.id(), dissolve(level));
                progress.accept(step("dissolve " + level.id(), levels.get(level.id()).size(), start));
            }
        }
        sumPopulations(catalogue);
        Map<String, List<Territory>> projected = new LinkedHashMap<>();
        for (LevelDef level : catalogue.levels()) {
            List<Territory> list = new ArrayList<>();
            for (Territory t : levels.get(level.id()).values()) {
                list.add(t.withGeometry(WebMercator.project(t.geometry())));
            }
            projected.put(level.id(), list);
            levels.get(level.id()).values().forEach(t -> names.computeIfAbsent(level.id(), k -> new HashMap<>())
                    .merge(Names.normalise(t.name()), t.code(), (a, b) -> Names.AMBIGUOUS));
        }
        return projected;
    }

    private String step(String name, int count, long start) {
        long millis = (System.nanoTime() - start) / 1_000_000;
        report.step(name, Map.of("territories", count), millis);
        return String.format("%-28s %6d territories %6d ms", name, count, millis);
    }

    private TreeMap<String, Territory> fromSource(LevelDef level) throws IOException {
        List<TerritoryReader.Feature> features = new TerritoryReader(factory, report).read(dataDir, level);
        CommuneHistory history = history(level);
        // group the source polygons by current code: several old communes make one commune nouvelle
        Map<String, List<TerritoryReader.Feature>> groups = new TreeMap<>();
        for (TerritoryReader.Feature f : features) {
            String code = f.code();
            if (history != null) {
                Optional<String> current = history.resolve(code, level.history().date());
                if (current.isEmpty()) {
                    report.warn("unknown-code", f.file(), f.index(), level.source().codeProperty(), code,
                            "code unknown to the commune history on " + level.history().date() + "; kept as is");
                } else {
                    code = current.get();
                }
            }
            groups.computeIfAbsent(code, k -> new ArrayList<>()).add(f);
        }
        Map<String, JsonNode> reference = reference(level);
        TreeMap<String, Territory> territories = new TreeMap<>();
        int merged = 0;
        for (Map.Entry<String, List<TerritoryReader.Feature>> group : groups.entrySet()) {
            String code = group.getKey();
            List<TerritoryReader.Feature> parts = group.getValue();
            Geometry geometry = parts.size() == 1 ? parts.getFirst().geometry()
                    : union(parts.stream().map(TerritoryReader.Feature::geometry).toArray(Geometry[]::new));
            merged += parts.size() > 1 ? 1 : 0;
            JsonNode ref = reference == null ? null : reference.get(code);
            if (reference != null && ref == null) {
                report.warn("not-in-reference", parts.getFirst().file(), parts.getFirst().index(),
                        level.source().codeProperty(), code,
                        "territory not in " + level.reference().file() + ": no parents nor population");
            }
            String name = ref != null && ref.hasNonNull("nom") ? ref.get("nom").asText() : parts.getFirst().name();
            territories.put(code, new Territory(Territory.idOf(code), code, name, parents(level, ref),
                    population(level, ref), geometry));
        }
        if (reference != null) {
            java.util.Set<String> patched = history == null ? java.util.Set.of() : level.history().patches().keySet();
            reference.keySet().stream().filter(code -> !territories.containsKey(code) && !patched.contains(code)).forEach(code ->
                    report.warn("no-geometry", level.reference().file(), null, "code", code,
                            "territory of the reference has no polygon in " + level.source().path()
                                    + (history == null ? "" : " after resolving codes with the history")));
        }
        if (merged > 0) {
            report.step("merged " + level.id(), Map.of("territories from several polygons", merged), 0);
        }
        return territories;
    }

    private CommuneHistory history(LevelDef level) throws IOException {
        if (level.history() == null) {
            return null;
        }
        CommuneHistory history = CommuneHistory.read(dataDir.resolve(level.history().file()), level.history().patches());
        histories.put(level.id(), history);
        return history;
    }

    private Map<String, JsonNode> reference(LevelDef level) throws IOException {
        if (level.reference() == null) {
            return null;
        }
        Path file = dataDir.resolve(level.reference().file());
        if (!Files.isRegularFile(file)) {
            report.error("missing-file", level.reference().file(), null, null, null,
                    "level '" + level.id() + "' expects this reference file");
            return Map.of();
        }
        LevelDef.Aliases alias = level.reference().aliases();
        if (alias != null) {
            Map<String, String> codes = new HashMap<>();
            ReferenceList.read(file, "code", alias.where()).forEach((code, record) -> {
                if (record.hasNonNull(alias.field())) {
                    codes.put(code, record.get(alias.field()).asText());
                }
            });
            aliases.put(level.id(), codes);
        }
        return ReferenceList.read(file, "code", level.reference().where());
    }

    private static Map<String, String> parents(LevelDef level, JsonNode ref) {
        Map<String, String> parents = new LinkedHashMap<>();
        if (ref != null && level.reference() != null) {
            level.reference().parents().forEach((parentLevel, field) -> {
                if (ref.hasNonNull(field)) {
                    parents.put(parentLevel, ref.get(field).asText());
                }
            });
        }
        return parents;
    }

    private static Long population(LevelDef level, JsonNode ref) {
        if (ref == null || level.reference() == null || level.reference().population() == null) {
            return null;
        }
        JsonNode value = ref.get(level.reference().population());
        return value != null && value.isNumber() ? value.asLong() : null;
    }

    /**
     * Union of polygons that share exact edges: CoverageUnion is linear in their size; where the
     * edges do not match exactly it may fail, and the robust overlay union takes over.
     */
    private static Geometry union(Geometry[] parts) {
        try {
            Geometry union = CoverageUnion.union(parts);
            if (union != null && union.isValid()) {
                return union;
            }
        } catch (RuntimeException e) {
            // fall through to the general union
        }
        return OverlayNGRobust.union(List.of(parts));
    }

    private TreeMap<String, Territory> dissolve(LevelDef level) throws IOException {
        LevelDef.Dissolve d = level.dissolve();
        Path file = dataDir.resolve(d.file());
        TreeMap<String, Territory> members = levels.get(d.from());
        TreeMap<String, Territory> groups = new TreeMap<>();
        if (!Files.isRegularFile(file)) {
            report.error("missing-file", d.file(), null, null, null, "level '" + level.id() + "' expects this file");
            return groups;
        }
        Map<String, JsonNode> records = ReferenceList.read(file, d.code(), Map.of());
        for (JsonNode record : records.values()) {
            String code = record.path(d.code()).asText();
            if (!Territory.isValidCode(code)) {
                report.warn("invalid-code", d.file(), null, d.code(), code, "code must be 1 to 10 letters or digits");
                continue;
            }
            List<Geometry> parts = new ArrayList<>();
            long population = 0;
            boolean populationKnown = true;
            Map<String, String> commonParents = null;
            for (JsonNode member : record.path(d.members())) {
                String memberCode = member.path(d.memberCode()).asText();
                Territory t = members.get(memberCode);
                if (t == null) {
                    report.warn("member-without-geometry", d.file(), null, d.members(), memberCode,
                            level.label() + " " + code + ": member " + memberCode + " has no " + d.from() + " polygon");
                    continue;
                }
                parts.add(t.geometry());
                Map<String, String> parents = new LinkedHashMap<>(t.parents());
                parents.put(level.id(), code);
                members.put(memberCode, new Territory(t.id(), t.code(), t.name(), parents, t.population(), t.geometry()));
                if (t.population() == null) {
                    populationKnown = false;
                } else {
                    population += t.population();
                }
                commonParents = commonParents == null ? new LinkedHashMap<>(t.parents())
                        : intersect(commonParents, t.parents());
            }
            if (parts.isEmpty()) {
                report.warn("empty-group", d.file(), null, d.code(), code, "no member has a polygon; skipped");
                continue;
            }
            if (commonParents != null) {
                // members whose reference names the group (communes → arrondissement) share it: a
                // territory is not its own parent
                commonParents.remove(level.id());
            }
            groups.put(code, new Territory(Territory.idOf(code), code, record.path(d.name()).asText(code),
                    commonParents == null ? Map.of() : commonParents, populationKnown ? population : null,
                    union(parts.toArray(Geometry[]::new))));
        }
        return groups;
    }

    /** The parents two territories share (an EPCI inside one département has that département as parent). */
    private static Map<String, String> intersect(Map<String, String> a, Map<String, String> b) {
        a.entrySet().removeIf(e -> !e.getValue().equals(b.get(e.getKey())));
        return a;
    }

    /** A level without population of its own gets the sum of the smaller territories that name it as parent. */
    private void sumPopulations(Catalogue catalogue) {
        for (LevelDef level : catalogue.levels()) {
            TreeMap<String, Territory> territories = levels.get(level.id());
            if (territories.values().stream().anyMatch(t -> t.population() != null)) {
                continue;
            }
            Map<String, Long> sums = new HashMap<>();
            for (TreeMap<String, Territory> other : levels.values()) {
                if (other.values().stream().anyMatch(t -> t.population() != null
                        && t.parents().containsKey(level.id()))) {
                    other.values().forEach(t -> {
                        String parent = t.parents().get(level.id());
                        if (parent != null && t.population() != null) {
                            sums.merge(parent, t.population(), Long::sum);
                        }
                    });
                    break;
                }
            }
            territories.replaceAll((code, t) -> new Territory(t.id(), t.code(), t.name(), t.parents(),
                    sums.get(code), t.geometry()));
        }
    }

    @Override
    public Optional<String> resolve(String level, String code) {
        TreeMap<String, Territory> territories = levels.get(level);
        if (territories == null || code == null) {
            return Optional.empty();
        }
        if (territories.containsKey(code)) {
            return Optional.of(code);
        }
        CommuneHistory history = histories.get(level);
        return history == null ? Optional.empty()
                : history.resolveAnyVintage(code).filter(territories::containsKey);
    }

    @Override
    public Optional<String> alias(String level, String code) {
        TreeMap<String, Territory> territories = levels.get(level);
        String alias = aliases.getOrDefault(level, Map.of()).get(code);
        return territories != null && alias != null && territories.containsKey(alias) ? Optional.of(alias) : Optional.empty();
    }

    @Override
    public int codeWidth(String level) {
        return codeWidths.computeIfAbsent(level, l -> {
            TreeMap<String, Territory> territories = levels.get(l);
            return territories == null ? 0 : territories.keySet().stream().mapToInt(String::length).min().orElse(0);
        });
    }

    @Override
    public Optional<String> byName(String level, String name) {
        String code = names.getOrDefault(level, Map.of()).get(Names.normalise(name));
        return code == null || code.equals(Names.AMBIGUOUS) ? Optional.empty() : Optional.of(code);
    }
}
