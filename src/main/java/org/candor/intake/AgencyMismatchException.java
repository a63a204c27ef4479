package org.candor.intake;

/** An agency user submitted a campaign in another agency's name. */
public class AgencyMismatchException extends RuntimeException {
    public AgencyMismatchException(String accountAgency, String bodyAgency) {
        super("this account submits for '" + accountAgency + "', not for '" + bodyAgency + "'");
    }
}
