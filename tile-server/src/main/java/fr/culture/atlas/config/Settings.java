package fr.culture.atlas.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

import static fr.culture.atlas.config.ConfigSchema.opt;
import static fr.culture.atlas.config.ConfigSchema.req;

/**
 * Settings of one process, read once from {@code config/application.yaml} and the environment.
 *
 * @param port      HTTP port
 * @param host      bind address
 * @param dataDir   directory of the open data files (ATLAS_DATA_DIR)
 * @param home      directory of published versions and reports (ATLAS_HOME)
 * @param store     which store serves and receives the data
 * @param db        PostGIS connection, used when {@code store} is {@link StoreKind#POSTGIS}
 * @param widgetDir built widget and homepage served as static content
 * @param stylesDir MapLibre style documents
 * @param publicUrl base URL written into styles and TileJSON; empty to derive it from each request
 * @param tileMaxAge  Cache-Control max-age of tile URLs that name no data version, seconds
 * @param cacheBytes  memory for the cache of encoded tiles
 * @param corsOrigins origins allowed by CORS, or {@code *}
 * @param versions  how many data versions are kept, and how long a replaced one stays servable
 * @param configDir directory of application.yaml and the catalogue files
 * @param preseed   tiles made in the background after each publish
 * @param warmup    how long a starting server spends on tiles before it says ready, so that its
 *                  first visitors find the request path compiled ({@link fr.culture.atlas.tile.Warmup}); zero: none
 * @param fontDirs  directories of the TrueType/OpenType fonts served as MapLibre glyphs
 * @param http      connection timeouts and the proxies whose forwarded headers are believed
 * @param contentDir editorial content: {@code portraits/{level}-{code}.md}, the Deps' analyses
 *                   shown on the portrait pages (docs/portraits.md)
 */
