-- A submission's campaign text is kept in a table of its own: updates of the submission's status
-- and attempts then write a short row, not the text with it (the embedded database keeps a row's
-- columns together and rewrites the whole page of rows on each update; PostgreSQL writes a new
-- version of the whole row).
CREATE TABLE submission_payload (
    submission_id  VARCHAR(36)  PRIMARY KEY REFERENCES submission (id),
    payload        TEXT         NOT NULL
);

INSERT INTO submission_payload (submission_id, payload) SELECT id, payload FROM submission;

ALTER TABLE submission DROP COLUMN payload;
