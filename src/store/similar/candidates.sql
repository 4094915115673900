-- Who `Person.similar` ranks for :person: a neighbourhood read from capped
-- index ranges, so its size (and the scoring's cost) does not follow the
-- store. Each source is bounded by a parameter (`Caps` in mod.rs):
--   the person's :coauthors co-authors sharing most works
--     (`coauthorship_rank`, read backwards);
--   the :per_coauthor co-authors sharing most with each of the
--     :of_coauthors first of those (a correlated IN ... LIMIT per co-author);
--   the first :colleagues people with an appointment or education at or
--     below a top-level organization of the person;
--   the authors of the :category_works most recently stored works (highest
--     rowid, `work_category_category`'s own order: no sort) of each of the
--     person's :categories commonest arXiv categories, :category_people at most.
-- Venues have no index and bring no one: they only score the people found.
-- Needs `mine` (the person's authored works) from shares.sql.
top_coauthor(id) AS (
    SELECT coauthor_id FROM coauthorship WHERE person_id = :person
    ORDER BY shared DESC, last_year DESC, coauthor_id DESC LIMIT :coauthors),
top_category(category) AS (
    SELECT c.category FROM mine AS m CROSS JOIN work_category AS c ON c.work_id = m.work_id
    GROUP BY c.category ORDER BY count(*) DESC, c.category LIMIT :categories),
my_up(id, parent) AS (
    SELECT o.id, o.parent_id FROM appointment AS a
    CROSS JOIN organization AS o ON o.id = a.organization_id WHERE a.person_id = :person
    UNION
    SELECT o.id, o.parent_id FROM education AS e
    CROSS JOIN organization AS o ON o.id = e.organization_id WHERE e.person_id = :person
    UNION
    SELECT o.id, o.parent_id FROM my_up CROSS JOIN organization AS o ON o.id = my_up.parent),
my_below(id) AS (
    SELECT id FROM my_up WHERE parent IS NULL
    UNION
    SELECT o.id FROM my_below AS b CROSS JOIN organization AS o ON o.parent_id = b.id),
near(id) AS (
    SELECT id FROM top_coauthor
    UNION
    SELECT c.coauthor_id FROM (SELECT id FROM top_coauthor LIMIT :of_coauthors) AS closest
    CROSS JOIN coauthorship AS c ON c.person_id = closest.id AND c.coauthor_id IN (
        SELECT coauthor_id FROM coauthorship WHERE person_id = closest.id
        ORDER BY shared DESC, last_year DESC, coauthor_id DESC LIMIT :per_coauthor)
    UNION
    SELECT person_id FROM (
        SELECT a.person_id FROM my_below AS b
        CROSS JOIN appointment AS a ON a.organization_id = b.id
        UNION ALL
        SELECT e.person_id FROM my_below AS b
        CROSS JOIN education AS e ON e.organization_id = b.id
        LIMIT :colleagues)
    UNION
    SELECT person_id FROM (
        SELECT pw.person_id FROM top_category AS g
        CROSS JOIN person_work AS pw ON pw.work_id IN (
            SELECT work_id FROM work_category WHERE category = g.category
            ORDER BY rowid DESC LIMIT :category_works)
        AND pw.relation = 1
        LIMIT :category_people)),
cand(id) AS (SELECT id FROM near WHERE id <> :person),
