//! BibTeX and BibLaTeX in, read by the `biblatex` crate, which expands
//! `@string` macros (and `#` concatenation), turns LaTeX accents and
//! commands into Unicode (`{\"o}` → ö, `--` → –), and resolves `crossref`
//! and `xdata`. The mapping is the export's (`export::bibtex`), reversed:
//! the entry type to a kind (`@misc` or `@article` with an arXiv `eprint`
//! and no venue is a preprint), `author` to the printed names in order
//! ("given prefix family suffix"), a final `and others` to an "et al."
//! list, `year`/`month` or `date` to a date, the type's venue field
//! (`journal`, `booktitle`, `school`, `institution`, `publisher`,
//! `howpublished`) to the venue, `eprint` with `archivePrefix`/`eprinttype`
//! arXiv to an arXiv id and `primaryClass` to its first category, `note`
//! split at "; " into notes ("Authors unknown" read as what it says).
//! `@patent` entries are patents, with their authors as inventors.
//!
//! What does not fit the bundle schema is dropped, not refused: a DOI that
//! is no `10.…/…`, an arXiv id of another shape, keywords other than
//! subject categories (`cs.LG`, `LG`), a date that is no calendar date.
//! Editors, publishers of articles, series and the rest have no place in a
//! work. An entry without a title is an error naming the entry; `@set`
//! and `@xdata` entries, which only group other entries, are skipped. Two
//! things BibTeX and biber accept that the crate refuses are fixed on its
//! raw parse first: `@string` names in another case, and a repeated key
//! (the later entry is skipped, as biber does).

use std::collections::HashSet;

use biblatex::{Bibliography, ChunksExt, Entry, Person, RawBibliography, RawChunk, Spanned};

use super::{entry_error, key_from};
use crate::domain::date::PartialDate;
use crate::import::bundle::{Bundle, Contributor, Date, Link, Patent, Work};
use crate::Result;

/// The works (and patents) of a BibTeX file.
pub fn read(text: &str, file: &str) -> Result<Bundle> {
    let not_bibtex = |e: biblatex::ParseError| {
        let line = text.get(..e.span.start).map_or(0, |t| t.lines().count());
        entry_error(
            file,
            &format!("line {}", line.max(1)),
            format!("not BibTeX: {}", e.kind),
        )
    };
    let mut raw = RawBibliography::parse(text).map_err(not_bibtex)?;
    as_bibtex_reads(&mut raw);
    if raw.entries.is_empty() {
        return Err(entry_error(file, "the file", "holds no BibTeX entry"));
    }
    if let Some(key) = looped_reference(&raw) {
        return Err(entry_error(
            file,
            &format!("entry {key}"),
            format!("its crossref or xdata chain loops or is deeper than {MAX_CHAIN}"),
        ));
    }
    let bib = Bibliography::from_raw(raw).map_err(not_bibtex)?;
    let mut keys = HashSet::new();
    let mut bundle = Bundle::default();
    for (i, entry) in bib.iter().enumerate() {
        let ty = entry.entry_type.to_string();
        // A set or a data container groups other entries' fields: no work.
        if matches!(ty.as_str(), "set" | "xdata") {
            continue;
        }
        let at = format!("entry {} ({})", i + 1, entry.key);
        let Some(title) = field(entry, "title") else {
            return Err(entry_error(file, &at, "has no title"));
        };
        let mut key = key_from(&entry.key, &format!("entry-{}", i + 1));
        while !keys.insert(key.clone()) {
            key = format!("{key}-{}", i + 1);
        }
        if ty == "patent" {
            if let Some(p) = patent(entry, key, title) {
                bundle.patents.push(p);
            }
        } else {
            bundle.works.push(work(entry, key, title));
        }
    }
    Ok(bundle)
}

