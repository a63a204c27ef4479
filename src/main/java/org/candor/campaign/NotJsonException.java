package org.candor.campaign;

/**
 * A body that is not a JSON document at all, as {@link CampaignReader#readBody} finds it: a syntax
 * error or a broken size limit in its first value. The message says what and where, in the words
 * of the format.
 */
public class NotJsonException extends RuntimeException {
    public NotJsonException(String message) {
        super(message);
    }
}
