package fr.culture.atlas.tile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

import fr.culture.atlas.TestData;
import fr.culture.atlas.store.Snapshot;
import fr.culture.atlas.store.Territory;
import fr.culture.atlas.work.Workers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The national views of the real data: no holes (the level covers the land as the régions do),
 * within the tile budgets, and the overseas in the France view.
 */
class TileCoverageTest {

    private static Snapshot snapshot;
    private static TileRenderer renderer;

    @BeforeAll
    static void open() throws IOException {
        snapshot = TestData.embeddedStore().current().orElseThrow();
        renderer = new TileRenderer(256L << 20, 12, TileRenderer.Listener.NONE, new Layouts(), Workers.shared());
    }

    private static byte[] tile(String level, TileCoord coord) {
        return renderer.tile(snapshot, new TileRenderer.Content(level, List.of()), coord).raw();
    }

    /**
     * The zooms where the commune level has the most territories under a pixel (the worst before
     * merging), and the world zooms where each level's outline was simplified on its own (commune
     * zoom 2 was at 99.39 % when the world bands started from the zoom-5 geometry).
     */
    @ParameterizedTest(name = "{0} at zoom {1}")
    @CsvSource({"commune, 2", "commune, 3", "commune, 4", "commune, 5", "commune, 6", "commune, 7",
            "epci, 2", "epci, 3", "epci, 5", "departement, 3"})
    void theLevelCoversTheLandAsTheRegionsDo(String level, int z) {
        TileCoverage.Ratio ratio = TileCoverage.measure(TileCoverageTest::tile, level, "region",
                TileCoverage.sample(z, 40));
        assertTrue(ratio.percent() >= 99.5, level + " covers " + ratio.percent() + " % at zoom " + z);
    }

    /** Every z5 tile of metropolitan France at the commune level, with an indicator's values. */
    @Test
    void theNationalViewOfTheCommunesFitsItsBudgets() throws IOException {
        long gzipped = 0;
        for (TileCoord coord : TileCoverage.sample(5, 100)) {
            byte[] raw = renderer.tile(snapshot, new TileRenderer.Content("commune", List.of("niveau_vie_median")), coord).raw();
            assertTrue(raw.length <= TileEncoder.MAX_BYTES, coord + ": " + raw.length + " bytes");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
                gz.write(raw);
            }
            gzipped += out.size();
        }
        assertTrue(gzipped <= 400 * 1024, "national view: " + gzipped + " bytes gzipped");
    }

    /** The France view's tile under the Guadeloupe inset holds Guadeloupe's communes, with their own ids. */
    @Test
    void theFranceViewShowsTheOverseasInTheirInsets() throws IOException {
        Layout layout = renderer.layouts().get(snapshot, "france").orElseThrow();
        assertEquals(5, layout.insets().size(), "five overseas régions");
        Layout.Inset guadeloupe = layout.insets().getFirst();
        assertEquals("01", guadeloupe.def().code());
        TileCoord coord = TileCoord.covering(guadeloupe.box(), 6).getFirst();
        byte[] bytes = renderer.tile(snapshot, new TileRenderer.Content("commune", List.of("population"), "france"),
                coord).raw();
        Set<String> codes = new HashSet<>();
        for (Mvt.Feature f : Mvt.decode(bytes)) {
            codes.add(f.code());
            assertEquals(Territory.idOf(f.code()), f.id());
        }
        assertTrue(codes.stream().anyMatch(c -> c.startsWith("971")), "Guadeloupe's communes in " + coord + ": " + codes);
        // the same tile at real positions is empty: the Bay of Biscay's latitude, off Spain
        assertEquals(0, renderer.tile(snapshot, new TileRenderer.Content("commune", List.of("population")), coord)
                .raw().length);
        // the venues of Guadeloupe are in the same box, at the same zoom
        List<Mvt.Feature> venues = Mvt.decode(renderer.tile(snapshot,
                new TileRenderer.Content(Tilesets.VENUES, List.of(), "france"), coord).raw());
        assertTrue(!venues.isEmpty(), "Guadeloupe's venues in its inset");
        // and in the view, metropolitan France is where it is
        TileCoord paris = new TileCoord(8, 129, 88);
        assertEquals(Mvt.decode(tile("commune", paris)).size(), Mvt.decode(renderer.tile(snapshot,
                new TileRenderer.Content("commune", List.of(), "france"), paris).raw()).size());
    }
}
