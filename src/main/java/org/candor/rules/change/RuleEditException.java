package org.candor.rules.change;

/** A proposed change of the rules folder that cannot be made as it stands; nothing was changed. */
public class RuleEditException extends RuntimeException {

    public enum Reason {
        /** The file name is not a rule file directly inside the rules folder. */
        BAD_NAME,
        /** The file to delete or read is not there. */
        NO_SUCH_FILE,
        /** The folder changed between the proposal and its application; propose again. */
        CHANGED_MEANWHILE,
        /**
         * The file is not the version the change was made on (its version does not match, or a
         * file to create is there already): someone else changed it since it was read.
         */
        STALE
    }

    private final Reason reason;

    public RuleEditException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
