package fr.culture.atlas.page;

import java.util.List;
import java.util.Locale;

import fr.culture.atlas.config.LayoutDef;
import fr.culture.atlas.geo.WebMercator;
import fr.culture.atlas.geo.ZoomBands;
import fr.culture.atlas.store.Snapshot;
import fr.culture.atlas.store.Territory;
import fr.culture.atlas.view.Portrait;
import fr.culture.atlas.view.Views;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygon;

/**
 * A portrait's locator map: an inline SVG of the territory within its région (a région within
 * France), drawn on the server from the snapshot's generalised geometry, so that it shows without
 * JavaScript, in print and in a PDF. The band drawn is the one whose pixel is about an SVG pixel:
 * a few hundred vertices.
 */
public final class LocatorMap {

    /** Width of the drawing in SVG units (CSS pixels at 1:1). */
    static final double WIDTH = 240;
    /** Greatest height of the drawing in SVG units. */
    static final double MAX_HEIGHT = 300;
    /** Territories drawn smaller than this (SVG units) also get a dot, so that a commune shows. */
    private static final double DOT_BELOW = 6;

    private LocatorMap() {
    }

    /** The SVG of the portrait's territory within its context, with a French title. */
    public static String svg(Snapshot snapshot, Views views, Portrait portrait) {
        String top = snapshot.catalogue().levels().getFirst().id();
        Envelope france = france(snapshot);
        Envelope self = portrait.bbox() == null ? france : mercator(portrait.bbox());
        Portrait.Parent region = portrait.parents().stream().filter(p -> p.level().equals(top)).findFirst().orElse(null);
        double[] regionBox = region == null ? null : views.bbox(top, region.code());
        // a territory in a région: the région; a région of the metropole (or France): the metropole;
        // an overseas région: itself
        Envelope context = regionBox != null ? mercator(regionBox)
                : france.intersects(self) ? france : new Envelope(self);
        Envelope frame = new Envelope(context);
        frame.expandBy(Math.max(frame.getWidth(), frame.getHeight()) * 0.04);
        // 240 units wide, or less for a tall context (Corsica, Guyane), at most 300 high
        double scale = Math.min(WIDTH / frame.getWidth(), MAX_HEIGHT / frame.getHeight());
        int zoom = (int) Math.floor(Math.log(ZoomBands.pixel(0) * scale) / Math.log(2));
        int band = ZoomBands.of(Math.max(0, zoom)).index();
        Drawing drawing = new Drawing(frame, scale);

        StringBuilder svg = new StringBuilder(16_384);
        String title = portrait.isFrance() ? "Carte de situation : la France métropolitaine"
                : "Carte de situation : " + portrait.name()
                + (region != null ? " dans la région " + region.name() : context == france ? " en France métropolitaine" : "");
        svg.append(String.format(Locale.ROOT, "<svg class=\"locator\" xmlns=\"http://www.w3.org/2000/svg\" "
                + "viewBox=\"0 0 %.0f %.0f\" width=\"%.0f\" height=\"%.0f\" role=\"img\" aria-labelledby=\"locator-title\">",
                frame.getWidth() * scale, frame.getHeight() * scale, frame.getWidth() * scale, frame.getHeight() * scale));
        svg.append("<title id=\"locator-title\">").append(Html.escape(title)).append("</title>");
        svg.append("<g class=\"locator-context\">");
        for (Territory t : snapshot.territories(top, band, frame)) {
            boolean mine = portrait.isFrance() || region != null && t.code().equals(region.code());
            svg.append("<path class=\"").append(mine ? "locator-parent" : "locator-other").append("\" d=\"")
                    .append(drawing.path(t.geometry())).append("\"/>");
        }
        svg.append("</g>");
        if (!portrait.isFrance()) {
            Territory drawn = find(snapshot, portrait.level(), portrait.code(), band, self);
            if (drawn != null) {
                svg.append("<path class=\"locator-self\" d=\"").append(drawing.path(drawn.geometry())).append("\"/>");
            }
            if (Math.max(self.getWidth(), self.getHeight()) * scale < DOT_BELOW || drawn == null) {
                Coordinate centre = self.centre();
                svg.append(String.format(Locale.ROOT, "<circle class=\"locator-dot\" cx=\"%.1f\" cy=\"%.1f\" r=\"4\"/>",
                        drawing.x(centre.x), drawing.y(centre.y)));
            }
        }
        return svg.append("</svg>").toString();
    }

    /**
     * The territory with the geometry of the band, or of the next finer band that has it of its
     * own (a coarse band merges territories under a pixel into a neighbour).
     */
    private static Territory find(Snapshot snapshot, String level, String code, int band, Envelope where) {
        for (int b = band; b < ZoomBands.ALL.size(); b++) {
            for (Territory t : snapshot.territories(level, b, where)) {
                if (t.code().equals(code)) {
                    return t;
                }
            }
        }
        return null;
    }

    /** The metropole: the frame of the first composite view of levels.yaml, else every territory's bounds. */
    private static Envelope france(Snapshot snapshot) {
        List<LayoutDef> layouts = snapshot.catalogue().layouts();
        return mercator(layouts.isEmpty() ? Views.bounds(snapshot) : layouts.getFirst().frame());
    }

    private static Envelope mercator(double[] lonLat) {
        return new Envelope(WebMercator.x(lonLat[0]), WebMercator.x(lonLat[2]),
                WebMercator.y(lonLat[1]), WebMercator.y(lonLat[3]));
    }

    /** Web Mercator metres to SVG units: x to the right, y down, rounded to a tenth. */
    private record Drawing(Envelope frame, double scale) {

        double x(double mx) {
            return (mx - frame.getMinX()) * scale;
        }

        double y(double my) {
            return (frame.getMaxY() - my) * scale;
        }

        /** An SVG path of the polygons' rings (filled even-odd by the stylesheet), points under half a unit apart dropped. */
        String path(Geometry geometry) {
            StringBuilder d = new StringBuilder();
            for (int i = 0; i < geometry.getNumGeometries(); i++) {
                if (geometry.getGeometryN(i) instanceof Polygon polygon) {
                    ring(d, polygon.getExteriorRing());
                    for (int h = 0; h < polygon.getNumInteriorRing(); h++) {
                        ring(d, polygon.getInteriorRingN(h));
                    }
                }
            }
            return d.toString();
        }

        private void ring(StringBuilder d, LineString ring) {
            var points = ring.getCoordinateSequence();
            double lastX = Double.NaN;
            double lastY = Double.NaN;
            int written = 0;
            for (int i = 0; i < points.size(); i++) {
                double px = x(points.getX(i));
                double py = y(points.getY(i));
                if (written > 0 && Math.abs(px - lastX) < 0.5 && Math.abs(py - lastY) < 0.5) {
                    continue;
                }
                d.append(written == 0 ? 'M' : 'L').append(String.format(Locale.ROOT, "%.1f %.1f", px, py));
                lastX = px;
                lastY = py;
                written++;
            }
            if (written > 0) {
                d.append('Z');
            }
        }
    }
}
