-- What :person shares with each candidate (`cand(id)`, defined before this
-- text: the neighbourhood of candidates.sql when ranking, the ranked few
-- when reading reasons), one row per thing shared:
-- `share(candidate, dim, item, n)`. Every row is read from the candidate
-- outward (their co-authors, works, organizations, each checked against the
-- person's by index), so the cost is the candidates times their own lists.
--   work          the candidate is a co-author (item NULL, n = works shared)
--   coauthor      a co-author of both (item = that person's id, n = 1)
--   category      an arXiv category of an authored work of both (n = 1)
--   venue         a venue (as printed) of an authored work of both (n = the
--                 candidate's works there)
--   organization  a top-level organization (the root above an appointment's
--                 or education's organization) of both (item = its id, n = 1)
-- A candidate's co-authors are their :candidate_coauthors sharing most works
-- (`coauthorship_rank`, read backwards), their categories and venues those
-- of their :candidate_works newest authored works (`person_work_date`, read
-- backwards); the person's are all of theirs, each looked up by key.
-- CROSS JOIN keeps SQLite to the order written.
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
    FROM cand CROSS JOIN coauthorship AS b ON b.person_id = cand.id AND b.coauthor_id IN (
        SELECT coauthor_id FROM coauthorship WHERE person_id = cand.id
        ORDER BY shared DESC, last_year DESC, coauthor_id DESC LIMIT :candidate_coauthors)
    CROSS JOIN coauthorship AS a ON a.person_id = :person AND a.coauthor_id = b.coauthor_id
    UNION ALL
    SELECT DISTINCT cand.id, 'category', c.category, 1
    FROM cand CROSS JOIN work_category AS c ON c.work_id IN (
        SELECT work_id FROM person_work WHERE person_id = cand.id AND relation = 1
        ORDER BY date_key DESC, work_id DESC LIMIT :candidate_works)
    WHERE c.category IN (SELECT category FROM my_category)
    UNION ALL
    SELECT cand.id, 'venue', w.venue, count(*)
    FROM cand CROSS JOIN work AS w ON w.id IN (
        SELECT work_id FROM person_work WHERE person_id = cand.id AND relation = 1
        ORDER BY date_key DESC, work_id DESC LIMIT :candidate_works)
    WHERE w.venue IN (SELECT venue FROM my_venue)
    GROUP BY cand.id, w.venue
    UNION ALL
    SELECT r.person, 'organization', r.id, 1 FROM root AS r
    WHERE r.person <> :person AND r.id IN (SELECT id FROM root WHERE person = :person))
