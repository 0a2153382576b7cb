package fr.culture.atlas.tile;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import fr.culture.atlas.config.Catalogue;
import fr.culture.atlas.config.IndicatorDef;
import fr.culture.atlas.config.LevelDef;
import fr.culture.atlas.store.IndicatorData;
import fr.culture.atlas.store.Snapshot;

/**
 * The tilesets a snapshot serves, by the name in a tile's address: a level's boundaries
 * ({@code regions}…), the venues ({@link #VENUES}), or an indicator id (its values on the level
 * of the zoom). XYZ tiles, TileJSON, OGC API – Tiles, generated styles and the preseeder resolve
 * names here, so a name means the same tiles everywhere; what a request may add to a tileset
 * ({@code ?level=}, {@code ?indicators=}, {@code ?layout=}) is read and refused by the HTTP side.
 */
public final class Tilesets {

    /** The name of the venues tileset, and the level of its {@link TileRenderer.Content}: its layers are venue families. */
    public static final String VENUES = "equipements";

    private Tilesets() {
    }

    /** A tileset: its name in addresses and the title documents give it. */
    public sealed interface Tileset permits Boundaries, Venues, OfIndicator {
        String name();

        String title();
    }

    /** A level's territories without values. */
    public record Boundaries(LevelDef level) implements Tileset {
        @Override
        public String name() {
            return level.boundaries();
        }

        @Override
        public String title() {
            return level.label() + " (limites)";
        }
    }

    /** The venues, one layer per family. */
    public record Venues() implements Tileset {
        @Override
        public String name() {
            return VENUES;
        }

        @Override
        public String title() {
            return "Lieux culturels";
        }
    }

    /** An indicator's values, on the level of the zoom. */
    public record OfIndicator(IndicatorData indicator) implements Tileset {
        @Override
        public String name() {
            return indicator.def().id();
        }

        @Override
        public String title() {
            return indicator.def().label();
        }
    }

    /** The tileset of that name in the snapshot. */
    public static Optional<Tileset> find(Snapshot snapshot, String name) {
        if (name.equals(VENUES)) {
            return Optional.of(new Venues());
        }
        Optional<LevelDef> boundaries = snapshot.catalogue().boundaries(name);
        if (boundaries.isPresent()) {
            return Optional.of(new Boundaries(boundaries.get()));
        }
        return snapshot.indicators().get(name).map(OfIndicator::new);
    }

    /** Every tileset name: boundary tilesets, the venues, then indicator ids. */
    public static List<String> names(Snapshot snapshot) {
        List<String> names = new ArrayList<>(snapshot.catalogue().levels().stream().map(LevelDef::boundaries).toList());
        names.add(VENUES);
        snapshot.indicators().definitions().forEach(d -> names.add(d.id()));
        return names;
    }

    /**
     * What the tileset shows at zoom {@code z} (-1: no zoom, as for TileJSON) when a request adds
     * nothing: empty for an indicator with no level with values.
     */
    public static Optional<TileRenderer.Content> content(Snapshot snapshot, Tileset tileset, int z) {
        return switch (tileset) {
            case Venues v -> Optional.of(new TileRenderer.Content(VENUES, List.of()));
            case Boundaries b -> Optional.of(new TileRenderer.Content(b.level().id(), List.of()));
            case OfIndicator i -> levelAt(snapshot.catalogue(), i.indicator().def(), z)
                    .map(level -> new TileRenderer.Content(level, List.of(i.name())));
        };
    }

    /**
     * The level of zoom {@code z} in levels.yaml (the top level for -1); when the indicator has no
     * values there, the nearest level it has, in catalogue order, preferring the larger one.
     */
    public static Optional<String> levelAt(Catalogue catalogue, IndicatorDef indicator, int z) {
        List<LevelDef> levels = catalogue.levels();
        List<String> available = indicator.levels();
        int wanted = z < 0 ? 0 : Math.max(0, levels.indexOf(catalogue.levelAt(z).orElse(levels.getLast())));
        for (int distance = 0; distance < levels.size(); distance++) {
            for (int i : new int[] {wanted - distance, wanted + distance}) {
                if (i >= 0 && i < levels.size() && available.contains(levels.get(i).id())) {
                    return Optional.of(levels.get(i).id());
                }
            }
        }
        return Optional.empty();
    }
}
