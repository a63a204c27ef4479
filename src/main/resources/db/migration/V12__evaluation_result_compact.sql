-- An evaluation's result is stored compactly: its JSON compressed with gzip (RFC 1952), in
-- result_gzip, several times smaller than the text. Rows stored before keep their JSON text in
-- result (result_gzip empty); both forms are read, and a row whose result is replaced (a waiver
-- granted on it) is stored in the compact form.
ALTER TABLE evaluation ADD COLUMN result_gzip BYTEA;
ALTER TABLE evaluation ALTER COLUMN result DROP NOT NULL;
