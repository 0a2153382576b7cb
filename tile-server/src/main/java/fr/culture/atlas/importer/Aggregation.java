package fr.culture.atlas.importer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import fr.culture.atlas.config.Catalogue;
import fr.culture.atlas.config.IndicatorDef;
import fr.culture.atlas.config.LevelDef;
import fr.culture.atlas.geo.WebMercator;
import fr.culture.atlas.store.Coverage;
import fr.culture.atlas.store.IndicatorData;
import fr.culture.atlas.store.Territory;
import org.locationtech.jts.geom.Geometry;

/**
 * Values at the levels an indicator's file does not have, computed from the members of the
 * smallest level it has (a département's from its communes), and France's value, by the
 * indicator's declared aggregation ({@link IndicatorDef.Aggregation}). Each computed value carries
 * its {@link Coverage}: how many members had a value, and which share of their population.
 *
 * <p>A level is reached only through declared parents (a commune names its département in the
 * reference list), and only from members that make up its territories whole. A level without
 * that link gets no value, never a zero.
 */
final class Aggregation {

    /** The numerator ({@code value × multiply}) and denominator of one member's ratio. */
    record Ratio(double numerator, double denominator) {
    }

    private final List<String> levels;
    private final Map<String, List<Territory>> territories;
    private final Map<String, Map<String, Territory>> byCode = new HashMap<>();
    /** level → code → land area in km², computed when an indicator is weighted by area (indicators aggregate in parallel) */
    private final Map<String, Map<String, Double>> areas = new java.util.concurrent.ConcurrentHashMap<>();
    /** "member level>level" → whether every member names its territory of the level */
    private final Map<String, Boolean> nests = new java.util.concurrent.ConcurrentHashMap<>();

    /** @param territories level id → territories, each naming its parents (EPSG:3857 geometry) */
    Aggregation(Catalogue catalogue, Map<String, List<Territory>> territories) {
        this.levels = catalogue.levels().stream().map(LevelDef::id).toList();
        this.territories = territories;
        territories.forEach((level, list) -> {
            Map<String, Territory> codes = new HashMap<>();
            list.forEach(t -> codes.put(t.code(), t));
            byCode.put(level, codes);
        });
    }

    /**
     * Every indicator with the levels it can reach and France, in the same order.
     *
     * @param ratios indicator id → level → code → numerator and denominator, for {@code ratio} indicators
     */
    List<IndicatorData> apply(List<IndicatorData> indicators, Map<String, Map<String, Map<String, Ratio>>> ratios) {
        return indicators.parallelStream().map(i -> apply(i, ratios.getOrDefault(i.def().id(), Map.of()))).toList();
    }

    private IndicatorData apply(IndicatorData data, Map<String, Map<String, Ratio>> ratios) {
        IndicatorDef def = data.def();
        List<String> read = levels.stream().filter(l -> data.values().containsKey(l)).toList();
        if (def.aggregation() == IndicatorDef.Aggregation.NONE || read.isEmpty()) {
            return data;
        }
        Map<String, Map<String, Object>> values = new LinkedHashMap<>(data.values());
        Map<String, Map<String, Coverage>> coverage = new LinkedHashMap<>(data.coverage());
        Map<String, String> computedFrom = new LinkedHashMap<>();
        String members = read.getLast();
        for (String level : levels) {
            if (!read.contains(level) && nests(members, level)) {
                Map<String, List<Territory>> groups = new LinkedHashMap<>();
                for (Territory t : territories.get(members)) {
                    String parent = t.parents().get(level);
                    if (parent != null && byCode.get(level).containsKey(parent)) {
                        groups.computeIfAbsent(parent, k -> new ArrayList<>()).add(t);
                    }
                }
                Map<String, Object> computed = new LinkedHashMap<>();
                Map<String, Coverage> covered = new LinkedHashMap<>();
                groups.forEach((code, group) -> combine(def, members, group, data.values().get(members),
                        ratios.get(members), computed, covered, code));
                if (!computed.isEmpty()) {
                    values.put(level, computed);
                    coverage.put(level, covered);
                    computedFrom.put(level, members);
                }
            }
        }
        // France from the largest level of the file: its figures are the least suppressed, and for
        // sums and ratios of sums the result is the same from any level that covers France
        String largest = read.getFirst();
        Map<String, Object> france = new LinkedHashMap<>();
        Map<String, Coverage> franceCoverage = new LinkedHashMap<>();
        combine(def, largest, territories.get(largest), data.values().get(largest), ratios.get(largest), france,
                franceCoverage, IndicatorData.FRANCE_CODE);
        if (!france.isEmpty()) {
            values.put(Catalogue.FRANCE, france);
            coverage.put(Catalogue.FRANCE, franceCoverage);
        }
        List<String> all = levels.stream().filter(values::containsKey).toList();
        return new IndicatorData(def.withLevels(all, computedFrom), data.definition(), data.source(), data.year(),
                values, coverage, data.edition());
    }

