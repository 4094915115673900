-- The ranking of `Person.similar`, after candidates.sql and shares.sql: the
-- :first candidates by the weighted sum of their shares (a co-authorship
-- weighs per work shared, every other share once), ties by name.
SELECT s.candidate, sum(CASE s.dim
        WHEN 'work' THEN s.n * :work WHEN 'coauthor' THEN :coauthor
        WHEN 'category' THEN :category WHEN 'venue' THEN :venue
        ELSE :organization END) AS score
FROM share AS s CROSS JOIN person AS p ON p.id = s.candidate
GROUP BY s.candidate
ORDER BY score DESC, p.name COLLATE NOCASE, p.name, s.candidate
LIMIT :first
