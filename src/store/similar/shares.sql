-- What :person shares with each other person, one row per thing shared:
-- `share(candidate, dim, item, units)`. `dim` is what is shared and `item`
-- the thing itself; `units` is what the row weighs (the works two
-- co-authors share; 1 for every other row).
--   work          the candidate is a co-author (item NULL, units = works)
--   coauthor      a co-author of both (item = that person's id)
--   category      an arXiv category of an authored work of both
--   venue         a venue (as printed) of an authored work of both
--   organization  a top-level organization (the root above an appointment's
--                 or education's organization) of both (item = its id)
-- CROSS JOIN keeps SQLite to the order written, from the person outward.
-- Every join reads an index: `coauthorship` by person, `person_work` by
-- person and by work, `work_category_category`, `organization_parent`,
-- `appointment_organization`, `education_organization`. Venues have no
-- index: the venue rows read the `work` table once.
WITH RECURSIVE
mine(work_id) AS (
    SELECT work_id FROM person_work WHERE person_id = :person AND relation = 1),
my_category(category) AS (
    SELECT DISTINCT c.category FROM mine AS m CROSS JOIN work_category AS c ON c.work_id = m.work_id),
my_venue(venue) AS (
    SELECT DISTINCT w.venue FROM mine AS m CROSS JOIN work AS w ON w.id = m.work_id
    WHERE w.venue IS NOT NULL),
up(id, parent) AS (
    SELECT o.id, o.parent_id FROM appointment AS a
    JOIN organization AS o ON o.id = a.organization_id WHERE a.person_id = :person
    UNION
    SELECT o.id, o.parent_id FROM education AS e
    JOIN organization AS o ON o.id = e.organization_id WHERE e.person_id = :person
    UNION
    SELECT o.id, o.parent_id FROM up JOIN organization AS o ON o.id = up.parent),
below(id, root) AS (
    SELECT id, id FROM up WHERE parent IS NULL
    UNION
    SELECT o.id, b.root FROM below AS b JOIN organization AS o ON o.parent_id = b.id),
share(candidate, dim, item, units) AS (
    SELECT coauthor_id, 'work', NULL, shared FROM coauthorship WHERE person_id = :person
    UNION ALL
    SELECT b.coauthor_id, 'coauthor', a.coauthor_id, 1
    FROM coauthorship AS a CROSS JOIN coauthorship AS b ON b.person_id = a.coauthor_id
    WHERE a.person_id = :person AND b.coauthor_id <> :person
    UNION ALL
    SELECT DISTINCT pw.person_id, 'category', c.category, 1
    FROM my_category AS m CROSS JOIN work_category AS c ON c.category = m.category
    CROSS JOIN person_work AS pw ON pw.work_id = c.work_id AND pw.relation = 1
    WHERE pw.person_id <> :person
    UNION ALL
    -- One pass over `work` (venues have no index), each work of a shared
    -- venue joined to its authors by primary key.
    SELECT DISTINCT pw.person_id, 'venue', w.venue, 1
    FROM work AS w CROSS JOIN person_work AS pw ON pw.work_id = w.id AND pw.relation = 1
    WHERE w.venue IN (SELECT venue FROM my_venue) AND pw.person_id <> :person
    UNION ALL
    SELECT DISTINCT person_id, 'organization', root, 1 FROM (
        SELECT a.person_id, b.root FROM below AS b
        CROSS JOIN appointment AS a ON a.organization_id = b.id
        UNION ALL
        SELECT e.person_id, b.root FROM below AS b
        CROSS JOIN education AS e ON e.organization_id = b.id)
    WHERE person_id <> :person)