/// What BibTeX and biber accept and the crate refuses: `@string` names
/// are case-insensitive (`mynamE` is `myname`), and an entry whose key is
/// an earlier entry's key or alias (`ids`) is skipped, as biber skips it.
/// The `ids` are then dropped: Vitae keeps no aliases of keys.
fn as_bibtex_reads(raw: &mut RawBibliography<'_>) {
    let mut seen: HashSet<&str> = HashSet::new();
    raw.entries.retain(|e| {
        let fresh = seen.insert(e.v.key.v);
        for f in
            e.v.fields
                .iter()
                .filter(|f| f.key.v.eq_ignore_ascii_case("ids"))
        {
            for c in &f.value.v {
                if let RawChunk::Normal(ids) = c.v {
                    seen.extend(ids.split(',').map(str::trim).filter(|i| !i.is_empty()));
                }
            }
        }
        fresh
    });
    for e in &mut raw.entries {
        e.v.fields.retain(|f| !f.key.v.eq_ignore_ascii_case("ids"));
    }
    let used: Vec<&str> = raw
        .abbreviations
        .iter()
        .map(|p| &p.value.v)
        .chain(
            raw.entries
                .iter()
                .flat_map(|e| e.v.fields.iter().map(|p| &p.value.v)),
        )
        .flatten()
        .filter_map(|c| match c.v {
            RawChunk::Abbreviation(name) => Some(name),
            RawChunk::Normal(_) => None,
        })
        .collect();
    for name in used {
        if raw.abbreviations.iter().any(|p| p.key.v == name) {
            continue;
        }
        let same = raw
            .abbreviations
            .iter()
            .find(|p| p.key.v.eq_ignore_ascii_case(name))
            .cloned();
        if let Some(mut pair) = same {
            pair.key = Spanned::new(name, pair.key.span.clone());
            raw.abbreviations.push(pair);
        }
    }
}

/// The longest `crossref`/`xdata` chain an entry may start.
const MAX_CHAIN: usize = 16;

/// The first entry whose `crossref`/`xdata` chain loops or runs deeper
/// than `MAX_CHAIN`: the crate resolves chains by recursion, and would
/// overflow the stack on a loop.
fn looped_reference(raw: &RawBibliography<'_>) -> Option<String> {
    let refs: std::collections::HashMap<&str, Vec<&str>> = raw
        .entries
        .iter()
        .map(|e| {
            let targets =
                e.v.fields
                    .iter()
                    .filter(|f| {
                        f.key.v.eq_ignore_ascii_case("crossref")
                            || f.key.v.eq_ignore_ascii_case("xdata")
                    })
                    .flat_map(|f| f.value.v.iter())
                    .filter_map(|c| match c.v {
                        RawChunk::Normal(t) => Some(t),
                        RawChunk::Abbreviation(_) => None,
                    })
                    .flat_map(|t| t.split(',').map(str::trim).filter(|k| !k.is_empty()))
                    .collect();
            (e.v.key.v, targets)
        })
        .collect();
    let too_deep = |start: &str| {
        let mut level: HashSet<&str> = HashSet::from([start]);
        for _ in 0..MAX_CHAIN {
            level = level
                .iter()
                .flat_map(|k| refs.get(k).into_iter().flatten().copied())
                .collect();
            if level.is_empty() {
                return false;
            }
        }
        true
    };
    raw.entries
        .iter()
        .map(|e| e.v.key.v)
        .find(|k| too_deep(k))
        .map(str::to_string)
}

fn work(entry: &Entry, key: String, title: String) -> Work {
    let ty = entry.entry_type.to_string();
    let arxiv_id = arxiv_id(entry);
    let venue = venue(entry, &ty);
    let kind = kind(&ty, arxiv_id.is_some() && venue.is_none());
    let (date, year) = date(entry);
    let mut notes: Vec<String> = field(entry, "note")
        .map(|n| n.split("; ").map(str::to_string).collect())
        .unwrap_or_default();
    let unknown = notes.iter().any(|n| n == "Authors unknown");
    notes.retain(|n| n != "Authors unknown");
    let (authors, truncated) = match unknown {
        true => (Vec::new(), false),
        false => authors(entry),
    };
    let mut categories: Vec<String> = field(entry, "primaryclass").into_iter().collect();
    for k in field(entry, "keywords")
        .unwrap_or_default()
        .split([',', ';'])
    {
        let k = k.trim().to_string();
        if is_category(&k) && !categories.contains(&k) {
            categories.push(k);
        }
    }
    categories.retain(|c| is_category(c));
    Work {
        key,
        title,
        kind: kind.to_string(),
        venue,
        year,
        date,
        volume: field(entry, "volume"),
        issue: field(entry, "number").or_else(|| field(entry, "issue")),
        pages: field(entry, "pages").map(|p| p.replace(['–', '—'], "-")),
        r#abstract: field(entry, "abstract"),
        doi: doi(entry),
        arxiv_id,
        categories,
        links: field(entry, "url")
            .filter(|u| u.starts_with("http"))
            .map(|url| Link {
                kind: "url".to_string(),
                url: Some(url),
                label: None,
            })
            .into_iter()
            .collect(),
        notes,
        authors_truncated: truncated,
        authors,
        ..Default::default()
    }
}

