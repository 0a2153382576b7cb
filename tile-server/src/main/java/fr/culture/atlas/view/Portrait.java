package fr.culture.atlas.view;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import fr.culture.atlas.config.Catalogue;
import fr.culture.atlas.config.IndicatorDef;
import fr.culture.atlas.store.Coverage;
import fr.culture.atlas.store.IndicatorData;
import fr.culture.atlas.store.Snapshot;
import fr.culture.atlas.store.Territory;

/**
 * A territory's portrait: every indicator it has, with its value, its rank among its level and
 * within each parent, its parents' and France's values. The one model of the JSON portrait
 * ({@code /api/territories/{level}/{code}}, {@code /api/territories/france}) and of the printable
 * page ({@code /portrait/…}), so that both always say the same.
 *
 * @param level      level id, or {@link Catalogue#FRANCE}
 * @param code       the territory's code ({@link IndicatorData#FRANCE_CODE} for France)
 * @param name       its official name
 * @param population inhabitants, or null when unknown
 * @param bbox       west, south, east, north in degrees, or null (France)
 * @param parents    its parents, nearest first (the catalogue's levels in reverse)
 * @param entries    one per indicator published at the level, in the catalogue's order
 */
public record Portrait(String level, String code, String name, Long population, double[] bbox,
                       List<Parent> parents, List<Entry> entries) {

    /** A parent territory: a commune's EPCI, département, région. */
    public record Parent(String level, String code, String name) {
    }

    /** Rank 1 is the highest value; ties share a rank. */
    public record Rank(int rank, int of) {

        static Rank of(Map<String, Integer> rank) {
            return new Rank(rank.get("rank"), rank.get("of"));
        }
    }

    /**
     * France's value of an indicator.
     *
     * @param value    the value, or null when it cannot be computed
     * @param method   how it was computed, or why not, in French (shown to visitors)
     * @param coverage how much of its members it counts, or null
     */
    public record National(Object value, String method, Coverage coverage) {
    }

    /**
     * One indicator of the portrait.
     *
     * @param indicator      the indicator (definition, source, year)
     * @param value          the territory's value, or null when not available
     * @param coverage       how much of its members a computed value counts, or null
     * @param ranks          level id → rank among the level (the territory's own) or within the
     *                       parent of that level; empty unless the value is a number
     * @param parentValues   parent level id → the parent's value, for numeric indicators
     * @param parentCoverage parent level id → how much the parent's value counts, when computed
     * @param france         France's value, for numeric indicators (null otherwise)
     */
    public record Entry(IndicatorData indicator, Object value, Coverage coverage, Map<String, Rank> ranks,
                        Map<String, Object> parentValues, Map<String, Coverage> parentCoverage, National france) {

        public IndicatorDef def() {
            return indicator.def();
        }
    }

    public boolean isFrance() {
        return Catalogue.FRANCE.equals(level);
    }

    /** The entry of an indicator, if the portrait has it. */
    public java.util.Optional<Entry> entry(String indicator) {
        return entries.stream().filter(e -> e.def().id().equals(indicator)).findFirst();
    }

    /**
     * The portrait of a territory of the level (ranking every indicator takes up to 300 ms: callers
     * keep what they make of it among the snapshot's documents).
     */
    public static Portrait of(Snapshot snapshot, Views views, String level, Territory territory) {
        List<Parent> parents = new ArrayList<>();
        territory.parents().forEach((parentLevel, parentCode) -> {
            int parentRow = snapshot.indicators().row(parentLevel, parentCode);
            parents.add(new Parent(parentLevel, parentCode,
                    parentRow < 0 ? parentCode : snapshot.territories(parentLevel).get(parentRow).name()));
        });
        // nearest first (EPCI, département, région), whatever order the store kept them in: the
        // page's columns go from the territory out to France
        List<String> order = snapshot.catalogue().levels().stream().map(fr.culture.atlas.config.LevelDef::id).toList();
        parents.sort(java.util.Comparator.comparingInt((Parent parent) -> order.indexOf(parent.level())).reversed());
        List<Entry> entries = new ArrayList<>();
        for (IndicatorData indicator : snapshot.indicators().all()) {
            if (indicator.def().levels().contains(level)) {
                entries.add(entry(snapshot, views, indicator, level, territory));
            }
        }
        return new Portrait(level, territory.code(), territory.name(), territory.population(),
                views.bbox(level, territory.code()), List.copyOf(parents), List.copyOf(entries));
    }

    /** One indicator of a territory's portrait (a shared homepage view describes one). */
    public static Entry entry(Snapshot snapshot, Views views, IndicatorData indicator, String level,
                              Territory territory) {
        IndicatorDef def = indicator.def();
        List<Views.Row> rows = views.rows(def.id(), level);
        Views.Row row = rows.get(snapshot.indicators().row(level, territory.code()));
        Object value = row.value();
        Coverage coverage = value == null ? null : row.coverage();
        if (!def.kind().numeric()) {
            return new Entry(indicator, value, coverage, Map.of(), Map.of(), Map.of(), null);
        }
        Map<String, Rank> ranks = new LinkedHashMap<>();
        if (value instanceof Double v) {
            ranks.put(level, Rank.of(views.rank(def.id(), level, v))); // as a tooltip's, by the level's sorted values
            territory.parents().forEach((parentLevel, parentCode) -> ranks.put(parentLevel, Rank.of(Views.rank(rows,
                    r -> parentCode.equals(r.territory().parents().get(parentLevel)), v))));
        }
        // the parents' values even where the territory has none (a small commune's secret rate):
        // the page shows them; the JSON portrait gives them with a value only, as it always did
        Map<String, Object> parentValues = new LinkedHashMap<>();
        Map<String, Coverage> parentCoverage = new LinkedHashMap<>();
        territory.parents().forEach((parentLevel, parentCode) -> {
            Object[] column = snapshot.indicators().column(def.id(), parentLevel);
            int parentRow = snapshot.indicators().row(parentLevel, parentCode);
            if (column != null && parentRow >= 0 && column[parentRow] != null) {
                parentValues.put(parentLevel, column[parentRow]);
                Coverage[] covered = snapshot.indicators().coverage(def.id(), parentLevel);
                if (covered != null && covered[parentRow] != null) {
                    parentCoverage.put(parentLevel, covered[parentRow]);
                }
            }
        });
        return new Entry(indicator, value, coverage, ranks, parentValues, parentCoverage,
                national(snapshot.catalogue(), indicator));
    }

    /**
     * France's portrait: every indicator with its national value, computed at import from a
     * level's territories by the indicator's aggregation (the files carry no national row).
     */
    public static Portrait france(Snapshot snapshot) {
        List<Entry> entries = new ArrayList<>();
        for (IndicatorData indicator : snapshot.indicators().all()) {
            National france = national(snapshot.catalogue(), indicator);
            entries.add(new Entry(indicator, france.value(), france.coverage(), Map.of(), Map.of(), Map.of(), france));
        }
        long population = snapshot.territories(snapshot.catalogue().levels().getFirst().id()).stream()
                .map(Territory::population).filter(Objects::nonNull).mapToLong(Long::longValue).sum();
        return new Portrait(Catalogue.FRANCE, IndicatorData.FRANCE_CODE, "France", population, null, List.of(),
                List.copyOf(entries));
    }

    /** France's value, how it was computed (in French, shown to users) and from how much. */
    static National national(Catalogue catalogue, IndicatorData indicator) {
        Coverage coverage = indicator.franceCoverage();
        if (indicator.france() == null || coverage == null) {
            return new National(null, "non calculable (" + switch (indicator.def().aggregation()) {
                case NONE -> "une médiane, un indice ou une catégorie ne s'additionne pas";
                default -> "aucune valeur";
            } + ")", null);
        }
        return new National(indicator.france(), method(catalogue, indicator.def().aggregation(), coverage), coverage);
    }

    /** How a value was computed from its members, in French for the panels. */
    private static String method(Catalogue catalogue, IndicatorDef.Aggregation aggregation, Coverage coverage) {
        String members = catalogue.level(coverage.from()).map(l -> l.label().toLowerCase(Locale.FRENCH))
                .orElse(coverage.from());
        String method = switch (aggregation) {
            case SUM -> "somme des valeurs par " + members;
            case RATIO -> "rapport des sommes par " + members;
            case AREA_WEIGHTED_MEAN -> "moyenne par " + members + " pondérée par la surface";
            case POPULATION_WEIGHTED_MEAN -> "moyenne par " + members + " pondérée par la population";
            case NONE -> members;
        };
        return coverage.partial() ? method + ", partiel" : method;
    }
}
