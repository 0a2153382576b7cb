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
 * Venue counts as indicators, in the level venues are placed in: per family, the number of
 * venues of each territory and the number per 10,000 inhabitants. The larger levels are the
 * {@link Aggregation}'s (sum, and ratio of sums), like any indicator's.
 */
final class VenueCounts {

    private VenueCounts() {
    }

    /**
     * @param communes the territories of the level venues are placed in
     * @param level    its id
     * @param dataDir  where the families' files are, for their editions
     */
    static IndicatorImport of(VenueCatalogue catalogue, List<Venue> venues, List<Territory> communes, String level,
                              java.nio.file.Path dataDir) {
        List<IndicatorData> indicators = new ArrayList<>();
        Map<String, Map<String, Map<String, Aggregation.Ratio>>> ratios = new HashMap<>();
        for (VenueCatalogue.Family family : catalogue.families()) {
            Map<String, Double> perCode = new HashMap<>();
            // every territory has a count, 0 included: "no venue" is known, unlike a missing value
            communes.forEach(t -> perCode.put(t.code(), 0.0));
            for (Venue v : venues) {
                if (v.family().equals(family.id()) && v.commune() != null && perCode.containsKey(v.commune())) {
                    perCode.merge(v.commune(), 1.0, Double::sum);
                }
            }
            Map<String, Object> rate = new HashMap<>();
            Map<String, Aggregation.Ratio> parts = new HashMap<>();
            for (Territory t : communes) {
                if (t.population() != null) {
                    double venuesPer = perCode.get(t.code()) * 10_000;
                    if (t.population() > 0) {
                        rate.put(t.code(), venuesPer / t.population());
                    }
                    // a commune without inhabitants has no rate, but its venues count in larger territories
                    parts.put(t.code(), new Aggregation.Ratio(venuesPer, t.population()));
                }
            }
            String rateId = family.id() + "_pour_10000_hab";
            // a missing file is already an error of the report: no edition to name
            fr.culture.atlas.store.Edition edition = java.nio.file.Files.isRegularFile(dataDir.resolve(family.source()))
                    ? Editions.of(dataDir, family.source(), "") : null;
            ratios.put(rateId, Map.of(level, parts));
            String definition = "Nombre de lieux de la famille « " + family.label() + " » situés dans le territoire"
                    + " (lieux dont la position contredit la commune déclarée exclus).";
            indicators.add(new IndicatorData(new IndicatorDef(family.id(), family.label(), "lieux", catalogue.theme(),
                    IndicatorDef.Kind.COUNT, List.of(), List.of(level), IndicatorDef.Aggregation.SUM, Map.of(), false),
                    definition, "Deps, ministère de la Culture", "", Map.of(level, new HashMap<>(perCode)))
                    .withEdition(edition));
            indicators.add(new IndicatorData(new IndicatorDef(rateId, family.label() + " pour 10 000 habitants",
                    "pour 10 000 hab.", catalogue.theme(), IndicatorDef.Kind.RATE, List.of(), List.of(level),
                    IndicatorDef.Aggregation.RATIO, Map.of(), false), definition + " Rapporté à la population.",
                    "Deps, ministère de la Culture ; Insee", "", Map.of(level, rate)).withEdition(edition));
        }
        return new IndicatorImport(indicators, List.of(), ratios);
    }
}
