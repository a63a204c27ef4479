-- The rule tests that failed with the rules in force before a change as well (JSON list of
-- "file — case: detail"). Only the cases a change makes fail (failures) keep it out of force or
-- make it forced; these are recorded beside them. Changes recorded before this column: none.
ALTER TABLE rule_change ADD COLUMN already_failing TEXT DEFAULT '[]' NOT NULL;
