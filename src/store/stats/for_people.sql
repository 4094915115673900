-- A profile header's figures for each person of a batch, one row each: every
-- count reads an index by person (`person_work_year` carries the relation and
-- the year; `coauthorship` is keyed by person; each career table has an index
-- on person_id; `attestation_entity`), so a row costs what the person has.
SELECT r.value,
    (SELECT count(*) FROM person_work WHERE person_id = r.value AND relation = 1),
    (SELECT count(*) FROM person_work WHERE person_id = r.value AND relation = 2),
    (SELECT min(year) FROM person_work WHERE person_id = r.value AND relation = 1),
    (SELECT max(year) FROM person_work WHERE person_id = r.value AND relation = 1),
    (SELECT count(*) FROM coauthorship WHERE person_id = r.value),
    (SELECT count(*) FROM appointment WHERE person_id = r.value),
    (SELECT count(*) FROM education WHERE person_id = r.value),
    (SELECT count(*) FROM award WHERE person_id = r.value),
    (SELECT count(*) FROM talk WHERE person_id = r.value),
    -- A person named twice among one patent's inventors holds it once.
    (SELECT count(DISTINCT patent_id) FROM inventor WHERE person_id = r.value),
    (SELECT count(*) FROM teaching WHERE person_id = r.value),
    (SELECT count(*) FROM service WHERE person_id = r.value),
    (SELECT count(DISTINCT source_id) FROM attestation
     WHERE entity = 'person' AND entity_id = r.value)
FROM rarray(?1) AS r
