//! The enums of the schema and their stored (snake_case) forms.

use async_graphql::Enum;

macro_rules! db_enum {
    ($(#[$doc:meta])* $name:ident, fallback $fallback:ident { $($(#[$vdoc:meta])* $variant:ident = $db:literal),* $(,)? }) => {
        $(#[$doc])*
        #[derive(Enum, Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $($(#[$vdoc])* $variant),*
        }

        impl $name {
            /// The variant for a stored value.
            pub fn from_db(s: &str) -> Self {
                match s {
                    $($db => Self::$variant,)*
                    _ => Self::$fallback,
                }
            }

            /// The stored value.
            pub fn as_db(self) -> &'static str {
                match self {
                    $(Self::$variant => $db),*
                }
            }
        }
    };
}

db_enum!(
    /// What kind of work a publication is.
    WorkKind, fallback Other {
        /// An article in a journal.
        JournalArticle = "journal_article",
        /// A paper in conference proceedings.
        ConferencePaper = "conference_paper",
        /// A paper at a workshop.
        WorkshopPaper = "workshop_paper",
        /// A preprint (arXiv and the like).
        Preprint = "preprint",
        /// A doctoral or master's thesis.
        Thesis = "thesis",
        /// A book.
        Book = "book",
        /// A chapter in a book.
        Chapter = "chapter",
        /// A technical report.
        Report = "report",
        /// Anything else.
        Other = "other",
    }
);

db_enum!(
    /// What kind of position an appointment is.
    AppointmentKind, fallback Other {
        /// A faculty position.
        Faculty = "faculty",
        /// A postdoctoral position.
        Postdoc = "postdoc",
        /// A research staff or scientist position.
        ResearchStaff = "research_staff",
        /// A visiting position.
        Visiting = "visiting",
        /// A fellowship held as a position.
        Fellowship = "fellowship",
        /// A position in industry (including internships).
        Industry = "industry",
        /// A student position.
        Student = "student",
        /// Anything else.
        Other = "other",
    }
);

db_enum!(
    /// What kind of funding or recognition a grant is.
    GrantKind, fallback Award {
        /// A research grant.
        Grant = "grant",
        /// A fellowship.
        Fellowship = "fellowship",
        /// An award.
        Award = "award",
        /// A prize.
        Prize = "prize",
        /// An honour or distinction.
        Honor = "honor",
    }
);

db_enum!(
    /// What kind of organization this is.
    OrganizationKind, fallback Other {
        /// A university.
        University = "university",
        /// A research institute.
        Institute = "institute",
        /// A department.
        Department = "department",
        /// A school within a university.
        School = "school",
        /// A center.
        Center = "center",
        /// A laboratory.
        Lab = "lab",
        /// A company.
        Company = "company",
        /// A funding body.
        Funder = "funder",
        /// A government agency.
        Government = "government",
        /// A conference or meeting series.
        Conference = "conference",
        /// Anything else.
        Other = "other",
    }
);

db_enum!(
    /// What kind of service this is.
    ServiceKind, fallback Other {
        /// Reviewing for conferences or journals.
        Reviewing = "reviewing",
        /// Organizing events.
        Organizing = "organizing",
        /// Mentoring.
        Mentoring = "mentoring",
        /// Editorial work.
        Editorial = "editorial",
        /// Committee work.
        Committee = "committee",
        /// Anything else.
        Other = "other",
    }
);

/// What a metric's `number` is in.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum MetricUnit {
    /// A plain number: a count, an index or a score ("2414", "2,414", "1.2k").
    Number,
    /// A percentage: `number` is in percent ("59%" gives 59).
    Percent,
    /// A grade or level that is not a number ("L1"): `number` is null and
    /// `value` says it.
    Grade,
}

impl From<crate::domain::metric::Unit> for MetricUnit {
    fn from(unit: crate::domain::metric::Unit) -> Self {
        use crate::domain::metric::Unit;
        match unit {
            Unit::Number => Self::Number,
            Unit::Percent => Self::Percent,
            Unit::Grade => Self::Grade,
        }
    }
}

/// The kinds of entry a timeline can hold.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TimelineKind {
    /// Appointments (positions).
    Appointment,
    /// Degrees and study visits.
    Education,
    /// Grants, fellowships and awards.
    Grant,
    /// Talks, one entry per presentation.
    Talk,
    /// Teaching, from the first term to the last.
    Teaching,
}

/// How a list of works is ordered.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum WorkOrder {
    /// Newest first, by date where a source gives one, else by year; works
    /// with neither come last.
    #[default]
    DateDesc,
    /// Oldest first, by date where a source gives one, else by year; works
    /// with neither come last.
    DateAsc,
    /// By year, newest first, whatever the dates within a year; works
    /// without a year come last.
    YearDesc,
    /// By year, oldest first, whatever the dates within a year; works
    /// without a year come last.
    YearAsc,
    /// By title, A to Z, ignoring ASCII case.
    TitleAsc,
    /// In the order of the document of `filter.source` (on `Source.works`,
    /// its own): top to bottom, as the source lists its works. Needs a
    /// source: without one it is `BAD_USER_INPUT`.
    SourcePosition,
}

