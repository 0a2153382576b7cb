package fr.culture.atlas.view;

import java.util.ArrayList;
import java.util.List;

import fr.culture.atlas.stats.Correlation;

/**
 * Two indicators crossed at a level: the territories that have both values, and how the values
 * vary together. Built once per version and pair ({@link Views#crossing}).
 *
 * @param points      one per territory with both values, in code order
 * @param correlation null when fewer than {@link Correlation#MIN_POINTS} territories have both
 */
public record Crossing(List<Point> points, Correlation correlation) {

    public record Point(String code, String nom, double x, double y) {
    }

    /** @param x, y the rows of the same level ({@link Views#rows}): every territory, in the same order */
    static Crossing of(List<Views.Row> x, List<Views.Row> y) {
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < x.size(); i++) {
            if (x.get(i).value() instanceof Double vx && y.get(i).value() instanceof Double vy) {
                points.add(new Point(x.get(i).territory().code(), x.get(i).territory().name(), vx, vy));
            }
        }
        if (points.size() < Correlation.MIN_POINTS) {
            return new Crossing(List.copyOf(points), null);
        }
        return new Crossing(List.copyOf(points), Correlation.of(
                points.stream().mapToDouble(Point::x).toArray(), points.stream().mapToDouble(Point::y).toArray()));
    }
}
