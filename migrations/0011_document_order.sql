-- Document order (issue 9): where each fact sits in the document that
-- states it, so that a source's works and career facts can be listed as the
-- document lists them.
--
-- `ordinal` is the fact's 1-based place in its array of the bundle (the
-- document's order, top to bottom); `position` is the number the document
-- gives it ("23.", "[4]", the listing's third item), null where it counts
-- none; `section` the heading it sits under, as printed.
--
-- Only the stored bundles hold the order, and reading them is the import's
-- job, not SQL's: this migration adds the columns and queues every source in
-- `source_to_reread`. Opening the store through the CLI or the server
-- (`import::catch_up`) merges each queued source's stored bundle again and
-- empties the queue, in one write transaction, so that an upgraded store
-- answers as a fresh import of its sources does.

ALTER TABLE attestation ADD COLUMN ordinal INTEGER CHECK (ordinal >= 1);
ALTER TABLE attestation ADD COLUMN position INTEGER CHECK (position >= 1);
ALTER TABLE attestation ADD COLUMN section TEXT CHECK (section <> '');

-- A source's facts of one kind in the document's order: `Source.works` and
-- `Source.facts` read it from a cursor on.
CREATE INDEX attestation_document_order ON attestation(source_id, entity, ordinal, entity_id);

-- Sources whose stored bundle must be merged again (without rowid: the
-- primary key is the index its foreign key wants).
CREATE TABLE source_to_reread (
    source_id INTEGER PRIMARY KEY REFERENCES source(id) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;

INSERT INTO source_to_reread (source_id) SELECT id FROM source;
