package org.candor.intake;

/**
 * The body is text in an encoding other than UTF-8 (UTF-16 or UTF-32, by its byte order mark or
 * its zero bytes, or by the charset its Content-Type declares). The API answers 415; the pages
 * show it as any other refused upload.
 */
public class EncodingRefusedException extends MalformedSubmissionException {
    public EncodingRefusedException(String message) {
        super(message);
    }
}
