-- The rule set in force for every instance sharing this database, when rule sets live in the
-- database (candor.rules-store.source=database, the postgres profile's default): one row, locked
-- by each change so that a change made on an older rule set is refused. hash is empty until the
-- first instance imports its rules folder; version counts the changes.
CREATE TABLE rule_set_in_force (
    id          INTEGER                  PRIMARY KEY CHECK (id = 1),
    hash        VARCHAR(64)              REFERENCES rule_snapshot (hash),
    version     BIGINT                   NOT NULL,
    changed_at  TIMESTAMP WITH TIME ZONE
);

INSERT INTO rule_set_in_force (id, hash, version) VALUES (1, NULL, 0);
