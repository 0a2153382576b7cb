package fr.culture.atlas.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import fr.culture.atlas.TestData;
import fr.culture.atlas.config.Settings;
import fr.culture.atlas.store.Store;
import fr.culture.atlas.store.embedded.EmbeddedStore;
import io.helidon.webserver.WebServer;

/** A real server on a free port over a store, with a plain HTTP client. */
final class TestServer implements AutoCloseable {

    private final WebServer server;
    private final Store store;
    private final boolean ownsStore;
    private final HttpClient client = HttpClient.newHttpClient();

    TestServer(Settings settings, Store store) {
        this(settings, store, true);
    }

    private TestServer(Settings settings, Store store, boolean ownsStore) {
        this.store = store;
        this.ownsStore = ownsStore;
        this.server = Server.start(settings, store);
    }

    /**
     * A fresh server (own cache and metrics) over the shared embedded store holding the real
     * data (imported once per test run).
     */
    static TestServer embedded() throws IOException {
        return embedded(TestData.settings(TestData.embeddedHome(), Settings.StoreKind.EMBEDDED, null));
    }

    /** The same with other settings (a styles directory of the test's own…). */
    static TestServer embedded(Settings settings) throws IOException {
        return new TestServer(settings, TestData.embeddedStore(), false);
    }

    /** A server over an empty store, for what needs no data (fonts, documents): starts in a second. */
    static TestServer withoutData(Path home) {
        Settings settings = TestData.settings(home, Settings.StoreKind.EMBEDDED, null);
        return new TestServer(settings, new EmbeddedStore(settings.home(), 60_000));
    }

    /** As {@link #embedded()}, serving the static files of {@code widgetDir}. */
    static TestServer embedded(java.nio.file.Path widgetDir) throws IOException {
        Settings settings = TestData.settings(TestData.embeddedHome(), Settings.StoreKind.EMBEDDED, null, widgetDir);
        return new TestServer(settings, new EmbeddedStore(settings.home(), 60_000));
    }

    int port() {
        return server.port();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    HttpResponse<byte[]> get(String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    /** GET with request headers, given as name, value, name, value… */
    HttpResponse<byte[]> get(String path, String... headers) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).headers(headers).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    Store store() {
        return store;
    }

    @Override
    public void close() {
        server.stop();
        if (ownsStore) {
            store.close();
        }
    }
}
