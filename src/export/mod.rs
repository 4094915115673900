//! Writing the store out. `json` is the lossless format: every source's
//! bundle, which `vitae import` reads back into an identical store. The
//! other formats are what people and tools read: a person's profile or a
//! list of works, read once from the store (`model`) and written by one
//! module per format. `Format` names them for the CLI, HTTP and GraphQL,
//! which all call `person` or `works` and so give the same bytes.

pub mod bibtex;
pub mod csl;
pub mod csv;
pub mod json;
pub mod json_resume;
pub mod jsonld;
pub mod markdown;
pub mod model;
pub mod names;
pub mod orcid;
pub mod reference;
pub mod ris;

use rusqlite::Connection;

use crate::store::work::WorkQuery;
use crate::{Error, Result};
use model::{ExportWork, Profile};

/// An export format of a person or a list of works.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// CSL-JSON, the citation processors' and reference managers' data.
    CslJson,
    /// References in APA style (7th edition), plain text.
    Apa,
    /// References in IEEE style, plain text.
    Ieee,
    /// References in Chicago author-date style, plain text.
    ChicagoAuthorDate,
    /// References in APA style as an HTML list.
    ApaHtml,
    /// References in IEEE style as an HTML list.
    IeeeHtml,
    /// References in Chicago author-date style as an HTML list.
    ChicagoAuthorDateHtml,
    /// A CV in Markdown.
    Markdown,
    /// Works as CSV, one row per work.
    CsvWorks,
    /// A person's career as CSV, one row per fact.
    CsvTimeline,
    /// A person and their works as schema.org JSON-LD.
    Jsonld,
    /// BibTeX, for LaTeX documents (BibTeX and biber).
    Bibtex,
    /// RIS, the reference managers' tagged records.
    Ris,
    /// JSON Resume: a résumé for the JSON Resume themes and sites.
    JsonResume,
    /// An ORCID v3.0 record of the person's activities.
    Orcid,
}

/// What an export is of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// A list of works, or a person's authored works.
    Works,
    /// A person's profile: only `person` writes it.
    Person,
}

