package fr.culture.atlas.importer;

import java.io.IOException;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A test {@link TerritoryIndex} built from {@code reference/*.json} (COG 2019, epci.json 2020):
 * current codes map to themselves, communes déléguées and associées to their chef-lieu, plus
 * the three 2019 → 2020 merges that the reference lacks. Names match exactly, then folded.
 */
final class ReferenceIndex implements TerritoryIndex {

    private final Map<String, Map<String, String>> codes = new HashMap<>();
    private final Map<String, Map<String, String>> names = new HashMap<>();

    static ReferenceIndex load(Path dataDir) throws IOException {
        ObjectMapper json = new ObjectMapper();
        Path ref = dataDir.resolve("reference");
        ReferenceIndex index = new ReferenceIndex();
        for (JsonNode r : json.readTree(ref.resolve("regions.json").toFile())) {
            index.add("region", r.get("code").asText(), r.get("code").asText(), r.get("nom").asText());
        }
        for (JsonNode d : json.readTree(ref.resolve("departements.json").toFile())) {
            index.add("departement", d.get("code").asText(), d.get("code").asText(), d.get("nom").asText());
        }
        JsonNode communes = json.readTree(ref.resolve("communes.json").toFile());
        for (JsonNode c : communes) {
            if (c.get("type").asText().equals("commune-actuelle")) {
                index.add("commune", c.get("code").asText(), c.get("code").asText(), c.get("nom").asText());
            }
        }
        Map<String, String> commune = index.codes.get("commune");
        commune.put("21213", "21452");
        commune.put("21507", "21183");
        commune.put("45287", "45307");
        for (JsonNode e : json.readTree(ref.resolve("epci.json").toFile())) {
            index.add("epci", e.get("code").asText(), e.get("code").asText(), e.get("nom").asText());
            for (JsonNode m : e.get("membres")) {
                commune.putIfAbsent(m.get("code").asText(), m.get("code").asText());   // 14666, re-created in 2020
            }
        }
        for (JsonNode c : communes) {
            if (c.has("chefLieu")) {
                commune.putIfAbsent(c.get("code").asText(), c.get("chefLieu").asText());
            }
        }
        return index;
    }

    /** A hand-made index for fixtures: level → code → name. */
    static ReferenceIndex of(Map<String, Map<String, String>> territories) {
        ReferenceIndex index = new ReferenceIndex();
        territories.forEach((level, byCode) -> byCode.forEach((code, name) -> index.add(level, code, code, name)));
        return index;
    }

    /** Declares that an old code now belongs to a current one. */
    ReferenceIndex alias(String level, String old, String current) {
        codes.computeIfAbsent(level, l -> new HashMap<>()).put(old, current);
        return this;
    }

    private void add(String level, String code, String current, String name) {
        codes.computeIfAbsent(level, l -> new HashMap<>()).put(code, current);
        Map<String, String> byName = names.computeIfAbsent(level, l -> new HashMap<>());
        byName.put(name, current);
        byName.putIfAbsent(fold(name), current);
    }

    @Override
    public Optional<String> resolve(String level, String code) {
        return Optional.ofNullable(codes.getOrDefault(level, Map.of()).get(code));
    }

    @Override
    public Optional<String> byName(String level, String name) {
        Map<String, String> byName = names.getOrDefault(level, Map.of());
        String code = byName.get(name);
        return Optional.ofNullable(code != null ? code : byName.get(fold(name)));
    }

    private static String fold(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT)
                .replaceAll("[-'’ ]+", " ").strip();
    }

    @Override
    public int codeWidth(String level) {
        return codes.getOrDefault(level, Map.of()).keySet().stream().mapToInt(String::length).min().orElse(0);
    }

    @Override
    public Optional<String> alias(String level, String code) {
        return Optional.empty();
    }
}
