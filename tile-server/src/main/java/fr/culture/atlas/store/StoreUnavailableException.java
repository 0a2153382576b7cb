package fr.culture.atlas.store;

/** The store's backing database does not answer; callers answer 503 and retry later. */
public final class StoreUnavailableException extends RuntimeException {

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
