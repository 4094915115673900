-- Full-text search over people (names and aliases), organizations (names
-- and aliases) and works (title and abstract). `remove_diacritics 2` folds
-- "Gürsoy" to "gursoy"; the index is rebuilt by store::search::rebuild at
-- the end of every import transaction.
CREATE VIRTUAL TABLE search_index USING fts5(
    entity UNINDEXED,
    entity_id UNINDEXED,
    name,
    body,
    tokenize = 'unicode61 remove_diacritics 2'
);
