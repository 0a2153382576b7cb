package fr.culture.atlas.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * {@code /openapi.json}: the OpenAPI 3.1 description of every public endpoint, a hand-written
 * resource ({@code openapi.json}, kept true by {@code OpenApiTest}), with {@code servers} set to
 * this server's public URL as TileJSON and styles are.
 */
public final class OpenApiService implements HttpService {

    /** The media type of OpenAPI 3.1 JSON, also in the OGC landing page's service-desc link. */
    static final String MEDIA_TYPE = "application/vnd.oai.openapi+json;version=3.1";
    private static final String RESOURCE = "/openapi.json";

    private final ObjectNode document;
    private final PublicUrl publicUrl;

    public OpenApiService(PublicUrl publicUrl) {
        this.document = read();
        this.publicUrl = publicUrl;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::document);
    }

    private void document(ServerRequest req, ServerResponse res) {
        ObjectNode served = document.deepCopy();
        ArrayNode servers = served.putArray("servers");
        servers.addObject().put("url", publicUrl.of(req, res)).put("description", "Ce serveur");
        res.header(HeaderNames.CONTENT_TYPE, MEDIA_TYPE);
        HttpCaching.shortLived(res);
        HttpCaching.sendText(req, res, Json.bytes(served));
    }

    private static ObjectNode read() {
        try (InputStream in = OpenApiService.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the server's resources");
            }
            return (ObjectNode) Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
