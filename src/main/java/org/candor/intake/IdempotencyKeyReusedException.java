package org.candor.intake;

/** An Idempotency-Key sent again with a different campaign than the first time. */
public class IdempotencyKeyReusedException extends RuntimeException {
    public IdempotencyKeyReusedException(String key) {
        super("the Idempotency-Key '" + key + "' was first sent with a different campaign;"
                + " use a new key for a new campaign");
    }
}
