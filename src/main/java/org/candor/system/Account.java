package org.candor.system;

/**
 * The signed-in user as the service sees it. An agency user's agency comes from here, never
 * from a request.
 */
public record Account(String username, Role role, String agency) {

    public boolean isAgency() {
        return role == Role.AGENCY;
    }

    /** Whether this account may see what belongs to an agency. */
    public boolean canSee(String ofAgency) {
        return role != Role.AGENCY || agency.equals(ofAgency);
    }
}
