package fr.culture.atlas.store;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fr.culture.atlas.config.Catalogue;
import fr.culture.atlas.config.Theme;

/**
 * What a version keeps of the configuration it was imported with, so that a server serves it
 * without reading {@code config/}: the levels and layouts of levels.yaml and the themes of
 * indicators.yaml. Both stores keep it as one JSON document ({@code atlas_catalogue},
 * {@code atlas_v<N>.catalogue}).
 */
public record Published(Catalogue catalogue, List<Theme> themes) {

    // a field added by a later release is ignored rather than making a kept version unreadable
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    public Published {
        themes = List.copyOf(themes);
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(Map.of("catalogue", catalogue.toJson(), "themes", themes));
        } catch (IOException e) {
            throw new StoreException("Unserialisable catalogue: " + e.getMessage(), e);
        }
    }

    /** The document of {@link #toJson()}; {@code origin} names where it was read, for messages. */
    public static Published fromJson(String json, Path origin) {
        try {
            JsonNode root = JSON.readTree(json);
            if (!root.has("themes")) {
                throw new StoreException(origin + " was written by an older version of Atlas (no themes): publish "
                        + "the data again with ./atlas import (or the import job)");
            }
            return new Published(Catalogue.fromJson(root.path("catalogue"), origin),
                    JSON.convertValue(root.path("themes"), new TypeReference<List<Theme>>() { }));
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            // IllegalStateException: the catalogue read back fails its checks
            throw new StoreException(origin + ": unreadable catalogue: " + e.getMessage(), e);
        }
    }
}
