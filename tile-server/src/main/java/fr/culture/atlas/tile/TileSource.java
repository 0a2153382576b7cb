package fr.culture.atlas.tile;

import fr.culture.atlas.store.Snapshot;

/**
 * What draws one kind of tile from a snapshot: territories with indicator values, or venues.
 * {@link TileRenderer} picks the source of a {@link TileRenderer.Content} and caches what it
 * draws ({@link TileCache}); a source only reads the snapshot and encodes.
 */
interface TileSource {

    /**
     * The tile {@code coord} of the content.
     *
     * @param layout the composite view the content asks for, placed on the snapshot, or null
     */
    Tile render(Snapshot snapshot, TileRenderer.Content content, Layout layout, TileCoord coord);
}
