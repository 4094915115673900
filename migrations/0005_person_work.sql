-- Each person's works, in the orders `Person.works` and `works(filter:
-- {author})` page by. A page reads only the rows it returns, in index order
-- (person, sort key, work), instead of gathering a person's whole list,
-- sorting it and skipping an offset: a page of a person with 3,000 works
-- costs what a page of a person with 100 costs. The sort keys copy the work's
-- (`date_key` is the DATE order's `coalesce(issued, year)`; `title_key` the
-- title's first 12 characters: the index orders by it, and only works whose
-- titles share those 12 characters are sorted by their whole title, which
-- keeps whole titles out of an index of every link), and triggers
-- keep the table equal to `authorship` ∪ `work_listing`, so no writer has to
-- remember it.

CREATE TABLE person_work (
    person_id INTEGER NOT NULL,
    work_id   INTEGER NOT NULL,
    -- 1: the person is among the work's authors; 2: a source only lists the
    -- work under the person (authorship wins when both hold).
    relation  INTEGER NOT NULL CHECK (relation IN (1, 2)),
    date_key  TEXT,
    year      INTEGER,
    title_key TEXT NOT NULL COLLATE NOCASE,
    PRIMARY KEY (work_id, person_id)
) STRICT, WITHOUT ROWID;
-- Every index ends in work_id (the tie-break of every order) and carries
-- `relation`, so counts and relation filters never touch the table.
CREATE INDEX person_work_date ON person_work(person_id, date_key, work_id, relation);
CREATE INDEX person_work_year ON person_work(person_id, year, work_id, relation);
CREATE INDEX person_work_title ON person_work(person_id, title_key, work_id, relation);

-- The orders of `Query.works` without an author: YEAR_* and TITLE_ASC read
-- these as the DATE_* orders read `work_date_order`.
CREATE INDEX work_year_order ON work(year, id);
CREATE INDEX work_title_order ON work(title COLLATE NOCASE, id);

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

-- A store migrated from an earlier version gets its existing links.
INSERT INTO person_work (person_id, work_id, relation, date_key, year, title_key)
SELECT a.person_id, w.id, 1, coalesce(w.issued, CAST(w.year AS TEXT)), w.year, substr(w.title, 1, 12)
FROM authorship AS a JOIN work AS w ON w.id = a.work_id WHERE true
ON CONFLICT (work_id, person_id) DO NOTHING;
INSERT INTO person_work (person_id, work_id, relation, date_key, year, title_key)
SELECT l.person_id, w.id, 2, coalesce(w.issued, CAST(w.year AS TEXT)), w.year, substr(w.title, 1, 12)
FROM work_listing AS l JOIN work AS w ON w.id = l.work_id WHERE true
ON CONFLICT (work_id, person_id) DO NOTHING;
