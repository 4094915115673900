-- Author lists that never lose a name (issue 9). A complete author list now
-- wins over an "et al." one only when every cut list is a prefix of it;
-- otherwise the work's list keeps every printed name and is marked disputed.
--
-- The choice is the import's (`import::merge::authors`), made from every
-- source's statement, and cannot be made in SQL: this migration adds the
-- flag and queues every work that more than one source states (the only
-- ones whose choice can change) in `work_to_remerge`. Opening the store
-- through `import::open` (the CLI and the server do) chooses their lists
-- again and empties the queue, in one write transaction, so that an
-- upgraded store answers as a fresh import of its sources does.

ALTER TABLE work ADD COLUMN authors_disputed INTEGER NOT NULL DEFAULT 0
    CHECK (authors_disputed IN (0, 1));

-- Works whose display values must be chosen again from their statements.
CREATE TABLE work_to_remerge (
    work_id INTEGER PRIMARY KEY
) STRICT;

INSERT INTO work_to_remerge (work_id)
SELECT entity_id FROM attestation WHERE entity = 'work'
GROUP BY entity_id HAVING count(*) > 1;
