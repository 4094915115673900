-- Works (publications) with ordered authorships. A work is identified by its
-- DOI, then its arXiv id, then `norm_title` (the title folded to lower-case
-- ASCII letters and digits, LaTeX and diacritics removed), in that order.

CREATE TABLE work (
    id                 INTEGER PRIMARY KEY,
    title              TEXT NOT NULL CHECK (length(title) > 0),
    norm_title         TEXT NOT NULL,
    kind               TEXT NOT NULL CHECK (kind IN ('journal_article','conference_paper','workshop_paper','preprint','thesis','book','chapter','report','other')),
    venue              TEXT,
    year               INTEGER CHECK (year BETWEEN 1000 AND 9999),
    -- ISO partial date, when the source gives one with a year
    issued             TEXT CHECK (issued GLOB '[0-9][0-9][0-9][0-9]'
                                OR issued GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'
                                OR issued GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    issued_raw         TEXT,        -- the date as printed when it has no year ("Feb 10")
    volume             TEXT,
    issue              TEXT,
    pages              TEXT,
    abstract           TEXT,
    abstract_truncated INTEGER NOT NULL DEFAULT 0 CHECK (abstract_truncated IN (0, 1)),
    doi                TEXT UNIQUE,
    arxiv_id           TEXT UNIQUE,
    alphabetical       INTEGER NOT NULL DEFAULT 0 CHECK (alphabetical IN (0, 1)),
    authors_truncated  INTEGER NOT NULL DEFAULT 0 CHECK (authors_truncated IN (0, 1))
) STRICT;
CREATE INDEX work_norm_title ON work(norm_title);
CREATE INDEX work_issued ON work(year, issued);
-- The DATE_* orders of `works`: an index on the very expression they sort
-- by lets a first page read the index instead of sorting every work.
CREATE INDEX work_date_order ON work(coalesce(issued, CAST(year AS TEXT)), id);
-- DOI lookups ignore case (doi = ? COLLATE NOCASE); without this index each is a scan.
CREATE INDEX work_doi_nocase ON work(doi COLLATE NOCASE);

-- A person's place in a work's author list: position, the name exactly as
-- printed, the linked person and the equal-contribution mark.
CREATE TABLE authorship (
    work_id            INTEGER NOT NULL REFERENCES work(id) ON DELETE CASCADE,
    position           INTEGER NOT NULL CHECK (position >= 1),
    name               TEXT NOT NULL,
    person_id          INTEGER NOT NULL REFERENCES person(id),
    equal_contribution INTEGER NOT NULL DEFAULT 0 CHECK (equal_contribution IN (0, 1)),
    affiliation        TEXT,
    PRIMARY KEY (work_id, position)
) STRICT;
CREATE INDEX authorship_person ON authorship(person_id, work_id);

-- A work that a source lists under a person without giving its authors.
CREATE TABLE work_listing (
    work_id   INTEGER NOT NULL REFERENCES work(id) ON DELETE CASCADE,
    person_id INTEGER NOT NULL REFERENCES person(id),
    PRIMARY KEY (work_id, person_id)
) STRICT;
CREATE INDEX work_listing_person ON work_listing(person_id, work_id);

CREATE TABLE work_category (
    work_id  INTEGER NOT NULL REFERENCES work(id) ON DELETE CASCADE,
    category TEXT NOT NULL,
    PRIMARY KEY (work_id, category)
) STRICT;
CREATE INDEX work_category_category ON work_category(category);

CREATE TABLE work_link (
    work_id INTEGER NOT NULL REFERENCES work(id) ON DELETE CASCADE,
    kind    TEXT NOT NULL,
    url     TEXT NOT NULL DEFAULT '',   -- '' when the source shows a link without its address
    label   TEXT,
    PRIMARY KEY (work_id, kind, url)
) STRICT;

CREATE TABLE work_note (
    work_id INTEGER NOT NULL REFERENCES work(id) ON DELETE CASCADE,
    note    TEXT NOT NULL,
    PRIMARY KEY (work_id, note)
) STRICT;
