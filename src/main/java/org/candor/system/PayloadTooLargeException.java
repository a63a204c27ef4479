package org.candor.system;

/** A request body above the configured limit. */
public class PayloadTooLargeException extends RuntimeException {
    public PayloadTooLargeException(long limit) {
        super("the request is larger than the " + limit + " bytes this service accepts");
    }
}
