-- Every derived structure of an upgraded store filled and kept as a fresh
-- store's is: a store from any earlier version ends this migration with the
-- same `person_work`, `coauthorship` and `search_index` rows, and the same
-- triggers, that importing its sources into a new file would give.
--
-- Why it is needed:
-- * `person_work` changed after it was released: stores made at version 5
--   (and at version 6 before the change) have a `title` column holding whole
--   titles where today's code reads `title_key`, the title's first 12
--   characters, and triggers that keep writing `title`. `Person.works` in
--   TITLE_ASC order and every bulk import (`store::derived::rebuild`) fail on
--   such a store. A migration cannot ask which shape it finds, so the table,
--   its indexes and its triggers are made again here as 0005 makes them
--   today, and filled from `authorship` ∪ `work_listing`.
-- * `coauthorship` (0007) was filled from `person_work`; it is counted again
--   from the table just rebuilt, as `store::derived::rebuild` counts it.
-- * `search_index` (0004) was created empty, and nothing but the end of an
--   import (`store::search::rebuild`) fills it: a store is searchable only
--   because every released import happened to rebuild it, not because the
--   migration saw to it. It is rebuilt here with the same statements, so the
--   migration answers for it.
--
-- On a fresh (empty) store all of this is a few empty statements; on a
-- large one it costs what the end of a bulk import costs, once.

DROP TRIGGER IF EXISTS authorship_adds_person_work;
DROP TRIGGER IF EXISTS authorship_drops_person_work;
DROP TRIGGER IF EXISTS work_listing_adds_person_work;
DROP TRIGGER IF EXISTS work_listing_drops_person_work;
DROP TRIGGER IF EXISTS work_keys_follow_work;
DROP TRIGGER IF EXISTS work_delete_drops_person_work;
DROP TABLE person_work;

CREATE TABLE person_work (
    person_id INTEGER NOT NULL,
    work_id   INTEGER NOT NULL,
    -- 1: the person is among the work's authors; 2: a source only lists the
    -- work under the person (authorship wins when both hold).
    relation  INTEGER NOT NULL CHECK (relation IN (1, 2)),
    -- The DATE order's key: coalesce(issued, year).
    date_key  TEXT,
    year      INTEGER,
    -- The title's first 12 characters (see 0005).
    title_key TEXT NOT NULL COLLATE NOCASE,
    PRIMARY KEY (work_id, person_id)
) STRICT, WITHOUT ROWID;

INSERT INTO person_work (person_id, work_id, relation, date_key, year, title_key)
SELECT a.person_id, w.id, 1, coalesce(w.issued, CAST(w.year AS TEXT)), w.year, substr(w.title, 1, 12)
FROM authorship AS a JOIN work AS w ON w.id = a.work_id WHERE true
ON CONFLICT (work_id, person_id) DO NOTHING;
INSERT INTO person_work (person_id, work_id, relation, date_key, year, title_key)
SELECT l.person_id, w.id, 2, coalesce(w.issued, CAST(w.year AS TEXT)), w.year, substr(w.title, 1, 12)
FROM work_listing AS l JOIN work AS w ON w.id = l.work_id WHERE true
ON CONFLICT (work_id, person_id) DO NOTHING;

-- Indexes after the rows: each is built by one sort.
CREATE INDEX person_work_date ON person_work(person_id, date_key, work_id, relation);
CREATE INDEX person_work_year ON person_work(person_id, year, work_id, relation);
CREATE INDEX person_work_title ON person_work(person_id, title_key, work_id, relation);

-- The triggers of 0005, as it makes them today.
CREATE TRIGGER authorship_adds_person_work AFTER INSERT ON authorship BEGIN
    INSERT INTO person_work (person_id, work_id, relation, date_key, year, title_key)
    SELECT NEW.person_id, w.id, 1, coalesce(w.issued, CAST(w.year AS TEXT)), w.year, substr(w.title, 1, 12)
    FROM work AS w WHERE w.id = NEW.work_id
    ON CONFLICT (work_id, person_id) DO UPDATE SET relation = 1;
END;

-- A person may hold two places in one author list; the link goes with the last.
CREATE TRIGGER authorship_drops_person_work AFTER DELETE ON authorship
WHEN NOT EXISTS (SELECT 1 FROM authorship
                 WHERE work_id = OLD.work_id AND person_id = OLD.person_id)
BEGIN
    DELETE FROM person_work
    WHERE work_id = OLD.work_id AND person_id = OLD.person_id
      AND NOT EXISTS (SELECT 1 FROM work_listing
                      WHERE work_id = OLD.work_id AND person_id = OLD.person_id);
    UPDATE person_work SET relation = 2
    WHERE work_id = OLD.work_id AND person_id = OLD.person_id;
END;

CREATE TRIGGER work_listing_adds_person_work AFTER INSERT ON work_listing BEGIN
    INSERT INTO person_work (person_id, work_id, relation, date_key, year, title_key)
    SELECT NEW.person_id, w.id, 2, coalesce(w.issued, CAST(w.year AS TEXT)), w.year, substr(w.title, 1, 12)
    FROM work AS w WHERE w.id = NEW.work_id
    ON CONFLICT (work_id, person_id) DO NOTHING;
END;

CREATE TRIGGER work_listing_drops_person_work AFTER DELETE ON work_listing BEGIN
    DELETE FROM person_work
    WHERE work_id = OLD.work_id AND person_id = OLD.person_id AND relation = 2;
END;

CREATE TRIGGER work_keys_follow_work AFTER UPDATE OF issued, year, title ON work
WHEN NEW.issued IS NOT OLD.issued OR NEW.year IS NOT OLD.year OR NEW.title IS NOT OLD.title
BEGIN
    UPDATE person_work
    SET date_key = coalesce(NEW.issued, CAST(NEW.year AS TEXT)), year = NEW.year,
        title_key = substr(NEW.title, 1, 12)
    WHERE work_id = NEW.id;
END;

CREATE TRIGGER work_delete_drops_person_work AFTER DELETE ON work BEGIN
    DELETE FROM person_work WHERE work_id = OLD.id;
END;

-- Co-authors counted from the authors' links (relation 1: each work and
-- author once, with the work's year), as `store::derived::rebuild` counts them.
DELETE FROM coauthorship;
INSERT INTO coauthorship (person_id, coauthor_id, shared, first_year, last_year)
SELECT a.person_id, b.person_id, count(*), min(a.year), ifnull(max(a.year), 0)
FROM person_work AS a
JOIN person_work AS b ON b.work_id = a.work_id AND b.person_id <> a.person_id
WHERE a.relation = 1 AND b.relation = 1
GROUP BY a.person_id, b.person_id;

-- The search index, as `store::search::rebuild` fills it.
DELETE FROM search_index;
INSERT INTO search_index (entity, entity_id, name, body)
    SELECT 'person', p.id, p.name,
           ifnull((SELECT group_concat(name, ' ') FROM person_name WHERE person_id = p.id), '')
    FROM person AS p;
INSERT INTO search_index (entity, entity_id, name, body)
    SELECT 'organization', o.id, o.name,
           ifnull((SELECT group_concat(alias, ' ') FROM organization_alias WHERE organization_id = o.id), '')
    FROM organization AS o;
INSERT INTO search_index (entity, entity_id, name, body)
    SELECT 'work', w.id, w.title, ifnull(w.abstract, '') FROM work AS w;
