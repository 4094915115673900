//! Readers of the formats a scholar's data already lives in (BibTeX,
//! CSL-JSON, RIS, ORCID, arXiv, OpenAlex). Each turns a file into a source
//! bundle, and the bundle goes the one way every fact enters: checked
//! against the bundle schema (`validate`) and merged (`merge`), with the
//! same matching and provenance as a hand-written bundle. A reader knows
//! its format and nothing of the store.
//!
//! `--person SLUG` names the person whose list the file is: their name,
//! where an author list prints it, links to them, and a work whose list
//! does not name them is listed under them (`Owner::claim`).

pub mod arxiv;
pub mod bibtex;
pub mod csl;
pub mod openalex;
pub mod orcid;
pub mod ris;

use std::path::Path;

use super::bundle::{Bundle, Person, Source, FORMAT};
use crate::domain::name::{normalize, slugify};
use crate::{Error, Result};

/// The largest file a reader takes (a reader holds the whole file and its
/// parse in memory); Vitae's own bundles, which are read fact by fact,
/// have no such limit.
pub const MAX_FILE_BYTES: usize = 16 << 20;

/// A format `vitae import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReadFormat {
    /// Vitae's own bundle or export (`vitae-bundle/1`, `vitae-export/1`).
    Bundle,
    /// CSL-JSON: an array of CSL items.
    CslJson,
    /// BibTeX or BibLaTeX (`.bib`).
    Bibtex,
    /// RIS tagged records (`.ris`).
    Ris,
    /// An ORCID v3.0 record, JSON or XML.
    Orcid,
    /// An arXiv API Atom feed.
    Arxiv,
    /// An OpenAlex work, author, or results page of works.
    OpenAlex,
}

impl ReadFormat {
    /// Every format, in the order help texts list them.
    pub const ALL: &'static [ReadFormat] = &[
        ReadFormat::Bundle,
        ReadFormat::CslJson,
        ReadFormat::Bibtex,
        ReadFormat::Ris,
        ReadFormat::Orcid,
        ReadFormat::Arxiv,
        ReadFormat::OpenAlex,
    ];

    /// The format's name for `--format`.
    pub fn name(self) -> &'static str {
        match self {
            ReadFormat::Bundle => "bundle",
            ReadFormat::CslJson => "csl-json",
            ReadFormat::Bibtex => "bibtex",
            ReadFormat::Ris => "ris",
            ReadFormat::Orcid => "orcid",
            ReadFormat::Arxiv => "arxiv",
            ReadFormat::OpenAlex => "openalex",
        }
    }

    /// The format named `name`.
    pub fn by_name(name: &str) -> Option<ReadFormat> {
        ReadFormat::ALL.iter().copied().find(|f| f.name() == name)
    }

    /// The format of a file from its name and, where the name does not
    /// say, its first bytes.
    pub fn detect(path: &Path, text: &str) -> Option<ReadFormat> {
        let name = path.file_name()?.to_str()?.to_ascii_lowercase();
        if name.ends_with(".csl.json") {
            return Some(ReadFormat::CslJson);
        }
        if name.ends_with(".bib") {
            return Some(ReadFormat::Bibtex);
        }
        if name.ends_with(".ris") {
            return Some(ReadFormat::Ris);
        }
        let head = text.trim_start();
        // Detection looks at the first few KB only; Vitae's own format
        // names itself near the top, whatever wraps it.
        let mut end = head.len().min(8192);
        while !head.is_char_boundary(end) {
            end -= 1;
        }
        let start = &head[..end];
        if start.contains("\"vitae-bundle/") || start.contains("\"vitae-export/") {
            return Some(ReadFormat::Bundle);
        }
        if head.starts_with('@') || head.starts_with('%') {
            return Some(ReadFormat::Bibtex);
        }
        if head.starts_with("TY  -") {
            return Some(ReadFormat::Ris);
        }
        if name.ends_with(".orcid.json")
            || (name.ends_with(".json") && start.contains("\"orcid-identifier\""))
            || (name.ends_with(".xml") && start.contains(orcid::RECORD_NAMESPACE))
        {
            return Some(ReadFormat::Orcid);
        }
        if (name.ends_with(".xml") || name.ends_with(".atom") || head.starts_with('<'))
            && start.contains("<feed")
            && start.contains("arxiv.org")
        {
            return Some(ReadFormat::Arxiv);
        }
        if name.ends_with(".json") || head.starts_with('{') || head.starts_with('[') {
            // A bundle put in an array is a mistaken bundle, not CSL: the
            // bundle's validator says what is wrong with it.
            let bundle = head.contains("\"vitae-bundle/") || head.contains("\"vitae-export/");
            return Some(if head.starts_with('[') && !bundle {
                ReadFormat::CslJson
            } else if is_openalex(start) && !bundle {
                ReadFormat::OpenAlex
            } else {
                ReadFormat::Bundle
            });
        }
        None
    }

    /// The source kind a file of this format is imported as: its place in
    /// the display-value precedence (`import::merge::rank`).
    fn source_kind(self) -> &'static str {
        match self {
            // A reference manager's file: another tool's export.
            ReadFormat::Bundle | ReadFormat::CslJson | ReadFormat::Bibtex | ReadFormat::Ris => {
                "export"
            }
            // A person's own record of themselves.
            ReadFormat::Orcid => "profile_page",
            ReadFormat::Arxiv => "arxiv_listing",
            ReadFormat::OpenAlex => "paper_index",
        }
    }
}

