package fr.culture.atlas.importer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Insee's commune history ({@code historique-communes.json} of {@code @etalab/decoupage-administratif}):
 * resolves a commune code of an older vintage to the code of the commune that holds its
 * territory today, following renames, mergers (communes nouvelles) and absorptions, then the
 * configured patches for changes the file does not know yet.
 */
final class CommuneHistory {

    /** One version of a commune between two events. */
    private record Version(String id, String type, String code, LocalDate start, LocalDate end,
                           String successor, String pole) {
        boolean validAt(LocalDate date) {
            return (start == null || !start.isAfter(date)) && (end == null || end.isAfter(date));
        }
    }

    private static final int MAX_STEPS = 50;

    private final Map<String, Version> byId = new HashMap<>();
    private final Map<String, List<Version>> communesByCode = new HashMap<>();
    private final Map<String, String> patches;

    private CommuneHistory(Map<String, String> patches) {
        this.patches = patches;
    }

    static CommuneHistory read(Path file, Map<String, String> patches) throws IOException {
        CommuneHistory history = new CommuneHistory(patches);
        try (InputStream in = Files.newInputStream(file)) {
            for (JsonNode n : new ObjectMapper().readTree(in)) {
                Version v = new Version(n.path("id").asText(), n.path("type").asText(), n.path("code").asText(),
                        date(n.get("dateDebut")), date(n.get("dateFin")),
                        text(n.get("successeur")), text(n.get("pole")));
                history.byId.put(v.id(), v);
                if ("COM".equals(v.type())) {
                    history.communesByCode.computeIfAbsent(v.code(), k -> new ArrayList<>()).add(v);
                }
            }
        }
        return history;
    }

    private static LocalDate date(JsonNode node) {
        return node == null || node.isNull() ? null : LocalDate.parse(node.asText());
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }

    /** The current code of the commune that had {@code code} on {@code date}, if the history knows it. */
    Optional<String> resolve(String code, LocalDate date) {
        List<Version> versions = communesByCode.getOrDefault(code, List.of());
        Version start = versions.stream().filter(v -> v.validAt(date)).findFirst().orElse(null);
        return start == null ? Optional.empty() : Optional.of(patch(walk(start)));
    }

    /**
     * The current code for a code of unknown vintage: itself if a commune has it today, else
     * the successor of the last commune that had it.
     */
    Optional<String> resolveAnyVintage(String code) {
        List<Version> versions = communesByCode.getOrDefault(code, List.of());
        Version last = null;
        for (Version v : versions) {
            if (v.end() == null) {
                return Optional.of(patch(v.code()));
            }
            if (last == null || v.end().isAfter(last.end())) {
                last = v;
            }
        }
        if (last == null) {
            return patches.containsKey(code) ? Optional.of(patch(code)) : Optional.empty();
        }
        return Optional.of(patch(walk(last)));
    }

    /** Follows successors (through the pole of a commune déléguée or absorbed part) to a commune still valid. */
    private String walk(Version v) {
        for (int step = 0; step < MAX_STEPS && v.end() != null; step++) {
            Version next = byId.get(v.successor());
            for (int hop = 0; next != null && !"COM".equals(next.type()) && hop < MAX_STEPS; hop++) {
                next = byId.get(next.pole());
            }
            if (next == null) {
                break; // suppressed without successor: keep the last known code
            }
            v = next;
        }
        return v.code();
    }

    private String patch(String code) {
        String current = code;
        for (int i = 0; i < MAX_STEPS && patches.containsKey(current); i++) {
            current = patches.get(current);
        }
        return current;
    }
}
