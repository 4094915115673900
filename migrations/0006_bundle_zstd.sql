-- A source's bundle as imported, compressed with zstd. `source.bundle` kept
-- it as JSON text as large as the imported file (213 MB of a 934 MB store
-- for the 300,000-work benchmark bundle), and writing it took several copies
-- of that text in memory (the bound value, the record, json_valid's parse).
-- New imports write `bundle_zstd` (the same canonical JSON, compressed) and
-- leave `bundle` NULL; a store imported before keeps its text, which
-- `export` still reads.
ALTER TABLE source ADD COLUMN bundle_zstd BLOB;
