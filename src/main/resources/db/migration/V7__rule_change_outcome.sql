-- What came of a recorded change of the rules folder:
--   APPLIED    the rule set was put in force (every change recorded before this column);
--   PENDING    written down before the file was renamed into place, completed once the new rule
--              set is in force; one left over after a crash is reconciled at the next start;
--   REFUSED    the folder was changed (file watcher, reload) but its rule tests failed, so it was
--              not put in force; failures lists them;
--   ABANDONED  a PENDING change whose files were not in the folder at the next start.
ALTER TABLE rule_change ADD COLUMN outcome VARCHAR(20) DEFAULT 'APPLIED' NOT NULL;

CREATE INDEX rule_change_outcome ON rule_change (outcome, id);
