package org.candor.system;

/** Nothing of that name the caller may see. Another agency's evaluation is "not found" too. */
public class NotFoundException extends RuntimeException {
    public NotFoundException(String what) {
        super(what);
    }
}
