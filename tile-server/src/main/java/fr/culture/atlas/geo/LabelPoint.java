package fr.culture.atlas.geo;

import org.locationtech.jts.algorithm.construct.MaximumInscribedCircle;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;

/**
 * Where a territory's name goes: the pole of inaccessibility (centre of the largest inscribed
 * circle) of its largest polygon, so that a coastal or crescent-shaped territory is named inside
 * itself and a territory with islands is named once, on its main part.
 */
public final class LabelPoint {

    private LabelPoint() {
    }

    /**
     * The label point of a polygonal geometry, in its own coordinates; found to within 1 % of the
     * main polygon's size (a few pixels at the zooms a territory is named). Null for an empty geometry.
     */
    public static Coordinate of(Geometry polygonal) {
        Geometry main = null;
        for (int i = 0; i < polygonal.getNumGeometries(); i++) {
            Geometry part = polygonal.getGeometryN(i);
            if (main == null || part.getArea() > main.getArea()) {
                main = part;
            }
        }
        if (main == null || main.isEmpty()) {
            return null;
        }
        double tolerance = Math.max(Math.sqrt(main.getArea()) / 100, 1e-9);
        return MaximumInscribedCircle.getCenter(main, tolerance).getCoordinate();
    }
}