impl Format {
    /// Every format, in the order help texts list them.
    pub const ALL: &'static [Format] = &[
        Format::CslJson,
        Format::Apa,
        Format::Ieee,
        Format::ChicagoAuthorDate,
        Format::ApaHtml,
        Format::IeeeHtml,
        Format::ChicagoAuthorDateHtml,
        Format::Markdown,
        Format::CsvWorks,
        Format::CsvTimeline,
        Format::Jsonld,
        Format::Bibtex,
        Format::Ris,
        Format::JsonResume,
        Format::Orcid,
    ];

    /// The format's name on the command line and in GraphQL (lowercased).
    pub fn name(self) -> &'static str {
        match self {
            Format::CslJson => "csl-json",
            Format::Apa => "apa",
            Format::Ieee => "ieee",
            Format::ChicagoAuthorDate => "chicago-author-date",
            Format::ApaHtml => "apa-html",
            Format::IeeeHtml => "ieee-html",
            Format::ChicagoAuthorDateHtml => "chicago-author-date-html",
            Format::Markdown => "markdown",
            Format::CsvWorks => "csv-works",
            Format::CsvTimeline => "csv-timeline",
            Format::Jsonld => "jsonld",
            Format::Bibtex => "bibtex",
            Format::Ris => "ris",
            Format::JsonResume => "json-resume",
            Format::Orcid => "orcid",
        }
    }

    /// The file name extension, after the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::CslJson => "csl.json",
            Format::Apa => "apa.txt",
            Format::Ieee => "ieee.txt",
            Format::ChicagoAuthorDate => "chicago-author-date.txt",
            Format::ApaHtml => "apa.html",
            Format::IeeeHtml => "ieee.html",
            Format::ChicagoAuthorDateHtml => "chicago-author-date.html",
            Format::Markdown => "md",
            Format::CsvWorks => "works.csv",
            Format::CsvTimeline => "timeline.csv",
            Format::Jsonld => "jsonld",
            Format::Bibtex => "bib",
            Format::Ris => "ris",
            Format::JsonResume => "resume.json",
            Format::Orcid => "orcid.json",
        }
    }

    /// The media type it is served as.
    pub fn media_type(self) -> &'static str {
        match self {
            Format::CslJson => "application/vnd.citationstyles.csl+json",
            Format::Apa | Format::Ieee | Format::ChicagoAuthorDate => "text/plain",
            Format::ApaHtml | Format::IeeeHtml | Format::ChicagoAuthorDateHtml => "text/html",
            Format::Markdown => "text/markdown",
            Format::CsvWorks | Format::CsvTimeline => "text/csv",
            Format::Jsonld => "application/ld+json",
            Format::Bibtex => "application/x-bibtex",
            Format::Ris => "application/x-research-info-systems",
            Format::JsonResume | Format::Orcid => "application/json",
        }
    }

    /// The `Content-Type` it is served with: every export is UTF-8, which
    /// the text types say with `charset` (JSON types are UTF-8 by
    /// definition and take none).
    pub fn content_type(self) -> String {
        let media = self.media_type();
        match media.ends_with("json") {
            true => media.to_string(),
            false => format!("{media}; charset=utf-8"),
        }
    }

    /// The media type content negotiation serves it for (`Accept` on
    /// `/people/{slug}` and `/works/{id}`), as DOI resolvers name it; none
    /// for a format that is only a download.
    pub fn negotiable_media_type(self) -> Option<&'static str> {
        match self {
            Format::CslJson | Format::Bibtex | Format::Ris => Some(self.media_type()),
            Format::Apa => Some("text/x-bibliography; style=apa"),
            Format::Ieee => Some("text/x-bibliography; style=ieee"),
            Format::ChicagoAuthorDate => Some("text/x-bibliography; style=chicago-author-date"),
            _ => None,
        }
    }

    /// Whether an `Accept` range of `essence` (with its `style` parameter)
    /// asks for this format: a bibliography is the style's plain text, APA
    /// when no style is named.
    pub fn serves(self, essence: &str, style: Option<&str>) -> bool {
        if essence == BIBLIOGRAPHY {
            let style = style.unwrap_or("apa");
            return reference::Style::of(self)
                .is_some_and(|(s, m)| m == reference::Markup::Text && s.name() == style);
        }
        self.negotiable_media_type() == Some(essence)
    }

    /// What it can export.
    pub fn scope(self) -> Scope {
        match self {
            Format::CslJson
            | Format::Apa
            | Format::Ieee
            | Format::ChicagoAuthorDate
            | Format::ApaHtml
            | Format::IeeeHtml
            | Format::ChicagoAuthorDateHtml
            | Format::CsvWorks
            | Format::Bibtex
            | Format::Ris => Scope::Works,
            Format::Markdown
            | Format::CsvTimeline
            | Format::Jsonld
            | Format::JsonResume
            | Format::Orcid => Scope::Person,
        }
    }

    /// The format with this name.
    pub fn by_name(name: &str) -> Option<Format> {
        Format::ALL.iter().copied().find(|f| f.name() == name)
    }

    /// The format whose extension ends `file` (`qi-lei.csl.json`), with the
    /// stem before it; the longest extension wins.
    pub fn by_file_name(file: &str) -> Option<(&str, Format)> {
        Format::ALL
            .iter()
            .copied()
            .filter_map(|f| {
                let stem = file.strip_suffix(f.extension())?.strip_suffix('.')?;
                Some((stem, f))
            })
            .max_by_key(|(_, f)| f.extension().len())
    }
}

/// The media type DOI resolvers serve formatted references as, with the
/// style a parameter (`text/x-bibliography; style=apa`).
const BIBLIOGRAPHY: &str = "text/x-bibliography";

/// An export's bytes, with what HTTP needs to serve them.
#[derive(Debug, Clone)]
pub struct Exported {
    pub text: String,
    /// The `Content-Type` header's value.
    pub content_type: String,
    pub file_name: String,
}

/// The person with `slug` in `format`: their profile, or for a format of
/// works the works they are an author of (not those a source only lists
/// under them). `NotFound` when no person has the slug.
pub fn person(conn: &Connection, slug: &str, format: Format) -> Result<Exported> {
    let profile = model::profile(conn, slug)?;
    let text = match format.scope() {
        Scope::Works => write_authored(format, &profile)?,
        Scope::Person => write_person(format, &profile)?,
    };
    Ok(exported(format, slug, text))
}

/// Which works a list export holds, as the CLI and HTTP name them: every
/// work when nothing is given.
#[derive(Debug, Clone, Default)]
pub struct WorksFilter {
    /// The slug of a person the works are authored by.
    pub author: Option<String>,
    pub year_from: Option<i32>,
    pub year_to: Option<i32>,
    /// Work kinds as the bundle names them (`journal_article`).
    pub kinds: Vec<String>,
}

