package fr.culture.atlas.http;

import java.io.IOException;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The set-up the HTTP tests share: a fresh server (own cache and metrics) over the real data,
 * started before the first test of the class and stopped after its last.
 * <pre>{@code @RegisterExtension static final ServerFixture server = ServerFixture.embedded();}</pre>
 */
final class ServerFixture implements BeforeAllCallback, AfterAllCallback {

    private TestServer server;

    private ServerFixture() {
    }

    /** Over the shared embedded store holding the real data ({@link TestServer#embedded()}). */
    static ServerFixture embedded() {
        return new ServerFixture();
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        server = TestServer.embedded();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        server.close();
    }

    int port() {
        return server.port();
    }

    String baseUrl() {
        return server.baseUrl();
    }

    HttpResponse<byte[]> get(String path) throws IOException, InterruptedException {
        return server.get(path);
    }
}
