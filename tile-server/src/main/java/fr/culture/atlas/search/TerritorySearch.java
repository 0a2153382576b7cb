package fr.culture.atlas.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import fr.culture.atlas.store.Territory;

/**
 * Accent- and case-insensitive prefix search over the territories of every level, built once
 * per data version: "st etienne" finds Saint-Étienne, "lyon" Lyon before Lyons-la-Forêt.
 */
public final class TerritorySearch {

    /** One result: the territory, its level and its bounding box [west, south, east, north]. */
    public record Hit(String level, Territory territory, double[] bbox) {
    }

    private record Entry(String normalised, String level, int levelRank, Territory territory, double[] bbox) {
    }

    private final List<Entry> entries = new ArrayList<>();

    /**
     * @param levels level id → territories, largest level first (the order ranks the results)
     * @param bboxes level id → code → WGS84 bounding box
     */
    public TerritorySearch(Map<String, List<Territory>> levels, Map<String, Map<String, double[]>> bboxes) {
        int rank = 0;
        for (Map.Entry<String, List<Territory>> level : levels.entrySet()) {
            for (Territory t : level.getValue()) {
                entries.add(new Entry(Names.normalise(t.name()), level.getKey(), rank, t,
                        bboxes.getOrDefault(level.getKey(), Map.of()).get(t.code())));
            }
            rank++;
        }
    }

    /**
     * Territories whose name starts with the query (or has a word that does), or whose code is
     * the query; larger levels first, then the most populated.
     */
    public List<Hit> search(String query, int limit) {
        String q = Names.normalise(query);
        if (q.isEmpty()) {
            return List.of();
        }
        String word = " " + q;
        return entries.stream()
                .filter(e -> e.normalised().startsWith(q) || e.normalised().contains(word)
                        || e.territory().code().equalsIgnoreCase(query.strip()))
                .sorted(Comparator.comparingInt((Entry e) -> e.normalised().startsWith(q) ? 0 : 1)
                        .thenComparingInt(Entry::levelRank)
                        .thenComparing(e -> e.territory().population() == null ? 0L : -e.territory().population()))
                .limit(limit)
                .map(e -> new Hit(e.level(), e.territory(), e.bbox()))
                .toList();
    }
}
