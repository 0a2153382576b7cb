package fr.culture.atlas.importer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import fr.culture.atlas.config.IndicatorDef;
import fr.culture.atlas.config.VenueCatalogue;
import fr.culture.atlas.store.IndicatorData;
import fr.culture.atlas.store.Territory;
import fr.culture.atlas.store.Venue;

/**
 * Venue counts as indicators: per family, the number of venues of each territory (a commune's
 * own, summed up to its parents) and the number per 10,000 inhabitants.
 */
final class VenueCounts {

    private VenueCounts() {
    }

    /**
     * @param levels level id → territories (each commune names its parents), largest level first
     * @param commune id of the level venues are placed in
     */
    static List<IndicatorData> of(VenueCatalogue catalogue, List<Venue> venues, Map<String, List<Territory>> levels,
                                  String commune) {
        List<IndicatorData> indicators = new ArrayList<>();
        Map<String, Territory> communes = new HashMap<>();
        levels.getOrDefault(commune, List.of()).forEach(t -> communes.put(t.code(), t));
        List<String> levelIds = List.copyOf(levels.keySet());
        for (VenueCatalogue.Family family : catalogue.families()) {
            Map<String, Map<String, Object>> counts = new HashMap<>();
            Map<String, Map<String, Object>> rates = new HashMap<>();
            for (String level : levelIds) {
                Map<String, Double> perCode = new HashMap<>();
                // every territory has a count, 0 included: "no venue" is known, unlike a missing value
                levels.get(level).forEach(t -> perCode.put(t.code(), 0.0));
                for (Venue v : venues) {
                    if (!v.family().equals(family.id()) || v.commune() == null) {
                        continue;
                    }
                    Territory c = communes.get(v.commune());
                    String code = level.equals(commune) ? v.commune() : c == null ? null : c.parents().get(level);
                    if (code != null && perCode.containsKey(code)) {
                        perCode.merge(code, 1.0, Double::sum);
                    }
                }
                Map<String, Object> count = new HashMap<>(perCode);
                Map<String, Object> rate = new HashMap<>();
                for (Territory t : levels.get(level)) {
                    if (t.population() != null && t.population() > 0) {
                        rate.put(t.code(), perCode.get(t.code()) * 10_000 / t.population());
                    }
                }
                counts.put(level, count);
                rates.put(level, rate);
            }
            String definition = "Nombre de lieux de la famille « " + family.label() + " » situés dans le territoire"
                    + " (lieux dont la position contredit la commune déclarée exclus).";
            indicators.add(new IndicatorData(new IndicatorDef(family.id(), family.label(), "lieux", "lieux",
                    IndicatorDef.Kind.COUNT, List.of(), levelIds), definition, "Deps, ministère de la Culture", "", counts));
            indicators.add(new IndicatorData(new IndicatorDef(family.id() + "_pour_10000_hab",
                    family.label() + " pour 10 000 habitants", "pour 10 000 hab.", "lieux", IndicatorDef.Kind.RATE,
                    List.of(), levelIds), definition + " Rapporté à la population.", "Deps, ministère de la Culture ; Insee",
                    "", rates));
        }
        return indicators;
    }
}
