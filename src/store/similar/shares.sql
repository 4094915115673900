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
-- Every join reads an index: `coauthorship` by person, `person_work` by
-- person and by work, `work_category_category`, `organization_parent`,
-- `appointment_organization`, `education_organization`. Venues have no
-- index: the venue rows read the `work` table once.
WITH RECURSIVE
mine(work_id) AS (
    SELECT work_id FROM person_work WHERE person_id = :person AND relation = 1),
my_category(category) AS (
    SELECT DISTINCT c.category FROM mine AS m JOIN work_category AS c ON c.work_id = m.work_id),
my_venue(venue) AS (
    SELECT DISTINCT w.venue FROM mine AS m JOIN work AS w ON w.id = m.work_id
    WHERE w.venue IS NOT NULL),
up(id, parent) AS (
    SELECT o.id, o.parent_id FROM organization AS o
    WHERE o.id IN (SELECT organization_id FROM appointment WHERE person_id = :person
                   UNION SELECT organization_id FROM education WHERE person_id = :person)
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
    FROM coauthorship AS a JOIN coauthorship AS b ON b.person_id = a.coauthor_id
    WHERE a.person_id = :person AND b.coauthor_id <> :person
    UNION ALL
    SELECT DISTINCT pw.person_id, 'category', c.category, 1
    FROM my_category AS m JOIN work_category AS c ON c.category = m.category
    JOIN person_work AS pw ON pw.work_id = c.work_id AND pw.relation = 1
    WHERE pw.person_id <> :person
    UNION ALL
    SELECT DISTINCT pw.person_id, 'venue', w.venue, 1
    FROM my_venue AS m JOIN work AS w ON w.venue = m.venue
    JOIN person_work AS pw ON pw.work_id = w.id AND pw.relation = 1
    WHERE pw.person_id <> :person
    UNION ALL
    SELECT DISTINCT x.person_id, 'organization', b.root, 1
    FROM below AS b
    JOIN (SELECT person_id, organization_id FROM appointment
          UNION ALL SELECT person_id, organization_id FROM education) AS x
      ON x.organization_id = b.id
    WHERE x.person_id <> :person)
