-- A submission is stored as received, before it is evaluated; nothing accepted is ever lost.
CREATE TABLE submission (
    id            VARCHAR(36)              PRIMARY KEY,
    reference     VARCHAR(200)             NOT NULL,
    agency        VARCHAR(200)             NOT NULL,
    brand         VARCHAR(200)             NOT NULL,
    submitted_by  VARCHAR(100)             NOT NULL,
    received_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    as_of         TIMESTAMP WITH TIME ZONE NOT NULL,
    status        VARCHAR(20)              NOT NULL,
    input_hash    VARCHAR(64)              NOT NULL,
    content_type  VARCHAR(100)             NOT NULL,
    payload       TEXT                     NOT NULL
);

CREATE INDEX submission_status ON submission (status);

-- Every evaluation of a submission is kept; a re-evaluation adds a row.
CREATE TABLE evaluation (
    id             VARCHAR(36)              PRIMARY KEY,
    submission_id  VARCHAR(36)              NOT NULL REFERENCES submission (id),
    reference      VARCHAR(200)             NOT NULL,
    agency         VARCHAR(200)             NOT NULL,
    brand          VARCHAR(200)             NOT NULL,
    rule_set_hash  VARCHAR(64)              NOT NULL,
    verdict        VARCHAR(4)               NOT NULL,
    fails          INTEGER                  NOT NULL,
    warnings       INTEGER                  NOT NULL,
    infos          INTEGER                  NOT NULL,
    evaluated_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    evaluated_by   VARCHAR(100)             NOT NULL,
    result         TEXT                     NOT NULL
);

CREATE INDEX evaluation_submission ON evaluation (submission_id);
CREATE INDEX evaluation_agency_time ON evaluation (agency, evaluated_at);
CREATE INDEX evaluation_time ON evaluation (evaluated_at);
