package fr.culture.atlas.store;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import fr.culture.atlas.config.Catalogue;
import fr.culture.atlas.config.LevelDef;
import fr.culture.atlas.config.Theme;
import org.locationtech.jts.geom.Geometry;

/**
 * Everything one import publishes as one version, with the catalogue of levels and the themes it
 * was made with (a server reads its levels and themes from the version it serves).
 */
public record Dataset(Catalogue catalogue, List<Theme> themes, List<LevelData> levels, List<IndicatorData> indicators,
                      List<Venue> venues) {

    /**
     * The territories of one level, in code order, and their geometry per zoom band.
     *
     * @param bands one array per band of {@code ZoomBands.ALL}, aligned with {@code territories}
     */
    public record LevelData(LevelDef level, List<Territory> territories, List<Geometry[]> bands) {
    }

    /** Number of territories per level id, to check that a written version reads back whole. */
    public Map<String, Integer> counts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        levels.forEach(l -> counts.put(l.level().id(), l.territories().size()));
        return counts;
    }
}