    /**
     * The value of one territory from its members, put under {@code code} with its coverage;
     * nothing when no member has a value.
     */
    private void combine(IndicatorDef def, String level, List<Territory> group, Map<String, Object> values,
                         Map<String, Ratio> ratios, Map<String, Object> out, Map<String, Coverage> coverage,
                         String code) {
        double numerator = 0;
        double denominator = 0;
        int counted = 0;
        long population = 0;
        long countedPopulation = 0;
        for (Territory t : group) {
            // the share of population is over the members whose population is known (Mayotte's
            // communes have none in the reference)
            if (t.population() != null) {
                population += t.population();
            }
            if (def.aggregation() == IndicatorDef.Aggregation.RATIO) {
                // a member counts by its parts, even when its own ratio has no value (no inhabitant)
                Ratio r = ratios == null ? null : ratios.get(t.code());
                if (r != null) {
                    numerator += r.numerator();
                    denominator += r.denominator();
                    counted++;
                    countedPopulation += t.population() == null ? 0 : t.population();
                }
                continue;
            }
            Object value = values.get(t.code());
            if (!(value instanceof Double v)) {
                continue;
            }
            double weight = switch (def.aggregation()) {
                case SUM -> 1;
                case RATIO -> throw new IllegalStateException("ratios are summed above");
                case AREA_WEIGHTED_MEAN -> area(level, t);
                case POPULATION_WEIGHTED_MEAN -> t.population() == null ? Double.NaN : t.population();
                case NONE -> Double.NaN;
            };
            if (Double.isNaN(weight)) {
                continue;
            }
            if (def.aggregation() == IndicatorDef.Aggregation.SUM) {
                numerator += v;
            } else {
                numerator += v * weight;
                denominator += weight;
            }
            counted++;
            countedPopulation += t.population() == null ? 0 : t.population();
        }
        double value = def.aggregation() == IndicatorDef.Aggregation.SUM ? numerator
                : denominator == 0 ? Double.NaN : numerator / denominator;
        if (counted == 0 || !Double.isFinite(value)) {
            return;
        }
        out.put(code, value);
        coverage.put(code, new Coverage(level, counted, group.size(),
                population > 0 ? (double) countedPopulation / population : null));
    }

    /**
     * Whether the territories of {@code members} that name a territory of {@code level} make it up
     * whole: their populations add up to its population (within {@link #NESTING_TOLERANCE}) for every
     * territory of the level whose population is known. Communes make up their EPCI, département
     * and région; EPCIs do not make up départements (some straddle two), so no value is computed there.
     */
    private boolean nests(String members, String level) {
        if (members.equals(level) || !territories.containsKey(level)) {
            return false;
        }
        return nests.computeIfAbsent(members + ">" + level, k -> {
            Map<String, Long> sums = new HashMap<>();
            for (Territory t : territories.get(members)) {
                String parent = t.parents().get(level);
                if (parent != null) {
                    sums.merge(parent, t.population() == null ? 0 : t.population(), Long::sum);
                }
            }
            if (sums.isEmpty()) {
                return false;
            }
            for (Territory t : territories.get(level)) {
                if (t.population() != null && t.population() > 0
                        && Math.abs(sums.getOrDefault(t.code(), 0L) - t.population()) > NESTING_TOLERANCE * t.population()) {
                    return false;
                }
            }
            return true;
        });
    }

    /** Relative gap between a territory's population and its members' sum still taken as a whole. */
    static final double NESTING_TOLERANCE = 0.005;

    /** Land area in km²: the Mercator area scaled back at the territory's latitude (exact enough to weigh). */
    private double area(String level, Territory t) {
        Map<String, Double> perCode = areas.computeIfAbsent(level, k -> new java.util.concurrent.ConcurrentHashMap<>());
        return perCode.computeIfAbsent(t.code(), code -> {
            Geometry g = t.geometry();
            double lat = WebMercator.latitude(g.getEnvelopeInternal().centre().y);
            double scale = Math.cos(Math.toRadians(lat));
            return g.getArea() * scale * scale / 1e6;
        });
    }
}