fn patent(entry: &Entry, key: String, title: String) -> Option<Patent> {
    let (inventors, _) = authors(entry);
    // A patent names its inventors; the schema requires one.
    if inventors.is_empty() {
        return None;
    }
    Some(Patent {
        key,
        title,
        inventors,
        number: field(entry, "number"),
        status: field(entry, "note"),
        date: date(entry).0,
        ..Default::default()
    })
}

/// A field as plain text (macros, accents and braces resolved), trimmed;
/// none when absent or empty.
fn field(entry: &Entry, name: &str) -> Option<String> {
    let text = entry.get(name)?.format_verbatim();
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    (!text.is_empty()).then_some(text)
}

/// The Vitae kind of an entry type; an arXiv entry without a venue is a
/// preprint whatever its type.
fn kind(ty: &str, arxiv_only: bool) -> &'static str {
    if arxiv_only && matches!(ty, "misc" | "article" | "online" | "unpublished") {
        return "preprint";
    }
    match ty {
        "article" => "journal_article",
        "inproceedings" | "conference" | "proceedings" => "conference_paper",
        "phdthesis" | "mastersthesis" | "thesis" => "thesis",
        "book" | "mvbook" | "booklet" => "book",
        "incollection" | "inbook" | "bookinbook" | "suppbook" => "chapter",
        "techreport" | "report" => "report",
        _ => "other",
    }
}

/// The venue: the field the entry type names it in, else the first there is.
fn venue(entry: &Entry, ty: &str) -> Option<String> {
    let first: &[&str] = match ty {
        "article" => &["journaltitle", "journal"],
        "inproceedings" | "incollection" | "inbook" | "conference" => &["booktitle"],
        "phdthesis" | "mastersthesis" | "thesis" => &["school", "institution"],
        "techreport" | "report" => &["institution"],
        "book" | "mvbook" => &["publisher"],
        _ => &["howpublished"],
    };
    first
        .iter()
        .chain(&["journaltitle", "journal", "booktitle", "howpublished"])
        .find_map(|f| field(entry, f))
}

/// Authors in order and whether the list ends in `and others`.
fn authors(entry: &Entry) -> (Vec<Contributor>, bool) {
    let Ok(people) = entry.author() else {
        return (Vec::new(), false);
    };
    let mut truncated = false;
    let mut out = Vec::new();
    for p in &people {
        if p.name == "others" && p.given_name.is_empty() {
            truncated = true;
            continue;
        }
        let name = printed(p);
        if !name.is_empty() {
            out.push(Contributor {
                name,
                ..Default::default()
            });
        }
    }
    let truncated = truncated && !out.is_empty();
    (out, truncated)
}

/// A name as printed: "given prefix family, suffix".
pub fn printed(p: &Person) -> String {
    let mut name = [p.given_name.as_str(), p.prefix.as_str(), p.name.as_str()]
        .iter()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    if !p.suffix.trim().is_empty() {
        name.push_str(", ");
        name.push_str(p.suffix.trim());
    }
    name
}

/// `date` (ISO, of one to three parts), else `year` with `month`.
fn date(entry: &Entry) -> (Option<Date>, Option<i32>) {
    if let Some(d) = field(entry, "date") {
        let iso = d.split('/').next().unwrap_or("");
        if let Some(year) = iso_year(iso) {
            return (Some(Date::Iso(iso.to_string())), Some(year));
        }
    }
    let year = field(entry, "year").and_then(|y| y.parse::<i32>().ok());
    let Some(year) = year.filter(|y| (1000..=9999).contains(y)) else {
        return (None, None);
    };
    let iso = match field(entry, "month").and_then(|m| month(&m)) {
        Some(m) => format!("{year:04}-{m:02}"),
        None => format!("{year:04}"),
    };
    (Some(Date::Iso(iso)), Some(year))
}

