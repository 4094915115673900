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

pub mod bibtex;
pub mod csl;
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
}

impl ReadFormat {
    /// Every format, in the order help texts list them.
    pub const ALL: &'static [ReadFormat] = &[
        ReadFormat::Bundle,
        ReadFormat::CslJson,
        ReadFormat::Bibtex,
        ReadFormat::Ris,
        ReadFormat::Orcid,
    ];

    /// The format's name for `--format`.
    pub fn name(self) -> &'static str {
        match self {
            ReadFormat::Bundle => "bundle",
            ReadFormat::CslJson => "csl-json",
            ReadFormat::Bibtex => "bibtex",
            ReadFormat::Ris => "ris",
            ReadFormat::Orcid => "orcid",
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
        if name.ends_with(".json") || head.starts_with('{') || head.starts_with('[') {
            return Some(if head.starts_with('[') {
                ReadFormat::CslJson
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
                if a.person.is_none() && self.names.contains(&normalize(&a.name)) {
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
        ReadFormat::Orcid => orcid::read(text, file)?,
    };
    bundle.format = FORMAT.to_string();
    bundle.source = source(format, file, bundle.source);
    if let Some(o) = owner {
        o.claim(&mut bundle);
    }
    // The reader's bundle passes the checks a bundle file does.
    let json = serde_json::to_string(&bundle).map_err(Error::internal)?;
    super::validate::parse(&json, file)
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