impl WorkOrder {
    /// The store's ordering.
    pub fn to_store(self) -> crate::store::work::WorkOrder {
        use crate::store::work::WorkOrder as S;
        match self {
            WorkOrder::DateDesc => S::DateDesc,
            WorkOrder::DateAsc => S::DateAsc,
            WorkOrder::YearDesc => S::YearDesc,
            WorkOrder::YearAsc => S::YearAsc,
            WorkOrder::TitleAsc => S::TitleAsc,
            WorkOrder::SourcePosition => S::SourcePosition,
        }
    }
}

/// How a person stands to a work of their list. A source that lists works
/// under a person (an arXiv author listing, a profile page) may list works
/// the person did not write: a namesake's paper, or a work whose authors no
/// source names.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum WorkRelation {
    /// The person is among the work's authors, as some source names them.
    Author,
    /// A source lists the work under the person, but no source names the
    /// person among its authors: a namesake's work, or one whose authors are
    /// unknown (`Work.authorsKnown` false).
    Listed,
    /// Both: every work listed under the person or authored by them. As an
    /// argument only; an edge's relation is `AUTHOR` or `LISTED`.
    #[default]
    Any,
}

impl WorkRelation {
    /// The store's relation filter: none for `ANY`.
    pub fn to_store(self) -> Option<crate::store::work::Relation> {
        use crate::store::work::Relation as S;
        match self {
            WorkRelation::Author => Some(S::Author),
            WorkRelation::Listed => Some(S::Listed),
            WorkRelation::Any => None,
        }
    }

    /// The relation a stored page row names.
    pub fn from_store(relation: crate::store::work::Relation) -> Self {
        use crate::store::work::Relation as S;
        match relation {
            S::Author => WorkRelation::Author,
            S::Listed => WorkRelation::Listed,
        }
    }
}

/// A kind of career fact a source states, for `Source.facts(kinds:)`.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum FactKind {
    /// Positions held (`Appointment`).
    Appointment,
    /// Degrees and studies (`Education`).
    Education,
    /// Grants, fellowships, awards, prizes and honours (`Grant`).
    Grant,
    /// Invited talks (`Talk`).
    Talk,
    /// Patents (`Patent`).
    Patent,
    /// Courses taught (`Teaching`).
    Teaching,
    /// Professional service (`Service`).
    Service,
}

impl FactKind {
    /// Every kind, in the order a source's facts are listed.
    pub const ALL: [FactKind; 7] = [
        FactKind::Appointment,
        FactKind::Education,
        FactKind::Grant,
        FactKind::Talk,
        FactKind::Patent,
        FactKind::Teaching,
        FactKind::Service,
    ];

    /// The kind's rank in `store::source::CAREER_FACTS`.
    pub fn rank(self) -> usize {
        FactKind::ALL.iter().position(|k| *k == self).unwrap_or(0)
    }
}

/// A format `Person.export` and `Query.exportWorks` write (and `vitae
/// export --format`, and `/export/…` serve, with the same bytes).
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq)]
#[graphql(remote = "crate::export::Format")]
pub enum ExportFormat {
    /// CSL-JSON (`csl-json`): citation data for Zotero, Pandoc and citeproc,
    /// valid against the CSL data schema.
    CslJson,
    /// References in APA style, 7th edition (`apa`), plain text, one per
    /// line, rendered by a CSL processor.
    Apa,
    /// References in IEEE style (`ieee`), plain text, numbered `[1]`.
    Ieee,
    /// References in Chicago author-date style (`chicago-author-date`),
    /// plain text.
    ChicagoAuthorDate,
    /// References in APA style as an HTML document with one `<li>` each.
    ApaHtml,
    /// References in IEEE style as an HTML document with one `<li>` each.
    IeeeHtml,
    /// References in Chicago author-date style as an HTML document with one
    /// `<li>` each.
    ChicagoAuthorDateHtml,
    /// A person's CV in Markdown (`markdown`): experience, education,
    /// grants, publications with the person in bold, patents, teaching,
    /// talks and service. Person only.
    Markdown,
    /// Works as CSV (`csv-works`): a header and one row per work, the
    /// authors in order in one cell joined by "; ".
    CsvWorks,
    /// A person's career as CSV (`csv-timeline`): one row per appointment,
    /// education, grant, talk presentation, teaching and service. Person
    /// only.
    CsvTimeline,
    /// A person as schema.org JSON-LD (`jsonld`): a `Person` with
    /// affiliation, alumniOf and award, and their works with ordered author
    /// lists. Person only.
    Jsonld,
    /// BibTeX (`bibtex`): an entry per work for BibTeX and biber; a
    /// person's patents as `@patent`.
    Bibtex,
    /// RIS (`ris`): a `TY`…`ER` record per work for reference managers.
    Ris,
    /// JSON Resume (`json-resume`): the person's résumé, valid against the
    /// JSON Resume schema (a person's export only).
    JsonResume,
    /// ORCID (`orcid`): the person's activities as an ORCID v3.0 record
    /// (a person's export only).
    Orcid,
}
