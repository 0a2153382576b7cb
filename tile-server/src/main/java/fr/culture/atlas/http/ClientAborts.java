package fr.culture.atlas.http;

import java.io.IOException;
import java.util.logging.Filter;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import io.helidon.common.buffers.DataReader;

/**
 * A request the client abandoned (it closed the connection in the middle of its headers, or
 * reset it while the answer was written) is one line of the log, not a WARNING with a stack
 * trace: one slowloris run left 199 of them, burying what matters. Set on the console handler
 * in logging.properties; a record of the web server whose exception says the client went away
 * is replaced by a one-line INFO record, any other passes unchanged.
 */
public final class ClientAborts implements Filter {

    private static final Logger LOG = Logger.getLogger("fr.culture.atlas.http.ClientAborts");

    @Override
    public boolean isLoggable(LogRecord record) {
        // the web server's records only: a database connection reset is a server matter, logged as is
        String logger = record.getLoggerName();
        if (logger == null || !logger.startsWith("io.helidon.webserver")) {
            return true;
        }
        Throwable aborted = clientGone(record.getThrown());
        if (aborted == null) {
            return true;
        }
        LOG.info("Request abandoned by the client (" + aborted.getClass().getSimpleName()
                + (aborted.getMessage() == null ? "" : ": " + aborted.getMessage()) + ")");
        return false;
    }

    /** The exception of the chain that says the client went away, or null. */
    static Throwable clientGone(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof DataReader.InsufficientDataAvailableException) {
                return t;
            }
            if (t instanceof IOException && t.getMessage() != null
                    && (t.getMessage().contains("Broken pipe") || t.getMessage().contains("Connection reset"))) {
                return t;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}
