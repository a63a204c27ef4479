-- An impact preview: a candidate change of the rules judged over the stored portfolio (each
-- campaign's latest evaluation) before it is saved. The work is split into jobs that any instance
-- claims (SELECT ... FOR UPDATE SKIP LOCKED); what changes is kept until the preview expires.
CREATE TABLE impact_preview (
    id              VARCHAR(36)              PRIMARY KEY,
    status          VARCHAR(10)              NOT NULL,
    requested_by    VARCHAR(100)             NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at     TIMESTAMP WITH TIME ZONE,
    expires_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    base_hash       VARCHAR(64)              NOT NULL,
    candidate_hash  VARCHAR(64)              NOT NULL,
    scope           VARCHAR(500)             NOT NULL,
    total           INTEGER                  NOT NULL,
    done            INTEGER                  NOT NULL,
    error           VARCHAR(2000)
);

CREATE INDEX impact_preview_expiry ON impact_preview (expires_at);

-- The rule files of both sides, so that every instance builds the same rule sets.
CREATE TABLE impact_rule_file (
    preview_id  VARCHAR(36)  NOT NULL REFERENCES impact_preview (id) ON DELETE CASCADE,
    side        VARCHAR(10)  NOT NULL,
    path        VARCHAR(500) NOT NULL,
    content     BYTEA        NOT NULL,
    PRIMARY KEY (preview_id, side, path)
);

-- A slice of the campaigns of one preview; QUEUED, RUNNING (claimed_by, claimed_at), DONE or CANCELLED.
CREATE TABLE impact_job (
    preview_id      VARCHAR(36)              NOT NULL REFERENCES impact_preview (id) ON DELETE CASCADE,
    seq             INTEGER                  NOT NULL,
    status          VARCHAR(10)              NOT NULL,
    evaluation_ids  TEXT                     NOT NULL,
    size            INTEGER                  NOT NULL,
    attempts        INTEGER                  DEFAULT 0 NOT NULL,
    claimed_by      VARCHAR(200),
    claimed_at      TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (preview_id, seq)
);

CREATE INDEX impact_job_queue ON impact_job (status, claimed_at);

-- A campaign the candidate rules judge differently: its verdict flips, findings appear or
-- disappear (JSON lists of rule id and subject), or its judgement was stopped at a bound.
CREATE TABLE impact_change (
    preview_id      VARCHAR(36)   NOT NULL REFERENCES impact_preview (id) ON DELETE CASCADE,
    seq             INTEGER       NOT NULL,
    evaluation_id   VARCHAR(36)   NOT NULL,
    reference       VARCHAR(200)  NOT NULL,
    agency          VARCHAR(200)  NOT NULL,
    brand           VARCHAR(200)  NOT NULL,
    verdict_before  VARCHAR(4)    NOT NULL,
    verdict_after   VARCHAR(4),
    appeared        TEXT          NOT NULL,
    disappeared     TEXT          NOT NULL,
    stopped         VARCHAR(2000),
    PRIMARY KEY (preview_id, evaluation_id)
);

CREATE INDEX impact_change_job ON impact_change (preview_id, seq);
