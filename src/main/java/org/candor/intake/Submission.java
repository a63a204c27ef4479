package org.candor.intake;

import java.time.Instant;

/**
 * A campaign as received, stored before it is evaluated.
 *
 * @param asOf the moment the campaign is judged as of: its submittedAt, or the time of receipt
 * @param status RECEIVED until its first evaluation is stored, then EVALUATED; ERROR when its
 *     evaluation was stopped at a bound or never finished in the attempts allowed (the reason is
 *     stored with it, see {@link SubmissionStore#state})
 */
public record Submission(
        String id,
        String reference,
        String agency,
        String brand,
        String submittedBy,
        Instant receivedAt,
        Instant asOf,
        String status,
        String inputHash,
        String contentType,
        String payload) {

    public static final String RECEIVED = "RECEIVED";
    public static final String EVALUATED = "EVALUATED";
    public static final String ERROR = "ERROR";
}
