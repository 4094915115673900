//! Writing the store out. `json` is the lossless format: every source's
//! bundle, which `vitae import` reads back into an identical store. The
//! other formats are what people and tools read: a person's profile or a
//! list of works, read once from the store (`model`) and written by one
//! module per format. `Format` names them for the CLI, HTTP and GraphQL,
//! which all call `person` or `works` and so give the same bytes.

pub mod csl;
pub mod json;
pub mod json_resume;
pub mod model;
pub mod names;
pub mod orcid;

use rusqlite::Connection;

use crate::store::work::WorkQuery;
use crate::{Error, Result};
use model::{ExportWork, Profile};

/// An export format of a person or a list of works.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// CSL-JSON, the citation processors' and reference managers' data.
    CslJson,
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
    pub const ALL: &'static [Format] = &[Format::CslJson, Format::JsonResume, Format::Orcid];

    /// The format's name on the command line and in GraphQL (lowercased).
    pub fn name(self) -> &'static str {
        match self {
            Format::CslJson => "csl-json",
            Format::JsonResume => "json-resume",
            Format::Orcid => "orcid",
        }
    }

    /// The file name extension, after the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::CslJson => "csl.json",
            Format::JsonResume => "resume.json",
            Format::Orcid => "orcid.json",
        }
    }

    /// The media type it is served as.
    pub fn media_type(self) -> &'static str {
        match self {
            Format::CslJson => "application/vnd.citationstyles.csl+json",
            Format::JsonResume | Format::Orcid => "application/json",
        }
    }

    /// The media type content negotiation serves it for (`Accept` on
    /// `/people/{slug}` and `/works/{id}`), as DOI resolvers name it; none
    /// for a format that is only a download.
    pub fn negotiable_media_type(self) -> Option<&'static str> {
        match self {
            Format::CslJson => Some(self.media_type()),
            Format::JsonResume | Format::Orcid => None,
        }
    }

    /// Whether an `Accept` range of `essence` (with its `style` parameter)
    /// asks for this format.
    pub fn serves(self, essence: &str, _style: Option<&str>) -> bool {
        self.negotiable_media_type() == Some(essence)
    }

    /// What it can export.
    pub fn scope(self) -> Scope {
        match self {
            Format::CslJson => Scope::Works,
            Format::JsonResume | Format::Orcid => Scope::Person,
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

/// An export's bytes, with what HTTP needs to serve them.
#[derive(Debug, Clone)]
pub struct Exported {
    pub text: String,
    pub media_type: &'static str,
    pub file_name: String,
}

/// The person with `slug` in `format`: their profile, or for a format of
/// works the works they are an author of (not those a source only lists
/// under them). `NotFound` when no person has the slug.
pub fn person(conn: &Connection, slug: &str, format: Format) -> Result<Exported> {
    let profile = model::profile(conn, slug)?;
    let text = match format.scope() {
        Scope::Works => write_works(format, &profile.works)?,
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
        media_type: format.media_type(),
        file_name: format!("{stem}.{}", format.extension()),
    }
}

fn write_works(format: Format, works: &[ExportWork]) -> Result<String> {
    match format {
        Format::CslJson => csl::write(works),
        Format::JsonResume | Format::Orcid => Err(Error::internal(format!(
            "{} has no works writer",
            format.name()
        ))),
    }
}

fn write_person(format: Format, profile: &Profile) -> Result<String> {
    match format {
        Format::JsonResume => json_resume::write(profile),
        Format::Orcid => orcid::write(profile),
        Format::CslJson => Err(Error::internal(format!(
            "{} has no person writer",
            format.name()
        ))),
    }
}