/// The person whose list a file is (`--person`): their slug and every form
/// of their name the store knows.
#[derive(Debug, Clone)]
pub struct Owner {
    pub slug: String,
    pub name: String,
    /// Every form of the name, folded (`domain::name::normalize`).
    pub names: Vec<String>,
}

/// The bundle key the owner has in a reader's bundle.
const OWNER_KEY: &str = "owner";

impl Owner {
    /// Links the owner into `b`: the owner is a person of the bundle (by
    /// slug, so the store's person), an author whose printed name is one of
    /// theirs is them, and a work whose author list does not name them is
    /// listed under them.
    fn claim(&self, b: &mut Bundle) {
        b.people.push(Person {
            key: OWNER_KEY.to_string(),
            slug: Some(self.slug.clone()),
            name: self.name.clone(),
            ..Default::default()
        });
        b.source.about = Some(OWNER_KEY.to_string());
        for w in &mut b.works {
            let mut named = false;
            for a in &mut w.authors {
                if self.names.contains(&normalize(&a.name)) {
                    // The owner even where the reader knew the author as a
                    // person of its own (OpenAlex's, by ORCID): the file
                    // is the owner's list.
                    a.person = Some(OWNER_KEY.to_string());
                    named = true;
                }
            }
            if !named && w.listed_under.is_none() {
                w.listed_under = Some(OWNER_KEY.to_string());
            }
        }
    }
}

/// Reads `text`, the file `file` in `format`, into source bundles checked
/// against the bundle schema. The file's source is keyed by format and file
/// name, so importing the same file again replaces what it stated.
pub fn read(
    format: ReadFormat,
    text: &str,
    file: &str,
    owner: Option<&Owner>,
) -> Result<Vec<Bundle>> {
    let mut bundle = match format {
        ReadFormat::Bundle => return super::validate::parse(text, file),
        ReadFormat::CslJson => csl::read(text, file)?,
        ReadFormat::Bibtex => bibtex::read(text, file)?,
        ReadFormat::Ris => ris::read(text, file)?,
        ReadFormat::Arxiv => arxiv::read(text, file)?,
        ReadFormat::OpenAlex => openalex::read(text, file)?,
        ReadFormat::Orcid => orcid::read(text, file)?,
    };
    if states_nothing(&bundle) {
        // An empty list (an arXiv query with no results): no source either.
        return Ok(Vec::new());
    }
    bundle.format = FORMAT.to_string();
    bundle.source = source(format, file, bundle.source);
    if let Some(o) = owner {
        o.claim(&mut bundle);
    }
    // The reader's bundle passes the checks a bundle file does.
    let json = serde_json::to_string(&bundle).map_err(Error::internal)?;
    super::validate::parse(&json, file)
}

/// Whether a reader's bundle states no fact at all.
fn states_nothing(b: &Bundle) -> bool {
    b.works.is_empty()
        && b.people.is_empty()
        && b.organizations.is_empty()
        && b.appointments.is_empty()
        && b.education.is_empty()
        && b.grants.is_empty()
        && b.talks.is_empty()
        && b.patents.is_empty()
        && b.teaching.is_empty()
        && b.service.is_empty()
}

/// Whether a JSON object's first bytes hold an OpenAlex id
/// (`"id": "https://openalex.org/W…"` or `A…`, spaced any way).
fn is_openalex(start: &str) -> bool {
    let compact: String = start.chars().filter(|c| !c.is_whitespace()).collect();
    ["W", "A"]
        .iter()
        .any(|k| compact.contains(&format!("\"id\":\"https://openalex.org/{k}")))
}

