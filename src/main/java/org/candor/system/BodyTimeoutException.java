package org.candor.system;

/** A request body that took longer than {@code candor.edge.body-read-timeout} to arrive. */
public class BodyTimeoutException extends RuntimeException {
    public BodyTimeoutException(java.time.Duration timeout) {
        super("The request body took longer than " + timeout.toSeconds() + " seconds to arrive; send it again.");
    }
}
