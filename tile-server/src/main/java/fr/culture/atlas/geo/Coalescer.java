package fr.culture.atlas.geo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

import org.locationtech.jts.coverage.CoverageUnion;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;

/**
 * Merges the territories of a coverage that are too small to be seen at a zoom into the
 * neighbour they share the longest border with, as tippecanoe's
 * {@code --coalesce-smallest-as-needed} does: the land stays covered (no hole where a tile
 * would otherwise drop them), and every territory at least {@code minArea} keeps its own polygon.
 *
 * <p>Region merging, smallest first: a territory (with what it has absorbed so far) under the
 * threshold goes into the neighbouring group it shares the most border with; the receiving group
 * keeps its identity (id and value) and, if still too small, is merged in its turn. Neighbours are
 * found by the segments their rings share exactly, which a valid coverage guarantees (the bands
 * are simplified as a coverage); a territory that shares no segment (an island) is kept as it is.
 * The members of a group are then unioned with JTS's {@link CoverageUnion}, so the merged outline
 * is made of the members' own segments and still fits its neighbours.
 */
public final class Coalescer {

    private Coalescer() {
    }

    /**
     * The coalesced coverage.
     *
     * @param coverage polygonal geometries (EPSG:3857) forming a coverage; null or empty entries are skipped
     * @param minArea  area (square metres of EPSG:3857) under which a territory is merged into a neighbour
     * @return an array aligned with {@code coverage}: a kept territory's geometry, grown by what it
     *         absorbed; null for a territory merged into another
     */
    public static Geometry[] coalesce(Geometry[] coverage, double minArea) {
        int n = coverage.length;
        double[] area = new double[n];
        boolean any = false;
        for (int i = 0; i < n; i++) {
            area[i] = coverage[i] == null ? 0 : coverage[i].getArea();
            any |= coverage[i] != null && !coverage[i].isEmpty() && area[i] < minArea;
        }
        if (!any) {
            return coverage.clone();
        }
        List<Map<Integer, Double>> borders = sharedBorders(coverage, area, minArea);
        int[] into = new int[n]; // the group a territory was merged into, itself while it leads one
        for (int i = 0; i < n; i++) {
            into[i] = i;
        }
        PriorityQueue<double[]> smallest = new PriorityQueue<>((a, b) -> Double.compare(a[0], b[0]));
        for (int i = 0; i < n; i++) {
            if (coverage[i] != null && !coverage[i].isEmpty() && area[i] < minArea) {
                smallest.add(new double[] {area[i], i});
            }
        }
        while (!smallest.isEmpty()) {
            double[] next = smallest.poll();
            int g = (int) next[1];
            if (into[g] != g || next[0] != area[g]) {
                continue; // merged already, or queued again with its new area
            }
            int target = -1;
            double longest = 0;
            for (Map.Entry<Integer, Double> e : borders.get(g).entrySet()) {
                int h = e.getKey();
                if (e.getValue() > longest || (e.getValue() == longest && target >= 0 && area[h] > area[target])) {
                    target = h;
                    longest = e.getValue();
                }
            }
            if (target < 0) {
                continue; // an island: nothing to merge into, kept as it is
            }
            into[g] = target;
            area[target] += area[g];
            // the target inherits g's borders; every neighbour of g now borders the target
            Map<Integer, Double> targetBorders = borders.get(target);
            targetBorders.remove(g);
            for (Map.Entry<Integer, Double> e : borders.get(g).entrySet()) {
                int h = e.getKey();
                if (h == target) {
                    continue;
                }
                targetBorders.merge(h, e.getValue(), Double::sum);
                Map<Integer, Double> hBorders = borders.get(h);
                hBorders.remove(g);
                hBorders.merge(target, e.getValue(), Double::sum);
            }
            borders.set(g, Map.of());
            if (area[target] < minArea) {
                smallest.add(new double[] {area[target], target});
            }
        }
        return union(coverage, into);
    }

