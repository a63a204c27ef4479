package org.candor.intake;

/** The body is not a JSON document at all (or not the upload expected). */
public class MalformedSubmissionException extends RuntimeException {
    public MalformedSubmissionException(String message) {
        super(message);
    }
}
