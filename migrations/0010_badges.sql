-- Badges (issue 9): statuses a source states about a person ("Open to
-- collaborate", "Unclaimed author"), each as the source prints it. Like
-- metrics, they belong to the source that states them: re-importing the
-- source deletes its badges and states them again, so a badge its new
-- version no longer shows is gone. A store upgraded to this version has no
-- badges until their sources are imported again (no earlier bundle had any).
CREATE TABLE badge (
    id         INTEGER PRIMARY KEY,
    person_id  INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    source_id  INTEGER NOT NULL REFERENCES source(id) ON DELETE CASCADE,
    -- The badge's position among those the source shows for the person.
    position   INTEGER NOT NULL,
    label      TEXT NOT NULL CHECK (label <> ''),
    UNIQUE (person_id, source_id, label)
) STRICT;
CREATE INDEX badge_source ON badge(source_id);
