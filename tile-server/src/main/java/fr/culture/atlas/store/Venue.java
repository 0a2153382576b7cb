package fr.culture.atlas.store;

import java.util.List;

import org.locationtech.jts.geom.Point;

/**
 * A cultural venue, as published.
 *
 * @param id         stable id within the dataset (family order, then file order)
 * @param family     venue family id (monuments_historiques, bibliotheques…)
 * @param name       name
 * @param type       kind of venue (Monument historique, Bibliothèque…)
 * @param discipline cultural discipline
 * @param labels     labels and protections ("Classé MH"…), possibly empty
 * @param commune    code of the commune it is counted in, or null when it was flagged
 * @param point      location in EPSG:3857
 */
public record Venue(long id, String family, String name, String type, String discipline, List<String> labels,
                    String commune, Point point) {
}
