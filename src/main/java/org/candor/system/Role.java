package org.candor.system;

/** What a user may do: submit (AGENCY), keep the rules (OFFICER), oversee (MANAGER). */
public enum Role {
    AGENCY,
    OFFICER,
    MANAGER
}
