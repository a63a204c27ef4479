package org.candor.intake;

import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * An evaluation's stored result cannot be read back: its compact form is not valid gzip, or what
 * it holds (or the JSON text of an older row) is not a result. The other evaluations are not
 * concerned; the message names the evaluation and what is wrong.
 */
public final class StoredResultUnreadableException extends RuntimeException {
    private final String evaluationId;

    /**
     * @param what what the stored bytes are not, e.g. "compact form, not valid gzip"
     * @param cause what reading them threw
     */
    StoredResultUnreadableException(String evaluationId, String what, Exception cause) {
        super(
                "evaluation " + evaluationId + ": its stored result cannot be read (" + what + "): " + reason(cause),
                cause);
        this.evaluationId = evaluationId;
    }

    private static String reason(Exception cause) {
        String m = cause instanceof JsonProcessingException j ? j.getOriginalMessage() : cause.getMessage();
        return m == null ? cause.getClass().getSimpleName() : m;
    }

    public String evaluationId() {
        return evaluationId;
    }
}
