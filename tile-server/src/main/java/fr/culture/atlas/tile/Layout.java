package fr.culture.atlas.tile;

import java.util.ArrayList;
import java.util.List;

import fr.culture.atlas.config.LayoutDef;
import fr.culture.atlas.geo.WebMercator;
import fr.culture.atlas.store.Snapshot;
import fr.culture.atlas.geo.ZoomBands;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Point;

/**
 * A composite view placed on one snapshot's data: the frame left in place and, for each inset, the
 * scale and shift (in Web Mercator) that fit its territory into its box. The move is a scale and a
 * translation, so a tile of the composite view is, inside a box, a tile of the real map with
 * another frame ({@link Inset#toReal}): the same geometry, clipped and encoded as usual, lands in
 * the box, with the territories' own ids and values (hover, selection and classes work as
 * elsewhere).
 *
 * @param frame  what stays in place (EPSG:3857)
 * @param insets the insets whose territory the snapshot has
 */
public record Layout(LayoutDef def, Envelope frame, List<Inset> insets) {

    private static final Envelope WORLD = new Envelope(-WebMercator.HALF_WORLD, WebMercator.HALF_WORLD,
            -WebMercator.HALF_WORLD, WebMercator.HALF_WORLD);

    /** Share of its box an inset's territory fills, so that boxes keep a margin around it. */
    private static final double FILL = 0.9;

    /**
     * One inset: {@code composite = real × scale + shift}.
     *
     * @param real  the envelope of the territory at its real position (EPSG:3857)
     * @param box   the box it is fitted into (EPSG:3857)
     */
    public record Inset(LayoutDef.Inset def, Envelope real, Envelope box, double scale, double dx, double dy) {

        /** The real position of a composite envelope. */
        public Envelope toReal(Envelope composite) {
            return new Envelope((composite.getMinX() - dx) / scale, (composite.getMaxX() - dx) / scale,
                    (composite.getMinY() - dy) / scale, (composite.getMaxY() - dy) / scale);
        }

        /** Where a real position shows in the composite view. */
        public Envelope toComposite(Envelope real) {
            return new Envelope(real.getMinX() * scale + dx, real.getMaxX() * scale + dx,
                    real.getMinY() * scale + dy, real.getMaxY() * scale + dy);
        }

        /**
         * The real envelope to read for the part of a composite envelope inside the box: null
         * ({@link Envelope#isNull()}) when the envelope misses the box.
         */
        public Envelope realPart(Envelope composite) {
            Envelope inBox = composite.intersection(box);
            return inBox.isNull() ? inBox : toReal(inBox).intersection(real);
        }

        /** Where a real point shows in the composite view. */
        public Point toComposite(Point real) {
            return real.getFactory().createPoint(new Coordinate(real.getX() * scale + dx, real.getY() * scale + dy));
        }

        /**
         * The zoom whose detail the inset shows at composite zoom {@code z}: an inset drawn twice
         * its real size at zoom 5 needs the geometry (and the merging) of zoom 6.
         */
        public int zoom(int z) {
            return Math.clamp(Math.round(z + Math.log(scale) / Math.log(2)), 0, TileCoord.MAX_ZOOM);
        }
    }

    /** Places the layout on the snapshot's territories; an inset whose territory is missing is left out. */
    public static Layout of(LayoutDef def, Snapshot snapshot) {
        List<Inset> insets = new ArrayList<>();
        // the source detail, read from the store once per level (the PostGIS store keeps geometry there only)
        java.util.Map<String, java.util.Map<String, Envelope>> envelopes = new java.util.HashMap<>();
        for (LayoutDef.Inset inset : def.insets()) {
            Envelope real = envelopes.computeIfAbsent(inset.level(), level -> {
                java.util.Map<String, Envelope> byCode = new java.util.HashMap<>();
                snapshot.territories(level, ZoomBands.finest().index(), WORLD)
                        .forEach(t -> byCode.put(t.code(), t.geometry().getEnvelopeInternal()));
                return byCode;
            }).get(inset.code());
            if (real == null || real.isNull()) {
                continue;
            }
            Envelope box = mercator(inset.box());
            double scale = FILL * Math.min(box.getWidth() / real.getWidth(), box.getHeight() / real.getHeight());
            insets.add(new Inset(inset, real, box, scale, box.centre().x - real.centre().x * scale,
                    box.centre().y - real.centre().y * scale));
        }
        return new Layout(def, mercator(def.frame()), List.copyOf(insets));
    }

    /** West, south, east, north of the whole view (frame and boxes), in degrees. */
    public double[] lonLatBounds() {
        Envelope all = new Envelope(frame);
        insets.forEach(i -> all.expandToInclude(i.box()));
        return WebMercator.lonLatBounds(all);
    }

    /** The inset whose territory holds this real envelope, or null when it is not in one (the frame). */
    public Inset insetOf(Envelope real) {
        for (Inset inset : insets) {
            if (inset.real().contains(real)) {
                return inset;
            }
        }
        return null;
    }

    private static Envelope mercator(double[] lonLat) {
        return new Envelope(WebMercator.x(lonLat[0]), WebMercator.x(lonLat[2]),
                WebMercator.y(lonLat[1]), WebMercator.y(lonLat[3]));
    }
}
