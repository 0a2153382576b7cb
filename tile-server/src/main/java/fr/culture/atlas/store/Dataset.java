package fr.culture.atlas.store;

import java.util.List;

import fr.culture.atlas.config.LevelDef;

/** Everything one import publishes as one version. */
public record Dataset(List<LevelData> levels) {

    /** The territories of one level. */
    public record LevelData(LevelDef level, List<Territory> territories) {
    }

    /** Number of territories per level id, to check that a written version reads back whole. */
    public java.util.Map<String, Integer> counts() {
        java.util.Map<String, Integer> counts = new java.util.LinkedHashMap<>();
        levels.forEach(l -> counts.put(l.level().id(), l.territories().size()));
        return counts;
    }
}
