package fr.culture.atlas.http;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import fr.culture.atlas.tile.Tile;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * The homepage, the widget and the builder: the files of {@code widget/dist}, with the brotli or
 * gzip form the build wrote beside each text file ({@code home.js.br}, {@code home.js.gz}) when the
 * client accepts it. The widget's 1.2 MB map library goes out as 270 KB of brotli, compressed
 * once at build time at the highest level rather than at each request.
 *
 * <p>Files are kept in memory while their time and size are unchanged. Each answer has a strong
 * ETag from a hash of its content ({@code 304} to {@code If-None-Match}) and {@code Vary: Accept-Encoding} where a compressed form exists.
 * Cache-Control: {@code immutable} for a year for names that carry a content hash (esbuild's
 * {@code -[hash]} names), five minutes for the others (pages and the widget's entry script, so
 * that partners get updates). Paths that leave the directory, name a hidden file or a compressed
 * form directly are not found. A hashed name of another release is redirected to this release's
 * file of the same name ({@code 302}, {@code no-store}): see {@link #currentVersionOf}.
 */
final class StaticFiles implements HttpService {

    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=UTF-8"),
            Map.entry("js", "text/javascript; charset=UTF-8"),
            Map.entry("css", "text/css; charset=UTF-8"),
            Map.entry("json", "application/json"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("txt", "text/plain; charset=UTF-8"),
            Map.entry("woff2", "font/woff2"));
    /** esbuild's "[name]-[hash]" output names: the hash is 8 characters of A–Z and 0–9. */
    private static final java.util.regex.Pattern HASHED = java.util.regex.Pattern.compile(".*-[A-Z0-9]{8}\\.[a-z0-9]+");
    /** The widget's directory in the build: its entry script and the map library it loads. */
    private static final String WIDGET_DIR = "widget";

    private final Path root;
    private final Map<Path, Loaded> loaded = new ConcurrentHashMap<>();
    private final SharedView shared;

    /** @param shared the Open Graph tags of a shared homepage view ({@code /?indicator=…}) */
    StaticFiles(Path root, SharedView shared) {
        this.root = root.toAbsolutePath().normalize();
        this.shared = shared;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/*", this::file);
    }

    private void file(ServerRequest req, ServerResponse res) {
        String path = req.path().path();
        Path file = resolve(path);
        if (file != null && !path.endsWith("/") && file.getFileName().toString().equals("index.html")
                && !path.endsWith("index.html")) {
            // /embed → /embed/, so that the page's relative script URLs resolve in its directory
            res.status(Status.MOVED_PERMANENTLY_301);
            res.header(HeaderNames.LOCATION, path + "/" + (req.query().isEmpty() ? "" : "?" + req.query().rawValue()));
            res.send();
            return;
        }
        if (file == null) {
            String current = currentVersionOf(path);
            if (current != null) {
                // During a rolling update a page of the previous release (or a partner's cached
                // atlas-widget.js) asks this pod for a hashed file it no longer has: the current
                // file of that name is sent through a redirect nobody keeps, rather than a 404
                // that would leave the map blank. The old name is never answered with new bytes
                // under a year-long cache.
                res.status(Status.FOUND_302);
                res.header(HeaderNames.CACHE_CONTROL, "no-store");
                res.header(HeaderNames.LOCATION, current);
                res.send();
                return;
            }
            res.next(); // not a file of ours: the 404 problem
            return;
        }
        if (path.equals("/") && req.query().contains("indicator") && sharedView(req, res, file)) {
            return;
        }
        String name = file.getFileName().toString();
        String type = TYPES.getOrDefault(extension(name), "application/octet-stream");
        String accepted = req.headers().first(HeaderNames.ACCEPT_ENCODING).orElse("");
        Path sent = file;
        String coding = null;
        boolean variants = false;
        for (String[] c : new String[][] {{"br", ".br"}, {"gzip", ".gz"}}) {
            Path variant = file.resolveSibling(name + c[1]);
            if (Files.isRegularFile(variant)) {
                variants = true;
                if (coding == null && HttpCaching.accepts(accepted, c[0])) {
                    sent = variant;
                    coding = c[0];
                }
            }
        }
        Loaded loaded;
        try {
            loaded = load(sent);
        } catch (IOException e) {
            res.next();
            return;
        }
        String etag = "\"" + loaded.hash() + (coding == null ? "" : "-" + coding) + "\"";
        res.header(HeaderNames.CACHE_CONTROL, HASHED.matcher(name).matches()
                ? "public, max-age=31536000, immutable" : "public, max-age=300");
        if (variants) {
            res.headers().add(HeaderValues.create(HeaderNames.VARY, "Accept-Encoding"));
        }
        res.header(HeaderNames.ETAG, etag);
        if (req.headers().first(HeaderNames.IF_NONE_MATCH).map(v -> v.contains(etag)).orElse(false)) {
            res.status(Status.NOT_MODIFIED_304).send();
            return;
        }
        res.header(HeaderNames.CONTENT_TYPE, type);
        if (coding != null) {
            res.header(HeaderNames.CONTENT_ENCODING, coding);
        }
        res.send(loaded.bytes());
    }

    /**
     * The homepage of a shared view, its head holding the view's Open Graph tags: a link pasted in a
     * message says what it shows. Made at each request (a tooltip's lookup, no ranking of every
     * indicator), gzipped by {@link HttpCaching#sendText}, a minute like the data it describes.
     * False when the query names no published indicator: the page goes as it is.
     */
    private boolean sharedView(ServerRequest req, ServerResponse res, Path file) {
        String tags = shared.tags(req, res);
        if (tags == null) {
            return false;
        }
        String html;
        try {
            html = new String(load(file).bytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            return false;
        }
        int head = html.indexOf("</head>");
        if (head < 0) {
            return false;
        }
        byte[] page = (html.substring(0, head) + tags + html.substring(head)).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        HttpCaching.shortLived(res);
        res.header(HeaderNames.CONTENT_TYPE, TYPES.get("html"));
        HttpCaching.sendText(req, res, page);
        return true;
    }

    /** A file's bytes and the hash of its content, as read when its time and size were these. */
    private record Loaded(FileTime time, long size, byte[] bytes, String hash) {
    }

    /**
     * The file, from memory while its time and size are unchanged (the built widget is a few MB).
     * The ETag is a hash of the content, not of the time: an image gives every file the same time,
     * and a release may change a file without changing its size.
     */
    private Loaded load(Path file) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        Loaded known = loaded.get(file);
        if (known != null && known.time().equals(attributes.lastModifiedTime()) && known.size() == attributes.size()) {
            return known;
        }
        byte[] bytes = Files.readAllBytes(file);
        Loaded fresh = new Loaded(attributes.lastModifiedTime(), attributes.size(), bytes, Tile.digest(bytes));
        loaded.put(file, fresh);
        return fresh;
    }

    /**
     * For a hashed name of the widget's directory that it does not have
     * ({@code /widget/atlas-maplib-OLDHASH.js}), the path of the one file of the same name and
     * another hash; null otherwise. Only there: the map library keeps its interface from one
     * release to the next, while the homepage's script must match its own page (a new home.js on
     * an old index.html would fail on controls the page lacks).
     */
    private String currentVersionOf(String path) {
        if (!path.startsWith("/" + WIDGET_DIR + "/")) {
            return null;
        }
        int slash = path.lastIndexOf('/');
        String name = path.substring(slash + 1);
        if (!HASHED.matcher(name).matches()) {
            return null;
        }
        int dash = name.lastIndexOf('-');
        String stem = name.substring(0, dash + 1);
        String ext = name.substring(name.lastIndexOf('.'));
        Path dir = inRoot(path.substring(0, slash + 1));
        if (dir == null || !Files.isDirectory(dir)) {
            return null;
        }
        try (var files = Files.list(dir)) {
            List<String> same = files.map(f -> f.getFileName().toString())
                    .filter(n -> n.startsWith(stem) && n.endsWith(ext) && HASHED.matcher(n).matches()
                            && n.length() == name.length())
                    .toList();
            return same.size() == 1 ? path.substring(0, slash + 1) + same.getFirst() : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** The regular file a request path names (a directory: its index.html), or null. */
    private Path resolve(String path) {
        if (path.endsWith(".br") || path.endsWith(".gz")) {
            return null;
        }
        Path file = inRoot(path);
        if (file == null) {
            return null;
        }
        if (Files.isDirectory(file)) {
            file = file.resolve("index.html");
        }
        return Files.isRegularFile(file) ? file : null;
    }

    /** Where a request path leads under the root, or null when it leaves it or names a hidden file. */
    private Path inRoot(String path) {
        String relative = path.startsWith("/") ? path.substring(1) : path;
        for (String segment : relative.split("/")) {
            if (segment.startsWith(".") || segment.contains("\\") || segment.indexOf('\0') >= 0) {
                return null;
            }
        }
        Path file = root.resolve(relative).normalize();
        return file.startsWith(root) ? file : null;
    }

    private static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
