-- Each person's co-authors with what they share, in the order
-- `Person.coauthors` pages by (most shared works, then the most recent
-- collaboration, then the newest person). Ranking co-authors from
-- `authorship` reads every work of the person and every author of each: a
-- page would cost the person's whole list. Kept here, a page reads only the
-- rows it returns from `coauthorship_rank`, and `totalCount` is an index
-- count. Triggers on `authorship` and `work` keep the table equal to the
-- pairs of `authorship`, so no writer has to remember it.
--
-- Both directions are stored: (p, q) and (q, p).

CREATE TABLE coauthorship (
    person_id   INTEGER NOT NULL,
    coauthor_id INTEGER NOT NULL,
    -- Works both are authors of.
    shared      INTEGER NOT NULL CHECK (shared >= 1),
    -- Years of the first and last shared work with a year; `last_year` is 0
    -- when none has one (a sort key must not be NULL for keyset paging).
    first_year  INTEGER,
    last_year   INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (person_id, coauthor_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX coauthorship_rank ON coauthorship(person_id, shared, last_year, coauthor_id);

-- A person may hold two places in one author list: a work counts once, when
-- the person's first place is written and when their last place goes.
CREATE TRIGGER authorship_adds_coauthors AFTER INSERT ON authorship
WHEN NOT EXISTS (SELECT 1 FROM authorship
                 WHERE work_id = NEW.work_id AND person_id = NEW.person_id
                   AND position <> NEW.position)
BEGIN
    INSERT INTO coauthorship (person_id, coauthor_id, shared, first_year, last_year)
    SELECT pair.a, pair.b, 1, w.year, ifnull(w.year, 0)
    FROM (SELECT NEW.person_id AS a, person_id AS b FROM authorship
          WHERE work_id = NEW.work_id AND person_id <> NEW.person_id
          UNION
          SELECT person_id, NEW.person_id FROM authorship
          WHERE work_id = NEW.work_id AND person_id <> NEW.person_id) AS pair
    JOIN work AS w ON w.id = NEW.work_id
    WHERE true
    ON CONFLICT (person_id, coauthor_id) DO UPDATE SET
        shared = shared + 1,
        first_year = coalesce(min(first_year, excluded.first_year), first_year, excluded.first_year),
        last_year = max(last_year, excluded.last_year);
END;

CREATE TRIGGER authorship_drops_coauthors AFTER DELETE ON authorship
WHEN NOT EXISTS (SELECT 1 FROM authorship
                 WHERE work_id = OLD.work_id AND person_id = OLD.person_id)
BEGIN
    -- A pair that shared only this work goes; the others share one fewer.
    DELETE FROM coauthorship
    WHERE shared = 1
      AND ((person_id = OLD.person_id
            AND coauthor_id IN (SELECT person_id FROM authorship WHERE work_id = OLD.work_id))
        OR (coauthor_id = OLD.person_id
            AND person_id IN (SELECT person_id FROM authorship WHERE work_id = OLD.work_id)));
    UPDATE coauthorship SET shared = shared - 1
    WHERE (person_id = OLD.person_id
           AND coauthor_id IN (SELECT person_id FROM authorship WHERE work_id = OLD.work_id))
       OR (coauthor_id = OLD.person_id
           AND person_id IN (SELECT person_id FROM authorship WHERE work_id = OLD.work_id));
    -- The years only move when the work gone held one of them (or the work
    -- itself is gone).
    UPDATE coauthorship SET
        (first_year, last_year) = (
            SELECT min(w.year), ifnull(max(w.year), 0)
            FROM authorship AS a
            JOIN authorship AS b ON b.work_id = a.work_id AND b.person_id = coauthorship.coauthor_id
            JOIN work AS w ON w.id = a.work_id
            WHERE a.person_id = coauthorship.person_id)
    WHERE ((person_id = OLD.person_id
            AND coauthor_id IN (SELECT person_id FROM authorship WHERE work_id = OLD.work_id))
        OR (coauthor_id = OLD.person_id
            AND person_id IN (SELECT person_id FROM authorship WHERE work_id = OLD.work_id)))
      AND (NOT EXISTS (SELECT 1 FROM work WHERE id = OLD.work_id)
           OR (SELECT year FROM work WHERE id = OLD.work_id) IN (first_year, last_year));
END;

-- A work's year moved: the pairs among its authors take their years again.
CREATE TRIGGER work_year_moves_coauthors AFTER UPDATE OF year ON work
WHEN NEW.year IS NOT OLD.year
BEGIN
    UPDATE coauthorship SET
        (first_year, last_year) = (
            SELECT min(w.year), ifnull(max(w.year), 0)
            FROM authorship AS a
            JOIN authorship AS b ON b.work_id = a.work_id AND b.person_id = coauthorship.coauthor_id
            JOIN work AS w ON w.id = a.work_id
            WHERE a.person_id = coauthorship.person_id)
    WHERE person_id IN (SELECT person_id FROM authorship WHERE work_id = NEW.id)
      AND coauthor_id IN (SELECT person_id FROM authorship WHERE work_id = NEW.id);
END;

-- A store migrated from an earlier version gets its existing pairs
-- (`person_work` with relation 1 holds each work and author once, with the
-- work's year).
INSERT INTO coauthorship (person_id, coauthor_id, shared, first_year, last_year)
SELECT a.person_id, b.person_id, count(*), min(a.year), ifnull(max(a.year), 0)
FROM person_work AS a
JOIN person_work AS b ON b.work_id = a.work_id AND b.person_id <> a.person_id
WHERE a.relation = 1 AND b.relation = 1
GROUP BY a.person_id, b.person_id;
