-- A waiver covers one finding (evaluation, rule id, subject) of a submission until it expires.
CREATE TABLE waiver (
    id             VARCHAR(36)              PRIMARY KEY,
    evaluation_id  VARCHAR(36)              NOT NULL REFERENCES evaluation (id),
    submission_id  VARCHAR(36)              NOT NULL REFERENCES submission (id),
    agency         VARCHAR(200)             NOT NULL,
    rule_id        VARCHAR(20)              NOT NULL,
    subject        VARCHAR(300)             NOT NULL,
    justification  VARCHAR(2000)            NOT NULL,
    approver       VARCHAR(200)             NOT NULL,
    expires_on     DATE                     NOT NULL,
    created_by     VARCHAR(100)             NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX waiver_submission ON waiver (submission_id);