/// The year of an ISO date of one to three parts that is a calendar date
/// (`domain::date::PartialDate`).
pub(super) fn iso_year(iso: &str) -> Option<i32> {
    iso.parse::<PartialDate>().ok().map(|d| d.year())
}

/// A month as a number (`2`) or a name (`February`, `feb`, as the month
/// macros expand).
fn month(text: &str) -> Option<u32> {
    if let Ok(m) = text.parse::<u32>() {
        return (1..=12).contains(&m).then_some(m);
    }
    const NAMES: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let head: String = text.chars().take(3).collect::<String>().to_lowercase();
    NAMES.iter().position(|n| *n == head).map(|i| i as u32 + 1)
}

/// The DOI, without a resolver's prefix, when it has a DOI's shape.
fn doi(entry: &Entry) -> Option<String> {
    let d = field(entry, "doi")?;
    let d = d
        .trim_start_matches("https://doi.org/")
        .trim_start_matches("http://dx.doi.org/")
        .trim_start_matches("doi:")
        .to_string();
    let (prefix, suffix) = d.split_once('/')?;
    let digits = prefix.strip_prefix("10.")?;
    let ok = (4..=9).contains(&digits.len())
        && digits.chars().all(|c| c.is_ascii_digit())
        && !suffix.is_empty()
        && !suffix.chars().any(char::is_whitespace);
    ok.then_some(d)
}

/// The arXiv id of an `eprint` whose `archivePrefix` (or `eprinttype`) is
/// arXiv, when it has an arXiv id's shape.
fn arxiv_id(entry: &Entry) -> Option<String> {
    let archive = field(entry, "archiveprefix").or_else(|| field(entry, "eprinttype"))?;
    if !archive.eq_ignore_ascii_case("arxiv") {
        return None;
    }
    let id = field(entry, "eprint")?;
    let id = id.trim_start_matches("arXiv:").to_string();
    is_arxiv_id(&id).then_some(id)
}

/// `2101.00001`, `2101.00001v2`, `hep-th/9901001`, `math.AG/0601001v1`.
pub(super) fn is_arxiv_id(id: &str) -> bool {
    let base = match id.rsplit_once('v') {
        Some((b, v)) if !v.is_empty() && v.chars().all(|c| c.is_ascii_digit()) => b,
        _ => id,
    };
    let digits =
        |s: &str, n: &[usize]| n.contains(&s.len()) && s.chars().all(|c| c.is_ascii_digit());
    if let Some((a, b)) = base.split_once('.') {
        if digits(a, &[4]) && digits(b, &[4, 5]) {
            return true;
        }
    }
    match base.split_once('/') {
        Some((archive, num)) => {
            let (name, sub) = archive.split_once('.').unwrap_or((archive, ""));
            !name.is_empty()
                && name.chars().all(|c| c.is_ascii_lowercase() || c == '-')
                && (sub.is_empty()
                    || (sub.len() == 2 && sub.chars().all(|c| c.is_ascii_uppercase())))
                && digits(num, &[7])
        }
        None => false,
    }
}

/// A subject category as arXiv prints it (`cs.LG`, `LG`), the only
/// keywords a work has a place for.
pub(super) fn is_category(k: &str) -> bool {
    !k.is_empty()
        && k.len() <= 40
        && k.chars()
            .all(|c| c.is_ascii_alphabetic() || c == '.' || c == '-')
        && (k.contains('.') || k.chars().all(|c| c.is_ascii_uppercase()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arxiv_ids_of_both_shapes_are_recognized() {
        assert!(is_arxiv_id("2101.00001"));
        assert!(is_arxiv_id("2101.00001v2"));
        assert!(is_arxiv_id("hep-th/9901001"));
        assert!(is_arxiv_id("math.AG/0601001v1"));
        assert!(!is_arxiv_id("1234"));
    }

    #[test]
    fn dates_must_be_calendar_dates() {
        assert_eq!(iso_year("2024-02-29"), Some(2024));
        assert_eq!(iso_year("2023-02-29"), None);
        assert_eq!(iso_year("2023-13"), None);
        assert_eq!(month("February"), Some(2));
        assert_eq!(month("11"), Some(11));
    }
}
