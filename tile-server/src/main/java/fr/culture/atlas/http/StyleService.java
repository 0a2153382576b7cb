package fr.culture.atlas.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * MapLibre styles from {@code styles/}: {@code /styles/{id}.json}, with the {@code {base}}
 * placeholder of their source URLs replaced by this server's public URL. Files are read on each
 * request, so an edited style is served at once.
 */
public final class StyleService implements HttpService {

    /** A style id is a file name stem; nothing else reaches the file system. */
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    private final Path dir;
    private final String publicUrl;

    public StyleService(Path dir, String publicUrl) {
        this.dir = dir;
        this.publicUrl = publicUrl;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::list)
             .get("/{file}", this::style);
    }

    private void list(ServerRequest req, ServerResponse res) {
        Json.send(res, Map.of("styles", ids()));
    }

    private void style(ServerRequest req, ServerResponse res) throws IOException {
        String file = req.path().pathParameters().get("file");
        String id = file.endsWith(".json") ? file.substring(0, file.length() - 5) : file;
        if (!ID.matcher(id).matches() || !ids().contains(id)) {
            throw Problem.notFound("Unknown style '" + file + "'; known: " + ids(), "known", ids());
        }
        String text = Files.readString(dir.resolve(id + ".json"), StandardCharsets.UTF_8);
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(text.replace("{base}", PublicUrl.of(req, publicUrl)).getBytes(StandardCharsets.UTF_8));
    }

    /** Ids of the style files directly in the styles directory. */
    private List<String> ids() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".json"))
                    .map(n -> n.substring(0, n.length() - 5))
                    .filter(n -> ID.matcher(n).matches())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