/// Work kinds a filter may name.
pub const WORK_KINDS: &[&str] = &[
    "journal_article",
    "conference_paper",
    "workshop_paper",
    "preprint",
    "thesis",
    "book",
    "chapter",
    "report",
    "other",
];

impl WorksFilter {
    /// The store query; an unknown author is `NotFound`, an unknown kind or
    /// a year range that ends before it starts `BadInput`.
    fn query(&self, conn: &Connection) -> Result<WorkQuery> {
        if let (Some(a), Some(b)) = (self.year_from, self.year_to) {
            if a > b {
                return Err(Error::bad_input(
                    "yearTo",
                    format!("{b} is before yearFrom {a}"),
                ));
            }
        }
        if let Some(k) = self
            .kinds
            .iter()
            .find(|k| !WORK_KINDS.contains(&k.as_str()))
        {
            return Err(Error::bad_input(
                "kind",
                format!(
                    "`{}` is not a kind of work ({})",
                    crate::domain::quote::quote(k),
                    WORK_KINDS.join(", ")
                ),
            ));
        }
        let author = match &self.author {
            Some(slug) => Some(
                crate::store::person::by_slug(conn, slug)?
                    .ok_or_else(|| Error::NotFound {
                        kind: "person with slug",
                        key: slug.clone(),
                    })?
                    .id,
            ),
            None => None,
        };
        Ok(WorkQuery {
            author,
            year_from: self.year_from,
            year_to: self.year_to,
            kinds: self.kinds.clone(),
            ..Default::default()
        })
    }
}

/// The works `filter` selects in `format`, newest first.
pub fn works(conn: &Connection, filter: &WorksFilter, format: Format) -> Result<Exported> {
    let works = model::works(conn, &filter.query(conn)?)?;
    write_list(format, &works)
}

/// The works `q` selects in `format`, newest first (GraphQL's filters).
pub fn matching(conn: &Connection, q: &WorkQuery, format: Format) -> Result<Exported> {
    write_list(format, &model::works(conn, q)?)
}

/// The work with row id `id` alone in `format`; `NotFound` when it is gone.
pub fn work(conn: &Connection, id: i64, format: Format) -> Result<Exported> {
    let works = model::works_by_ids(conn, &[id])?;
    if works.is_empty() {
        return Err(Error::NotFound {
            kind: "work with id",
            key: id.to_string(),
        });
    }
    write_list(format, &works)
}

/// A list of works in `format`; a person's format is `BadInput`.
fn write_list(format: Format, works: &[ExportWork]) -> Result<Exported> {
    if format.scope() == Scope::Person {
        return Err(Error::bad_input(
            "format",
            format!("`{}` exports a person, not a list of works", format.name()),
        ));
    }
    Ok(exported(format, "works", write_works(format, works)?))
}

fn exported(format: Format, stem: &str, text: String) -> Exported {
    Exported {
        text,
        content_type: format.content_type(),
        file_name: format!("{stem}.{}", format.extension()),
    }
}

fn write_works(format: Format, works: &[ExportWork]) -> Result<String> {
    if let Some((style, markup)) = reference::Style::of(format) {
        return reference::write(works, style, markup);
    }
    match format {
        Format::CslJson => csl::write(works),
        Format::CsvWorks => csv::works(works),
        Format::Bibtex => bibtex::write(works, &[]),
        Format::Ris => ris::write(works),
        _ => Err(Error::internal(format!(
            "{} has no works writer",
            format.name()
        ))),
    }
}

/// A person's authored works in a format of works; BibTeX adds their
/// patents, which it has an entry type for.
fn write_authored(format: Format, profile: &Profile) -> Result<String> {
    match format {
        Format::Bibtex => bibtex::write(&profile.works, &profile.patents),
        _ => write_works(format, &profile.works),
    }
}

fn write_person(format: Format, profile: &Profile) -> Result<String> {
    match format {
        Format::Markdown => markdown::write(profile),
        Format::CsvTimeline => csv::timeline(profile),
        Format::Jsonld => jsonld::write(profile),
        Format::JsonResume => json_resume::write(profile),
        Format::Orcid => orcid::write(profile),
        _ => Err(Error::internal(format!(
            "{} has no person writer",
            format.name()
        ))),
    }
}
