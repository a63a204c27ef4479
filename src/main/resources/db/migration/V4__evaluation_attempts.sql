-- How many times the first evaluation of a submission was started, and why it ended in ERROR
-- (a bound reached, or attempts that never finished). Recovery at start gives up after a limit.
ALTER TABLE submission ADD COLUMN attempts INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE submission ADD COLUMN error VARCHAR(2000);
