package fr.culture.atlas.store.postgis;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import fr.culture.atlas.config.Settings;

/**
 * Names and connections shared by the PostGIS reader and publisher.
 *
 * <p>Layout: schema {@code atlas} holds the bookkeeping ({@code versions}, {@code current});
 * each data version lives in its own schema {@code atlas_v<N>}, so a new version is written
 * beside the live one and switching is one UPDATE of {@code atlas.current}.
 */
final class Postgis {

    private Postgis() {
    }

    /** Schema of a data version. The name is built from a number, never from request text. */
    static String schema(long version) {
        return "atlas_v" + version;
    }

    static HikariDataSource dataSource(Settings.Database db, String poolName, int size, boolean readOnly) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(db.url());
        if (!db.user().isBlank()) {
            config.setUsername(db.user());
        }
        if (!db.password().isBlank()) {
            config.setPassword(db.password());
        }
        config.setPoolName(poolName);
        config.setMaximumPoolSize(size);
        config.setReadOnly(readOnly);
        // fail fast when the database is down: callers answer 503 instead of hanging
        config.setConnectionTimeout(2_000);
        config.setValidationTimeout(1_000);
        // start even while the database is down; readiness reports it
        config.setInitializationFailTimeout(-1);
        return new HikariDataSource(config);
    }
}
