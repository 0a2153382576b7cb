package fr.culture.atlas.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a kept version holds, without geometry: what the next import compares itself with, and
 * what {@code ./atlas versions} lists.
 *
 * @param version     its number
 * @param published   when it was written
 * @param territories level id → code → name
 * @param indicators  the indicators with their values, coverage and editions
 */
public record VersionSummary(long version, Instant published, Map<String, Map<String, String>> territories,
                             List<IndicatorData> indicators) {
}