    /** Geometry of each group leader: the union of its members; null for the members. */
    private static Geometry[] union(Geometry[] coverage, int[] into) {
        int n = coverage.length;
        Map<Integer, List<Geometry>> members = new HashMap<>();
        for (int i = 0; i < n; i++) {
            if (into[i] != i) {
                int root = i;
                while (into[root] != root) {
                    root = into[root];
                }
                members.computeIfAbsent(root, k -> new ArrayList<>(List.of(coverage[k]))).add(coverage[i]);
            }
        }
        Geometry[] result = new Geometry[n];
        for (int i = 0; i < n; i++) {
            if (into[i] == i) {
                List<Geometry> parts = members.get(i);
                result[i] = parts == null ? coverage[i] : union(parts);
            }
        }
        return result;
    }

    private static Geometry union(List<Geometry> parts) {
        Geometry[] array = parts.toArray(Geometry[]::new);
        try {
            Geometry union = CoverageUnion.union(array);
            if (union != null && union.isValid()) {
                return union;
            }
        } catch (RuntimeException e) {
            // members not exactly noded (source gaps between département files): the robust overlay
        }
        return OverlayNGRobust.union(parts.getFirst().getFactory().buildGeometry(parts));
    }

    /**
     * For each polygon under the threshold, its neighbours and the length of the border it shares
     * with each (and the same entries on the neighbours' side). Only the small polygons' segments
     * are indexed, the others only looked up: a polygon at or above the threshold only ever grows,
     * so the borders between two of them never matter, and most bands have few small polygons.
     */
    private static List<Map<Integer, Double>> sharedBorders(Geometry[] coverage, double[] area, double minArea) {
        Map<Segment, Integer> owner = new HashMap<>();
        List<Map<Integer, Double>> borders = new ArrayList<>(coverage.length);
        for (int i = 0; i < coverage.length; i++) {
            borders.add(new HashMap<>());
        }
        // where the small ones are: the others are looked up only near one of them
        org.locationtech.jts.index.strtree.STRtree near = new org.locationtech.jts.index.strtree.STRtree();
        for (int i = 0; i < coverage.length; i++) {
            if (coverage[i] != null && area[i] < minArea) {
                near.insert(coverage[i].getEnvelopeInternal(), i);
            }
        }
        for (int pass = 0; pass < 2; pass++) {
            for (int i = 0; i < coverage.length; i++) {
                Geometry g = coverage[i];
                boolean small = area[i] < minArea;
                if (g == null || small != (pass == 0)) {
                    continue; // the small ones are indexed first, the others then look them up
                }
                if (!small && near.query(g.getEnvelopeInternal()).isEmpty()) {
                    continue; // no small polygon touches this one
                }
                for (int p = 0; p < g.getNumGeometries(); p++) {
                    Polygon polygon = (Polygon) g.getGeometryN(p);
                    addRing(polygon.getExteriorRing(), i, small, owner, borders);
                    for (int h = 0; h < polygon.getNumInteriorRing(); h++) {
                        addRing(polygon.getInteriorRingN(h), i, small, owner, borders);
                    }
                }
            }
        }
        return borders;
    }

    private static void addRing(LineString ring, int i, boolean index, Map<Segment, Integer> owner,
                                List<Map<Integer, Double>> borders) {
        CoordinateSequence points = ring.getCoordinateSequence();
        for (int k = 1; k < points.size(); k++) {
            Segment s = Segment.of(points.getX(k - 1), points.getY(k - 1), points.getX(k), points.getY(k));
            Integer other = index ? owner.putIfAbsent(s, i) : owner.get(s);
            if (other != null && other != i) {
                double length = Math.hypot(s.x2 - s.x1, s.y2 - s.y1);
                borders.get(i).merge(other, length, Double::sum);
                borders.get(other).merge(i, length, Double::sum);
            }
        }
    }

    /** A segment with its ends in a fixed order, so both neighbours' rings give the same key. */
    private record Segment(double x1, double y1, double x2, double y2) {
        static Segment of(double ax, double ay, double bx, double by) {
            boolean swap = ax > bx || (ax == bx && ay > by);
            return swap ? new Segment(bx, by, ax, ay) : new Segment(ax, ay, bx, by);
        }
    }
}
