-- What :person shares with each of a few ranked people (:candidates), item
-- by item, for the reasons of `Person.similar`: the same shares as
-- `shares.sql`, but read from each candidate outward (their co-authors, works
-- and organizations, each checked against the person's), so it costs what
-- those few have, not the person's whole neighbourhood again. A venue's `n`
-- is the candidate's works there; a co-authorship's the works shared.
WITH RECURSIVE
cand(id) AS (SELECT value FROM rarray(:candidates)),
mine(work_id) AS (
    SELECT work_id FROM person_work WHERE person_id = :person AND relation = 1),
my_category(category) AS (
    SELECT DISTINCT c.category FROM mine AS m CROSS JOIN work_category AS c ON c.work_id = m.work_id),
my_venue(venue) AS (
    SELECT DISTINCT w.venue FROM mine AS m CROSS JOIN work AS w ON w.id = m.work_id
    WHERE w.venue IS NOT NULL),
-- The organizations of the person and of each candidate, up to their roots.
who(id) AS (SELECT :person UNION SELECT id FROM cand),
up(person, id, parent) AS (
    SELECT a.person_id, o.id, o.parent_id FROM who CROSS JOIN appointment AS a ON a.person_id = who.id
    CROSS JOIN organization AS o ON o.id = a.organization_id
    UNION
    SELECT e.person_id, o.id, o.parent_id FROM who CROSS JOIN education AS e ON e.person_id = who.id
    CROSS JOIN organization AS o ON o.id = e.organization_id
    UNION
    SELECT up.person, o.id, o.parent_id FROM up CROSS JOIN organization AS o ON o.id = up.parent),
root(person, id) AS (SELECT DISTINCT person, id FROM up WHERE parent IS NULL),
share(candidate, dim, item, n) AS (
    SELECT c.coauthor_id, 'work', NULL, c.shared
    FROM cand CROSS JOIN coauthorship AS c ON c.person_id = :person AND c.coauthor_id = cand.id
    UNION ALL
    SELECT b.person_id, 'coauthor', b.coauthor_id, 1
    FROM cand CROSS JOIN coauthorship AS b ON b.person_id = cand.id
    CROSS JOIN coauthorship AS a ON a.person_id = :person AND a.coauthor_id = b.coauthor_id
    UNION ALL
    SELECT DISTINCT pw.person_id, 'category', c.category, 1
    FROM cand CROSS JOIN person_work AS pw ON pw.person_id = cand.id AND pw.relation = 1
    CROSS JOIN work_category AS c ON c.work_id = pw.work_id
    WHERE c.category IN (SELECT category FROM my_category)
    UNION ALL
    SELECT pw.person_id, 'venue', w.venue, count(*)
    FROM cand CROSS JOIN person_work AS pw ON pw.person_id = cand.id AND pw.relation = 1
    CROSS JOIN work AS w ON w.id = pw.work_id
    WHERE w.venue IN (SELECT venue FROM my_venue)
    GROUP BY pw.person_id, w.venue
    UNION ALL
    SELECT r.person, 'organization', r.id, 1 FROM root AS r
    WHERE r.person <> :person AND r.id IN (SELECT id FROM root WHERE person = :person))
SELECT s.candidate, s.dim, CAST(coalesce(p.name, o.name, s.item) AS TEXT) AS label, s.n
FROM share AS s
LEFT JOIN person AS p ON s.dim = 'coauthor' AND p.id = s.item
LEFT JOIN organization AS o ON s.dim = 'organization' AND o.id = s.item
ORDER BY s.candidate, s.dim, s.n DESC, label COLLATE NOCASE, label
