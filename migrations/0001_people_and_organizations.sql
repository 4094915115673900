-- People, organizations and the sources that state facts about them.
-- Every table is STRICT so a value of the wrong type is refused, not coerced.
-- Dates throughout the schema are ISO 8601 partial dates stored as TEXT
-- ('2020', '2020-07', '2020-07-15'): their byte order is the documented
-- chronological order, where a coarser date sorts before a finer one in it.
-- Every such column has a CHECK on that shape. A date the source gives as
-- printed text keeps that text in a `…_raw` column beside it; without a year
-- ("Feb 10") the date column stays NULL, so no date is invented.
-- `norm` columns hold the matching form of a name (lower case, no diacritics,
-- punctuation and extra spaces removed) produced by domain::name::normalize.

-- One row per source document (a CV, a listing page, a profile page).
CREATE TABLE source (
    id          INTEGER PRIMARY KEY,
    key         TEXT NOT NULL UNIQUE,
    title       TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('cv','arxiv_listing','paper_index','profile_page','export','other')),
    url         TEXT,
    seen        TEXT CHECK (seen GLOB '[0-9][0-9][0-9][0-9]'
                         OR seen GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'
                         OR seen GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    about_key   TEXT,          -- bundle key of the person the document is about
    notes       TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(notes)),
    -- the bundle as imported, in canonical JSON: what `vitae export` writes
    bundle      TEXT CHECK (bundle IS NULL OR json_valid(bundle))
) STRICT;

-- A person. The row holds the display values; every source's own values
-- are kept in `attestation.data`.
CREATE TABLE person (
    id        INTEGER PRIMARY KEY,
    slug      TEXT NOT NULL UNIQUE CHECK (slug GLOB '[a-z0-9]*' AND slug NOT GLOB '*[^a-z0-9._-]*'),
    name      TEXT NOT NULL CHECK (length(name) > 0),
    given     TEXT,
    family    TEXT,
    orcid     TEXT UNIQUE CHECK (orcid GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9][0-9][0-9]-[0-9][0-9][0-9][0-9]-[0-9][0-9][0-9][0-9X]'),
    address   TEXT,
    phone     TEXT,
    summary   TEXT
) STRICT;

-- Every form of a person's name: the display name and each alias.
CREATE TABLE person_name (
    person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    name      TEXT NOT NULL,
    norm      TEXT NOT NULL,
    is_alias  INTEGER NOT NULL CHECK (is_alias IN (0, 1)),
    PRIMARY KEY (person_id, name)
) STRICT;
CREATE INDEX person_name_norm ON person_name(norm);

CREATE TABLE person_email (
    person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    email     TEXT NOT NULL UNIQUE CHECK (email LIKE '%_@_%'),
    PRIMARY KEY (person_id, email)
) STRICT;

CREATE TABLE person_link (
    person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    kind      TEXT NOT NULL,
    url       TEXT NOT NULL,
    label     TEXT,
    PRIMARY KEY (person_id, url)
) STRICT;

-- Research interests (phrases) and topics (keywords), in the order stated.
CREATE TABLE person_interest (
    person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    kind      TEXT NOT NULL CHECK (kind IN ('interest', 'topic')),
    text      TEXT NOT NULL,
    position  INTEGER NOT NULL,
    PRIMARY KEY (person_id, kind, text)
) STRICT;

-- An organization, possibly part of another (a department in a university).
-- The same name under two parents is two organizations.
CREATE TABLE organization (
    id         INTEGER PRIMARY KEY,
    slug       TEXT NOT NULL UNIQUE,
    name       TEXT NOT NULL CHECK (length(name) > 0),
    norm       TEXT NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('university','institute','department','school','center','lab','company','funder','government','conference','other')),
    parent_id  INTEGER REFERENCES organization(id),
    city       TEXT,
    region     TEXT,
    country    TEXT,
    url        TEXT
) STRICT;
CREATE UNIQUE INDEX organization_identity ON organization(norm, ifnull(parent_id, 0));
CREATE INDEX organization_parent ON organization(parent_id);

CREATE TABLE organization_alias (
    organization_id INTEGER NOT NULL REFERENCES organization(id) ON DELETE CASCADE,
    alias           TEXT NOT NULL,
    norm            TEXT NOT NULL,
    PRIMARY KEY (organization_id, alias)
) STRICT;
CREATE INDEX organization_alias_norm ON organization_alias(norm);

-- Which source states which fact, and what it said. `entity` names the
-- table of the fact; `data` is the source's own JSON for it, so values that
-- lost the display-value contest are never lost.
CREATE TABLE attestation (
    source_id  INTEGER NOT NULL REFERENCES source(id) ON DELETE CASCADE,
    entity     TEXT NOT NULL,
    entity_id  INTEGER NOT NULL,
    data       TEXT NOT NULL CHECK (json_valid(data)),
    PRIMARY KEY (source_id, entity, entity_id)
) STRICT;
CREATE INDEX attestation_entity ON attestation(entity, entity_id);

-- Reported metrics (h-index, citations …) as of the source that reports them.
CREATE TABLE metric (
    id         INTEGER PRIMARY KEY,
    person_id  INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    source_id  INTEGER NOT NULL REFERENCES source(id) ON DELETE CASCADE,
    name       TEXT NOT NULL,
    value      TEXT NOT NULL,
    label      TEXT,
    as_of      TEXT CHECK (as_of GLOB '[0-9][0-9][0-9][0-9]'
                        OR as_of GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'
                        OR as_of GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    UNIQUE (person_id, source_id, name)
) STRICT;
CREATE INDEX metric_source ON metric(source_id);