public record Settings(int port, String host, Path dataDir, Path home, StoreKind store, Database db,
                       Path widgetDir, Path stylesDir, String publicUrl, int tileMaxAge, long cacheBytes,
                       java.util.List<String> corsOrigins, Versions versions, Path configDir, Preseed preseed,
                       java.time.Duration warmup, java.util.List<Path> fontDirs, Http http, Path contentDir) {

    /** Debian's fonts-noto-core and fonts-dejavu-core, which ./atlas installs. */
    public static final String DEFAULT_FONT_DIRS = "/usr/share/fonts/truetype/noto,/usr/share/fonts/truetype/dejavu";

    /**
     * Pre-seeding of the tile cache after a publish.
     *
     * @param tilesets tileset names (empty: off)
     * @param maxZoom  deepest zoom made, from 0
     */
    public record Preseed(java.util.List<String> tilesets, int maxZoom) {
        public static final Preseed OFF = new Preseed(java.util.List.of(), 8);
    }

    /**
     * Data versions.
     *
     * @param keep  versions kept after a publish (the current one is never removed), for rollbacks
     * @param grace how long a server keeps serving a version after it stopped being current: tile
     *              URLs name their version, so a map that loaded its TileJSON before a refresh
     *              finishes on the version it started with ({@link fr.culture.atlas.store.Recent})
     */
    public record Versions(int keep, java.time.Duration grace) {
        public static final Versions DEFAULT = new Versions(5, fr.culture.atlas.store.Recent.DEFAULT_GRACE);
    }

    /**
     * How connections are held.
     *
     * @param proxies     addresses of the reverse proxies whose X-Forwarded-* and Forwarded headers
     *                    are believed when no public URL is configured (empty: none is)
     * @param readTimeout seconds a client may take to send what it started to (a request's headers,
     *                    or the next request on a kept-alive connection) before the connection is closed
     */
    public record Http(java.util.List<String> proxies, int readTimeout) {
        public static final Http DEFAULT = new Http(java.util.List.of(), 20);
    }

    /** The same settings with another styles directory. */
    public Settings withStylesDir(Path dir) {
        return new Settings(port, host, dataDir, home, store, db, widgetDir, dir, publicUrl, tileMaxAge, cacheBytes,
                corsOrigins, versions, configDir, preseed, warmup, fontDirs, http, contentDir);
    }

    /** The same settings with another content directory. */
    public Settings withContentDir(Path dir) {
        return new Settings(port, host, dataDir, home, store, db, widgetDir, stylesDir, publicUrl, tileMaxAge,
                cacheBytes, corsOrigins, versions, configDir, preseed, warmup, fontDirs, http, dir);
    }

    /** The same settings with another public URL. */
    public Settings withPublicUrl(String url) {
        return new Settings(port, host, dataDir, home, store, db, widgetDir, stylesDir, url, tileMaxAge, cacheBytes,
                corsOrigins, versions, configDir, preseed, warmup, fontDirs, http, contentDir);
    }

    /** The same settings with another pre-seeding. */
    public Settings withPreseed(Preseed other) {
        return new Settings(port, host, dataDir, home, store, db, widgetDir, stylesDir, publicUrl, tileMaxAge,
                cacheBytes, corsOrigins, versions, configDir, other, warmup, fontDirs, http, contentDir);
    }

    /** The same settings with another warm-up budget. */
    public Settings withWarmup(java.time.Duration other) {
        return new Settings(port, host, dataDir, home, store, db, widgetDir, stylesDir, publicUrl, tileMaxAge,
                cacheBytes, corsOrigins, versions, configDir, preseed, other, fontDirs, http, contentDir);
    }

    /** The two interchangeable stores. */
    public enum StoreKind { EMBEDDED, POSTGIS }

    /**
     * PostGIS connection settings.
     *
     * @param reader role the importer grants read access to every version it publishes (USAGE on
     *               the schemas, SELECT on the tables); empty: no grants, the servers use the
     *               importer's role
     * @param pool   connections a server holds at most: the servers' replicas × this must stay
     *               under the database's max_connections (k8s/ is checked by ManifestsTest)
     */
    public record Database(String url, String user, String password, String reader, int pool) {

        /** The reader pool of a server unless set: enough for 2 cores rendering cold tiles. */
        public static final int DEFAULT_POOL = 8;

        public Database(String url, String user, String password) {
            this(url, user, password, "", DEFAULT_POOL);
        }

        public Database(String url, String user, String password, String reader) {
            this(url, user, password, reader, DEFAULT_POOL);
        }

        @Override
        public String toString() {
            // never print the password in logs or error messages
            return "Database[url=" + url + ", user=" + user + ", reader=" + reader + "]";
        }
    }

    /** What application.yaml may hold (its comments say what each key means). */
    static final ConfigSchema.Struct SCHEMA;

    static {
        var text = ConfigSchema.Scalar.TEXT;
        var integer = ConfigSchema.Scalar.INTEGER;
        SCHEMA = ConfigSchema.Struct.of("application.yaml", req("atlas", ConfigSchema.Struct.of("atlas",
                opt("port", integer), opt("host", text),
                opt("data", ConfigSchema.Struct.of("data", opt("dir", text))),
                opt("home", text),
                opt("versions", ConfigSchema.Struct.of("versions", opt("keep", integer), opt("grace", integer))),
                opt("store", text),
                opt("db", ConfigSchema.Struct.of("db", opt("url", text), opt("user", text),
                        opt("password", text), opt("reader", text), opt("pool", integer))),
                opt("widget", ConfigSchema.Struct.of("widget", opt("dir", text))),
                opt("styles", ConfigSchema.Struct.of("styles", opt("dir", text))),
                opt("content", ConfigSchema.Struct.of("content", opt("dir", text))),
                opt("tiles", ConfigSchema.Struct.of("tiles", opt("maxage", integer),
                        opt("cache", ConfigSchema.Struct.of("cache", opt("bytes", integer))),
                        opt("preseed", ConfigSchema.Struct.of("preseed", opt("tilesets", text),
                                opt("zoom", integer))),
                        opt("warmup", integer))),
                opt("fonts", ConfigSchema.Struct.of("fonts", opt("dirs", text))),
                opt("cors", ConfigSchema.Struct.of("cors", opt("origins", text))),
                opt("public", ConfigSchema.Struct.of("public", opt("url", text))),
                opt("http", ConfigSchema.Struct.of("http", opt("proxies", text),
                        opt("timeout", ConfigSchema.Struct.of("timeout", opt("read", integer))))))));
    }

    /** Reads the settings: environment variables first, then application.yaml in ATLAS_CONFIG_DIR (default ./config). */
    public static Settings load() {
        String dir = System.getenv().getOrDefault("ATLAS_CONFIG_DIR", "config");
        Path configDir = Path.of(dir).toAbsolutePath().normalize();
        Path file = configDir.resolve("application.yaml");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("Configuration file not found: " + file
                    + " (set ATLAS_CONFIG_DIR to the directory holding application.yaml)");
        }
        ConfigSchema.check(file, SCHEMA);
        Config config = Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .sources(ConfigSources.environmentVariables(),
                         ConfigSources.systemProperties(),
                         ConfigSources.file(file))
                .build();
        return from(config.get("atlas"), configDir);
    }

    /** Reads the settings from the {@code atlas} node of a configuration. */
    public static Settings from(Config atlas, Path configDir) {
        String store = atlas.get("store").asString().orElse("embedded").trim().toUpperCase(Locale.ROOT);
        StoreKind kind;
        try {
            kind = StoreKind.valueOf(store);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("atlas.store (ATLAS_STORE) must be 'embedded' or 'postgis', not '"
                    + store.toLowerCase(Locale.ROOT) + "'");
        }
        Database db = new Database(atlas.get("db.url").asString().orElse(""),
                atlas.get("db.user").asString().orElse(""),
                atlas.get("db.password").asString().orElse(""),
                atlas.get("db.reader").asString().orElse("").trim(),
                atlas.get("db.pool").asInt().orElse(Database.DEFAULT_POOL));
        if (db.pool() < 1 || db.pool() > 100) {
            throw new IllegalStateException("atlas.db.pool (ATLAS_DB_POOL) must be 1 to 100 connections, not " + db.pool());
        }
        if (!db.reader().isEmpty() && !db.reader().matches("[a-z_][a-z0-9_]{0,62}")) {
            // the name goes into GRANT statements: only a plain lower-case identifier is accepted
            throw new IllegalStateException("atlas.db.reader (ATLAS_DB_READER) must be a role name of lower-case letters, "
                    + "digits and _, not '" + db.reader() + "'");
        }
        if (kind == StoreKind.POSTGIS && db.url().isBlank()) {
            throw new IllegalStateException("ATLAS_STORE=postgis needs ATLAS_DB_URL (jdbc:postgresql://host:port/database)");
        }
        return new Settings(atlas.get("port").asInt().orElse(8080),
                atlas.get("host").asString().orElse("0.0.0.0"),
                path(atlas, "data.dir", "../shared/data"),
                path(atlas, "home", ".atlas"),
                kind, db,
                path(atlas, "widget.dir", "widget/dist"),
                path(atlas, "styles.dir", "styles"),
                atlas.get("public.url").asString().orElse("").replaceAll("/+$", ""),
                atlas.get("tiles.maxage").asInt().orElse(300),
                atlas.get("tiles.cache.bytes").asLong().orElse(256L << 20),
                list(atlas.get("cors.origins").asString().orElse("*")),
                versions(atlas),
                configDir,
                new Preseed(list(atlas.get("tiles.preseed.tilesets").asString().orElse("")),
                        Math.min(12, Math.max(0, atlas.get("tiles.preseed.zoom").asInt().orElse(8)))),
                warmup(atlas),
                list(atlas.get("fonts.dirs").asString().orElse(DEFAULT_FONT_DIRS)).stream()
                        .map(d -> Path.of(d).toAbsolutePath().normalize()).toList(),
                new Http(list(atlas.get("http.proxies").asString().orElse("")),
                        Math.max(1, atlas.get("http.timeout.read").asInt().orElse(Http.DEFAULT.readTimeout()))),
                path(atlas, "content.dir", "content"));
    }

    private static Versions versions(Config atlas) {
        int keep = Math.max(1, atlas.get("versions.keep").asInt().orElse(Versions.DEFAULT.keep()));
        int grace = atlas.get("versions.grace").asInt().orElse((int) Versions.DEFAULT.grace().toSeconds());
        if (grace < 0) {
            throw new IllegalStateException("atlas.versions.grace (ATLAS_VERSIONS_GRACE) is seconds, 0 or more, not " + grace);
        }
        if (grace > 0 && keep < 2) {
            // the previous version's PostGIS schema (or file) must outlive the grace period
            throw new IllegalStateException("atlas.versions.keep (ATLAS_VERSIONS_KEEP) must be at least 2 while "
                    + "atlas.versions.grace is above 0: servers keep serving the previous version for that long");
        }
        return new Versions(keep, java.time.Duration.ofSeconds(grace));
    }

    /** The warm-up budget unless set (application.yaml says the same): docs/benchmarks.md, the young server. */
    static final int DEFAULT_WARMUP_MILLIS = 500;

    /** The warm-up budget: milliseconds, 0 (none) to 10 s (readiness must not wait longer than a probe's patience). */
    private static java.time.Duration warmup(Config atlas) {
        int ms = atlas.get("tiles.warmup").asInt().orElse(DEFAULT_WARMUP_MILLIS);
        if (ms < 0 || ms > 10_000) {
            throw new IllegalStateException("atlas.tiles.warmup (ATLAS_TILES_WARMUP) is milliseconds, 0 to 10000, not " + ms);
        }
        return java.time.Duration.ofMillis(ms);
    }

    /** A comma-separated list, without blanks. */
    private static java.util.List<String> list(String text) {
        return java.util.Arrays.stream(text.split(",")).map(String::trim).filter(o -> !o.isEmpty()).toList();
    }

    private static Path path(Config atlas, String key, String fallback) {
        return Path.of(atlas.get(key).asString().orElse(fallback)).toAbsolutePath().normalize();
    }
}
