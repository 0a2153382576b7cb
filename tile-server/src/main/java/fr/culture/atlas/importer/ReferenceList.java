package fr.culture.atlas.importer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A JSON array of records keyed by a code field, filtered by required field values. */
final class ReferenceList {

    private ReferenceList() {
    }

    /** The records of the file whose fields match {@code where}, by the text of their {@code codeField}. */
    static Map<String, JsonNode> read(Path file, String codeField, Map<String, String> where) throws IOException {
        Map<String, JsonNode> records = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(file)) {
            JsonNode array = new ObjectMapper().readTree(in);
            if (!array.isArray()) {
                throw new IOException(file.getFileName() + " is not a JSON array");
            }
            for (JsonNode record : array) {
                if (where.entrySet().stream().allMatch(w -> w.getValue().equals(record.path(w.getKey()).asText()))) {
                    records.put(record.path(codeField).asText(), record);
                }
            }
        }
        return records;
    }
}
