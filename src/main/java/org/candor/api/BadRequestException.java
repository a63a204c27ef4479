package org.candor.api;

/** A request the API refuses as it stands (400), with a message meant for the caller. */
class BadRequestException extends RuntimeException {
    BadRequestException(String message) {
        super(message);
    }
}
