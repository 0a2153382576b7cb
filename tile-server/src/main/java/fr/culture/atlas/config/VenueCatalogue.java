package fr.culture.atlas.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

import static fr.culture.atlas.config.ConfigSchema.opt;
import static fr.culture.atlas.config.ConfigSchema.req;

/**
 * The venue families of {@code config/venues.yaml}.
 *
 * @param toleranceMetres  distance beyond which a point outside its declared commune is flagged
 * @param clusterBelowZoom zoom below which the venues tile holds clusters rather than venues
 * @param families         families in file order
 * @param level            the level of levels.yaml venues are placed in (their declared code is of
 *                         that level); the larger levels are counted through its parents
 * @param theme            the theme of indicators.yaml the families' counts are listed under; null
 *                         without families
 */
public record VenueCatalogue(double toleranceMetres, int clusterBelowZoom, List<Family> families, String level,
                             String theme) {

    /** No venue family: nothing to count, no theme. */
    public VenueCatalogue(double toleranceMetres, int clusterBelowZoom, List<Family> families) {
        this(toleranceMetres, clusterBelowZoom, families, DEFAULT_LEVEL, null);
    }

    static final String DEFAULT_LEVEL = "commune";

    /**
     * One family of venues read from one file.
     *
     * @param coordinates Excel column of "[lat, lon]" text, null for GeoJSON points
     * @param code        Excel column of the declared commune code, or null
     * @param name        column or property of the name; {@code "…"} in quotes is a constant
     */
    public record Family(String id, String label, String source, String sheet, String coordinates, String code,
                         String name, String type, String discipline, List<String> labels) {

        public boolean excel() {
            return source.endsWith(".xls") || source.endsWith(".xlsx");
        }

        /** A quoted field is a constant for the whole family: its text without the quotes. */
        public static String constant(String field) {
            return field != null && field.length() >= 2 && field.startsWith("\"") && field.endsWith("\"")
                    ? field.substring(1, field.length() - 1) : null;
        }
    }

    /** What venues.yaml may hold (its header comment says what each key means). */
    static final ConfigSchema.Struct SCHEMA = ConfigSchema.Struct.of("venues.yaml",
            opt("tolerance-metres", ConfigSchema.Scalar.NUMBER),
            opt("cluster-below-zoom", ConfigSchema.Scalar.INTEGER),
            opt("level", ConfigSchema.Scalar.TEXT),
            opt("theme", ConfigSchema.Scalar.TEXT),
            opt("families", new ConfigSchema.ListOf(ConfigSchema.Struct.of("family",
                    req("id", ConfigSchema.Scalar.TEXT), opt("label", ConfigSchema.Scalar.TEXT),
                    req("source", ConfigSchema.Scalar.TEXT), opt("sheet", ConfigSchema.Scalar.TEXT),
                    opt("coordinates", ConfigSchema.Scalar.TEXT), opt("code", ConfigSchema.Scalar.TEXT),
                    opt("name", ConfigSchema.Scalar.TEXT), opt("type", ConfigSchema.Scalar.TEXT),
                    opt("discipline", ConfigSchema.Scalar.TEXT),
                    opt("labels", new ConfigSchema.ListOf(ConfigSchema.Scalar.TEXT))))));

    /** Reads {@code venues.yaml}; no file means no venues. */
    public static VenueCatalogue load(Path configDir) {
        Path file = configDir.resolve("venues.yaml");
        if (!Files.isRegularFile(file)) {
            return new VenueCatalogue(1000, 12, List.of());
        }
        ConfigSchema.check(file, SCHEMA);
        Config config = Config.just(ConfigSources.file(file));
        List<Family> families = new ArrayList<>();
        for (Config f : config.get("families").asNodeList().orElse(List.of())) {
            String id = f.get("id").asString().orElseThrow(() ->
                    new IllegalStateException(file + ": a family has no 'id'"));
            String source = f.get("source").asString().orElseThrow(() ->
                    new IllegalStateException(file + ": family '" + id + "' has no 'source'"));
            Family family = new Family(id, f.get("label").asString().orElse(id), source,
                    f.get("sheet").asString().orElse(null), f.get("coordinates").asString().orElse(null),
                    f.get("code").asString().orElse(null), f.get("name").asString().orElse("nom"),
                    f.get("type").asString().orElse(null), f.get("discipline").asString().orElse(null),
                    f.get("labels").asList(String.class).orElse(List.of()));
            if (family.excel() && (family.sheet() == null || family.coordinates() == null)) {
                throw new IllegalStateException(file + ": family '" + id + "' reads Excel: it needs 'sheet' and 'coordinates'");
            }
            families.add(family);
        }
        String theme = config.get("theme").asString().orElse(null);
        if (!families.isEmpty() && theme == null) {
            throw new IllegalStateException(file + ": 'theme' is required with families: the theme of "
                    + "indicators.yaml their counts are listed under (e.g. theme: lieux)");
        }
        return new VenueCatalogue(config.get("tolerance-metres").asDouble().orElse(1000.0),
                config.get("cluster-below-zoom").asInt().orElse(12), List.copyOf(families),
                config.get("level").asString().orElse(DEFAULT_LEVEL), theme);
    }
}
