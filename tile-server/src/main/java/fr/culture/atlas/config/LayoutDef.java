package fr.culture.atlas.config;

import java.util.List;

/**
 * A composite view ({@code layouts:} in levels.yaml, {@code ?layout=} on requests): a frame of
 * territory left in place and insets, territories moved and scaled into boxes beside it, as French
 * statistical maps show the overseas beside metropolitan France.
 *
 * @param frame  west, south, east, north (longitude, latitude) of what stays in place
 * @param insets the territories moved, in the order they are listed
 */
public record LayoutDef(String id, String label, double[] frame, List<Inset> insets) {

    /**
     * One inset: the territory {@code code} of level {@code level}, with everything inside it at
     * every level, fitted into {@code box} (west, south, east, north), named {@code name}.
     */
    public record Inset(String level, String code, String name, double[] box) {
    }
}
