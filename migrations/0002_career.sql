-- A person's career: appointments, education, awards and grants, talks,
-- patents, teaching and service. Each fact has a `norm_key`: its natural
-- identity (person, organization, normalized title, start …) built by the
-- importer, so that importing the same fact twice finds the existing row.
-- An end that is NULL in both `end_date` and `end_raw` means the interval is
-- open ("Present" or blank); `start_raw`, `end_raw` and `date_raw` hold a date
-- as printed when it has no year ("Feb 10").

CREATE TABLE appointment (
    id              INTEGER PRIMARY KEY,
    person_id       INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    organization_id INTEGER NOT NULL REFERENCES organization(id),
    title           TEXT NOT NULL,
    kind            TEXT NOT NULL CHECK (kind IN ('faculty','postdoc','research_staff','visiting','fellowship','industry','student','other')),
    start_date      TEXT CHECK (start_date GLOB '[0-9][0-9][0-9][0-9]'
                             OR start_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'
                             OR start_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    start_raw       TEXT,
    end_date        TEXT CHECK (end_date GLOB '[0-9][0-9][0-9][0-9]'
                             OR end_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'
                             OR end_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    end_raw         TEXT,
    description     TEXT,
    parent_id       INTEGER REFERENCES appointment(id),
    norm_key        TEXT NOT NULL UNIQUE
) STRICT;
CREATE INDEX appointment_person ON appointment(person_id);
CREATE INDEX appointment_organization ON appointment(organization_id);
CREATE INDEX appointment_parent ON appointment(parent_id);

-- Further units of a joint appointment.
CREATE TABLE appointment_unit (
    appointment_id  INTEGER NOT NULL REFERENCES appointment(id) ON DELETE CASCADE,
    organization_id INTEGER NOT NULL REFERENCES organization(id),
    PRIMARY KEY (appointment_id, organization_id)
) STRICT;
CREATE INDEX appointment_unit_organization ON appointment_unit(organization_id);

CREATE TABLE appointment_mentor (
    appointment_id INTEGER NOT NULL REFERENCES appointment(id) ON DELETE CASCADE,
    person_id      INTEGER NOT NULL REFERENCES person(id),
    position       INTEGER NOT NULL,
    PRIMARY KEY (appointment_id, person_id)
) STRICT;
CREATE INDEX appointment_mentor_person ON appointment_mentor(person_id);

CREATE TABLE education (
    id              INTEGER PRIMARY KEY,
    person_id       INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    organization_id INTEGER NOT NULL REFERENCES organization(id),
    degree          TEXT NOT NULL,
    field           TEXT,
    start_date      TEXT CHECK (start_date GLOB '[0-9][0-9][0-9][0-9]'
                             OR start_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'
                             OR start_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    start_raw       TEXT,
    end_date        TEXT CHECK (end_date GLOB '[0-9][0-9][0-9][0-9]'
                             OR end_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'
                             OR end_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    end_raw         TEXT,
    honors          TEXT,
    gpa             TEXT,
    rank            TEXT,
    thesis_id       INTEGER REFERENCES work(id),  -- work is created in 0003; SQLite resolves foreign keys at use
    norm_key        TEXT NOT NULL UNIQUE
) STRICT;
CREATE INDEX education_person ON education(person_id);
CREATE INDEX education_organization ON education(organization_id);
CREATE INDEX education_thesis ON education(thesis_id);

-- Advisors and mentors of a degree or a visit, in the order stated.
CREATE TABLE education_advisor (
    education_id INTEGER NOT NULL REFERENCES education(id) ON DELETE CASCADE,
    person_id    INTEGER NOT NULL REFERENCES person(id),
    role         TEXT NOT NULL CHECK (role IN ('advisor', 'mentor')),
    position     INTEGER NOT NULL,
    PRIMARY KEY (education_id, person_id, role)
) STRICT;
CREATE INDEX education_advisor_person ON education_advisor(person_id);

-- Grants, fellowships, awards, prizes and honours. Named `award` because
-- GRANT is a reserved word in SQL. `amount` is a decimal string, never a float.
CREATE TABLE award (
    id           INTEGER PRIMARY KEY,
    person_id    INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    title        TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('grant','fellowship','award','prize','honor')),
    project      TEXT,
    funder_id    INTEGER REFERENCES organization(id),
    award_number TEXT,
    amount       TEXT CHECK (amount GLOB '[0-9]*' AND amount NOT GLOB '*[^0-9.]*'),
    currency     TEXT CHECK (length(currency) = 3),
    amount_text  TEXT,
    role         TEXT,
    start_date   TEXT CHECK (start_date GLOB '[0-9][0-9][0-9][0-9]'
                          OR start_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'
                          OR start_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    start_raw    TEXT,
    end_date     TEXT CHECK (end_date GLOB '[0-9][0-9][0-9][0-9]'
                          OR end_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'
                          OR end_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    end_raw      TEXT,
    norm_key     TEXT NOT NULL UNIQUE
) STRICT;
CREATE INDEX award_person ON award(person_id);
CREATE INDEX award_funder ON award(funder_id);

CREATE TABLE talk (
    id        INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    title     TEXT NOT NULL,
    norm_key  TEXT NOT NULL UNIQUE
) STRICT;
CREATE INDEX talk_person ON talk(person_id);

-- One giving of a talk: the same talk is often given at several events.
CREATE TABLE presentation (
    id        INTEGER PRIMARY KEY,
    talk_id   INTEGER NOT NULL REFERENCES talk(id) ON DELETE CASCADE,
    event     TEXT,
    host_id   INTEGER REFERENCES organization(id),
    location  TEXT,
    date      TEXT CHECK (date GLOB '[0-9][0-9][0-9][0-9]'
                       OR date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'
                       OR date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    date_raw  TEXT,
    virtual   INTEGER NOT NULL CHECK (virtual IN (0, 1)),
    norm_key  TEXT NOT NULL UNIQUE
) STRICT;
CREATE INDEX presentation_talk ON presentation(talk_id);
CREATE INDEX presentation_host ON presentation(host_id);

CREATE TABLE patent (
    id       INTEGER PRIMARY KEY,
    title    TEXT NOT NULL,
    number   TEXT,
    status   TEXT,
    date     TEXT CHECK (date GLOB '[0-9][0-9][0-9][0-9]'
                      OR date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'
                      OR date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    date_raw TEXT,
    norm_key TEXT NOT NULL UNIQUE
) STRICT;

-- Ordered inventors, with the name as printed.
CREATE TABLE inventor (
    patent_id INTEGER NOT NULL REFERENCES patent(id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    name      TEXT NOT NULL,
    person_id INTEGER NOT NULL REFERENCES person(id),
    PRIMARY KEY (patent_id, position)
) STRICT;
CREATE INDEX inventor_person ON inventor(person_id);

CREATE TABLE teaching (
    id              INTEGER PRIMARY KEY,
    person_id       INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    course          TEXT NOT NULL,
    role            TEXT NOT NULL,
    organization_id INTEGER REFERENCES organization(id),
    note            TEXT,
    norm_key        TEXT NOT NULL UNIQUE
) STRICT;
CREATE INDEX teaching_person ON teaching(person_id);
CREATE INDEX teaching_organization ON teaching(organization_id);

CREATE TABLE teaching_term (
    teaching_id INTEGER NOT NULL REFERENCES teaching(id) ON DELETE CASCADE,
    season      TEXT NOT NULL CHECK (season IN ('spring','summer','fall','winter')),
    year        INTEGER NOT NULL CHECK (year BETWEEN 1000 AND 9999),
    PRIMARY KEY (teaching_id, year, season)
) STRICT;

CREATE TABLE service (
    id              INTEGER PRIMARY KEY,
    person_id       INTEGER NOT NULL REFERENCES person(id) ON DELETE CASCADE,
    kind            TEXT NOT NULL CHECK (kind IN ('reviewing','organizing','mentoring','editorial','committee','other')),
    role            TEXT NOT NULL,
    organization_id INTEGER REFERENCES organization(id),
    start_date      TEXT CHECK (start_date GLOB '[0-9][0-9][0-9][0-9]'
                             OR start_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'
                             OR start_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    start_raw       TEXT,
    end_date        TEXT CHECK (end_date GLOB '[0-9][0-9][0-9][0-9]'
                             OR end_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]'
                             OR end_date GLOB '[0-9][0-9][0-9][0-9]-[01][0-9]-[0-3][0-9]'),
    end_raw         TEXT,
    norm_key        TEXT NOT NULL UNIQUE
) STRICT;
CREATE INDEX service_person ON service(person_id);
CREATE INDEX service_organization ON service(organization_id);

CREATE TABLE service_venue (
    service_id INTEGER NOT NULL REFERENCES service(id) ON DELETE CASCADE,
    venue      TEXT NOT NULL,
    position   INTEGER NOT NULL,
    PRIMARY KEY (service_id, venue)
) STRICT;
