package fr.culture.atlas.store;

import java.util.List;

import fr.culture.atlas.config.Catalogue;
import fr.culture.atlas.config.Theme;
import org.locationtech.jts.geom.Envelope;

/**
 * One published data version, immutable while it is being read. A request takes the current
 * snapshot once and reads only from it, so it never mixes two versions.
 */
public interface Snapshot {

    /** The data version number (1, 2, …). */
    long version();

    /** What this version keeps of the configuration it was imported with. */
    Published published();

    /**
     * The levels and layouts this version was imported with: a level added to levels.yaml is
     * served with the version that introduced it, without restart.
     */
    default Catalogue catalogue() {
        return published().catalogue();
    }

    /** The themes of indicators.yaml this version was imported with, in their order. */
    default List<Theme> themes() {
        return published().themes();
    }

    /** The published indicators and their values. */
    Indicators indicators();

    /**
     * The venues (of every family) inside the envelope (EPSG:3857).
     */
    List<Venue> venues(Envelope envelope);

    /** Every territory of a level in code order, with the finest geometry; empty for an unknown level. */
    List<Territory> territories(String level);

    /**
     * The territories of a level whose bounding box intersects the envelope (EPSG:3857), with
     * the geometry of zoom band {@code band}, in id order (the order of a tile's features).
     */
    List<Territory> territories(String level, int band, Envelope envelope);
}
