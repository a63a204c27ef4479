-- A submission may carry the Idempotency-Key its user sent: the same key from the same user
-- returns the first evaluation instead of storing the campaign again.
ALTER TABLE submission ADD COLUMN idempotency_key VARCHAR(255);

CREATE UNIQUE INDEX submission_idempotency ON submission (submitted_by, idempotency_key);

-- One row the health check writes on every probe: a database that can no longer be written
-- (closed store, full disk, read-only) makes health DOWN.
CREATE TABLE health_probe (
    id          INTEGER                  PRIMARY KEY,
    checked_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

INSERT INTO health_probe (id, checked_at) VALUES (1, CURRENT_TIMESTAMP);
