-- The reasons of `Person.similar`: what :person shares with each of the
-- ranked few (:candidates, as `cand`), item by item, after shares.sql (the
-- same rows, under the same caps, that ranked them). The label is the
-- co-author's or organization's name, or the category or venue itself.
SELECT s.candidate, s.dim, CAST(coalesce(p.name, o.name, s.item) AS TEXT) AS label, s.n
FROM share AS s
LEFT JOIN person AS p ON s.dim = 'coauthor' AND p.id = s.item
LEFT JOIN organization AS o ON s.dim = 'organization' AND o.id = s.item
ORDER BY s.candidate, s.dim, s.n DESC, label COLLATE NOCASE, label
