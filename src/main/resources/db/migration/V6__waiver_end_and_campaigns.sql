-- Ending a waiver early records who ended it and when, beside its original expiry date.
ALTER TABLE waiver ADD COLUMN ended_by VARCHAR(100);
ALTER TABLE waiver ADD COLUMN ended_at TIMESTAMP WITH TIME ZONE;

-- How many findings of an evaluation a waiver covers, beside the counts of those that stand.
ALTER TABLE evaluation ADD COLUMN waived INTEGER DEFAULT 0 NOT NULL;

-- Each campaign's (agency and reference) evaluations, newest first.
CREATE INDEX evaluation_campaign ON evaluation (agency, reference, evaluated_at);
