package fr.culture.atlas.store;

/** A store operation that failed for a reason the operator can act on; the message says which. */
public final class StoreException extends RuntimeException {

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
