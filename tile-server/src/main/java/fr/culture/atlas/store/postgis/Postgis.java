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

    /** Longest wait for any answer of the database on a reader connection, seconds. */
    static final int READ_SOCKET_TIMEOUT_SECONDS = 30;

    private Postgis() {
    }

    /**
     * Whether an error says the database cannot be reached or cannot work now (SQLSTATE classes
     * 08 connection, 53 insufficient resources, 57 operator intervention and cancelled statements,
     * 58 system error, or none: an I/O error or a pool timeout) rather than that the query itself
     * is wrong for the schema (a missing table, a permission).
     */
    static boolean unreachable(java.sql.SQLException e) {
        String state = e.getSQLState();
        return state == null || state.startsWith("08") || state.startsWith("53") || state.startsWith("57")
                || state.startsWith("58");
    }

    /** Schema of a data version. The name is built from a number, never from request text. */
    static String schema(long version) {
        return "atlas_v" + version;
    }

    /**
     * The condition selecting one level's geometries of one zoom band, the predicate of that
     * level and band's own partial GiST index: a query naming them as constants (not parameters,
     * unknown to a generic plan) uses it.
     */
    static String levelAndBand(String level, int band) {
        return "level = '" + level.replace("'", "''") + "' AND band = " + band;
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
        // fail fast when the database is down: a poll (or an import) fails at once instead of hanging
        config.setConnectionTimeout(2_000);
        config.setValidationTimeout(1_000);
        // start even while the database is down; readiness says so until a version is loaded
        config.setInitializationFailTimeout(-1);
        if (readOnly) {
            // a server's poll never waits for ever on a database that stopped answering (network cut,
            // frozen host): reads fail after this; no single read of a version's load (each waits
            // for one fetch of the cursor) comes near it
            config.addDataSourceProperty("socketTimeout", String.valueOf(READ_SOCKET_TIMEOUT_SECONDS));
            // no idle minimum: Hikari would keep refilling it during an outage with a back-off of up
            // to 5 s, delaying the recovery; connections are made on demand and kept while in use
            config.setMinimumIdle(0);
        }
        return new HikariDataSource(config);
    }
}