/// The file's source: keyed `{format}-{file stem}`, titled by the file
/// name unless the reader found a title.
fn source(format: ReadFormat, file: &str, read: Source) -> Source {
    let name = Path::new(file)
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or(file);
    let stem = name.split('.').next().unwrap_or(name);
    let key: String = format!("{}-{}", format.name(), slugify(stem))
        .chars()
        .take(120)
        .collect();
    Source {
        key,
        title: if read.title.is_empty() {
            name.to_string()
        } else {
            read.title
        },
        kind: format.source_kind().to_string(),
        ..read
    }
}

/// A bundle key from a file's own identifier (a citation key, an id),
/// made to fit the key pattern; `fallback` when nothing of it is left.
pub fn key_from(id: &str, fallback: &str) -> String {
    let key: String = slugify(id).chars().take(100).collect();
    if key == "x" || key.is_empty() {
        fallback.to_string()
    } else {
        key
    }
}

/// An error in one entry of a file: its place and what is wrong.
pub fn entry_error(file: &str, at: &str, why: impl std::fmt::Display) -> Error {
    Error::bad_input(format!("{file}: {at}"), why.to_string())
}

/// `text` with every run of whitespace (line wrapping) made one space.
pub fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The first DOI in `text` that has the bundle's DOI shape
/// (`10.NNNN/…`), without a resolver prefix.
pub fn doi(text: &str) -> Option<String> {
    text.split_whitespace()
        .map(|d| {
            [
                "https://doi.org/",
                "http://doi.org/",
                "http://dx.doi.org/",
                "https://dx.doi.org/",
            ]
            .iter()
            .fold(d, |d, p| d.strip_prefix(p).unwrap_or(d))
        })
        .find(|d| {
            d.len() <= 300
                && d.strip_prefix("10.")
                    .and_then(|r| r.split_once('/'))
                    .is_some_and(|(reg, rest)| {
                        (4..=9).contains(&reg.len())
                            && reg.bytes().all(|c| c.is_ascii_digit())
                            && !rest.is_empty()
                    })
        })
        .map(str::to_string)
}

/// Whether `d` is a whole ISO day, `YYYY-MM-DD`, with month and day in range.
pub fn is_iso_day(d: &str) -> bool {
    let b = d.as_bytes();
    let num = |r: std::ops::Range<usize>| d.get(r).and_then(|s| s.parse::<u32>().ok());
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && num(0..4).is_some_and(|y| y >= 1000)
        && num(5..7).is_some_and(|m| (1..=12).contains(&m))
        && num(8..10).is_some_and(|d| (1..=31).contains(&d))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_doi_loses_its_resolver_and_a_bad_one_is_dropped() {
        assert_eq!(
            doi(" 10.1063/1.4996038 ").as_deref(),
            Some("10.1063/1.4996038")
        );
        assert_eq!(
            doi("https://doi.org/10.5170/CERN-2013-002.237").as_deref(),
            Some("10.5170/CERN-2013-002.237")
        );
        assert_eq!(doi("n/a"), None);
    }

    #[test]
    fn feeds_and_openalex_records_are_told_by_their_first_bytes() {
        let feed = r#"<?xml version='1.0'?><feed xmlns:arxiv="http://arxiv.org/schemas/atom">"#;
        assert_eq!(
            ReadFormat::detect(Path::new("q.xml"), feed),
            Some(ReadFormat::Arxiv)
        );
        assert_eq!(ReadFormat::detect(Path::new("q.xml"), "<feed>"), None);
        let work = r#"{ "id" : "https://openalex.org/W2741809807", "doi": null }"#;
        assert_eq!(
            ReadFormat::detect(Path::new("w.json"), work),
            Some(ReadFormat::OpenAlex)
        );
        let bundle = r#"{"format": "vitae-bundle/1", "source": {"url": "https://openalex.org/"}}"#;
        assert_eq!(
            ReadFormat::detect(Path::new("b.json"), bundle),
            Some(ReadFormat::Bundle)
        );
        let wrapped = format!("[{bundle}]");
        assert_eq!(
            ReadFormat::detect(Path::new("b.json"), &wrapped),
            Some(ReadFormat::Bundle)
        );
        let csl = r#"[{"id": "a", "title": "T"}]"#;
        assert_eq!(
            ReadFormat::detect(Path::new("c.json"), csl),
            Some(ReadFormat::CslJson)
        );
    }
}
