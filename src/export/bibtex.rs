//! BibTeX: one entry per work, as LaTeX documents cite them with BibTeX or
//! biber. The text is written here rather than by the `biblatex` crate,
//! whose writer escapes `~`, `^` and `\` as `\~`, `\^` and `\\` (accents
//! and a line break to LaTeX) and cannot protect single words of a title;
//! the tests re-read every entry with `biblatex::Bibliography::parse` and
//! require the store's authors and titles back.
//!
//! Choices:
//! - Non-ASCII stays UTF-8: biber and LaTeX (UTF-8 by default since 2018)
//!   read it; only the LaTeX specials are escaped (`\&`, `\%`, `\$`, `\#`,
//!   `\_`, `\{`, `\}`, `\textasciitilde{}`, `\textasciicircum{}`,
//!   `\textbackslash{}`), and `--` as `-{}-` so that it is no en dash.
//! - A title word with a capital after its first letter, or in capitals
//!   (`CAT`, `GANs`, `ImageNet`), is braced so styles keep its case.
//! - Names are written "Family, Given" (`names::split`), so "Van Roy" stays
//!   one family name; an "et al." list ends in `and others`; a work no
//!   source names an author of has no `author` and `note = {Authors
//!   unknown}`.
//! - Preprints are `@misc` with `eprint`, `archivePrefix = {arXiv}` and
//!   `primaryClass` (the first category); any work with an arXiv id carries
//!   them. A person's patents follow their works as `@patent`.
//! - Dates are `year` and `month` (a macro, `feb`), which both BibTeX and
//!   biber read; a biblatex `date` beside them would make biber warn.
//!
//! What BibTeX cannot carry: equal-contribution marks, a person's link to
//! an author name, the day of a date, and the posting date of a work
//! published in another year.

use std::fmt::Write;

use super::csl::url;
use super::model::{ExportWork, Patent};
use super::names::{citation_keys, split};
use crate::Result;

/// The entries of `works`, then of `patents`, separated by blank lines.
pub fn write(works: &[ExportWork], patents: &[Patent]) -> Result<String> {
    let keys = citation_keys(works);
    let mut out = String::new();
    for (w, key) in works.iter().zip(&keys) {
        out.push_str(&entry(w, key));
        out.push('\n');
    }
    let mut taken: Vec<String> = keys;
    for p in patents {
        let key = patent_key(p, &taken);
        out.push_str(&patent(p, &key));
        out.push('\n');
        taken.push(key);
    }
    Ok(out)
}

/// The BibTeX entry type of a work kind.
pub fn entry_type(kind: &str) -> &'static str {
    match kind {
        "journal_article" => "article",
        "conference_paper" | "workshop_paper" => "inproceedings",
        "thesis" => "phdthesis",
        "book" => "book",
        "chapter" => "incollection",
        "report" => "techreport",
        _ => "misc",
    }
}

/// The field that names a work's venue in its entry type.
fn venue_field(kind: &str) -> &'static str {
    match kind {
        "journal_article" => "journal",
        "conference_paper" | "workshop_paper" | "chapter" => "booktitle",
        "thesis" => "school",
        "book" => "publisher",
        "report" => "institution",
        _ => "howpublished",
    }
}

fn entry(w: &ExportWork, key: &str) -> String {
    let row = &w.work;
    let mut e = Entry::new(entry_type(&row.kind), key);
    if w.authors_known() {
        e.field("author", &authors(w));
    }
    e.field("title", &title(&row.title));
    if let Some(v) = &row.venue {
        e.text(venue_field(&row.kind), v);
    }
    if let Some(y) = row.year {
        e.field("year", &y.to_string());
    }
    if let Some(iso) = row.issued.as_deref().filter(|d| same_year(d, row.year)) {
        e.month(iso);
    }
    for (name, value) in [("volume", &row.volume), ("number", &row.issue)] {
        if let Some(v) = value {
            e.text(name, v);
        }
    }
    if let Some(p) = &row.pages {
        e.field("pages", &pages(p));
    }
    if let Some(d) = &row.doi {
        e.verbatim("doi", d);
    }
    if let Some(id) = &row.arxiv_id {
        e.verbatim("eprint", id);
        e.field("archivePrefix", "arXiv");
        if let Some(c) = w.categories.first() {
            e.text("primaryClass", c);
        }
    }
    if let Some(u) = url(w) {
        e.verbatim("url", &u);
    }
    if let Some(a) = &row.r#abstract {
        e.text("abstract", a);
    }
    if !w.categories.is_empty() {
        e.text("keywords", &w.categories.join(", "));
    }
    let mut notes = w.notes.clone();
    if !w.authors_known() {
        notes.insert(0, "Authors unknown".to_string());
    }
    if !notes.is_empty() {
        e.text("note", &notes.join("; "));
    }
    e.finish()
}

fn patent(p: &Patent, key: &str) -> String {
    let mut e = Entry::new("patent", key);
    if !p.inventors.is_empty() {
        let names: Vec<String> = p.inventors.iter().map(|n| name(n)).collect();
        e.field("author", &names.join(" and "));
    }
    e.field("title", &title(&p.row.title));
    if let Some(n) = &p.row.number {
        e.text("number", n);
    }
    if let Some(d) = &p.row.date {
        e.field("year", d.get(..4).unwrap_or(d));
        e.month(d);
    }
    let notes: Vec<&str> = [p.row.status.as_deref(), p.row.date_raw.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    if !notes.is_empty() {
        e.text("note", &notes.join("; "));
    }
    e.finish()
}

/// A patent's key: its first inventor, year and title word like a work's,
/// made unique among the keys already given.
fn patent_key(p: &Patent, taken: &[String]) -> String {
    let family = p.inventors.first().map(|n| split(n).family);
    let family: String = crate::domain::name::slugify(family.as_deref().unwrap_or("anon"))
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect();
    let year = p.row.date.as_deref().and_then(|d| d.get(..4)).unwrap_or("");
    let base = format!("{family}{year}patent");
    let mut key = base.clone();
    let mut n = 1;
    while taken.contains(&key) {
        n += 1;
        key = format!("{base}{n}");
    }
    key
}

/// Whether an ISO date is of the work's year.
fn same_year(iso: &str, year: Option<i32>) -> bool {
    year.is_some_and(|y| iso.starts_with(&format!("{y:04}")))
}

/// The author list: "Family, Given" joined by `and`, `and others` after an
/// "et al." list.
fn authors(w: &ExportWork) -> String {
    let mut names: Vec<String> = w.authors.iter().map(|a| name(&a.name)).collect();
    if w.work.authors_truncated {
        names.push("others".to_string());
    }
    names.join(" and ")
}

/// One name, "Family, Given" (or the family name alone), escaped; an
/// `and` inside a name is braced so it does not split the list.
fn name(printed: &str) -> String {
    let p = split(printed);
    let part = |s: &str| {
        s.split(' ')
            .map(|w| match w {
                "and" | "others" => format!("{{{w}}}"),
                _ => escape(w),
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    match p.given {
        Some(g) => format!("{}, {}", part(&p.family), part(&g)),
        None => format!("{{{}}}", escape(&p.family)),
    }
}

/// A title, escaped, with the case of words that need it protected.
pub fn title(text: &str) -> String {
    text.split(' ')
        .map(|word| {
            let start = word
                .find(|c: char| c.is_alphanumeric())
                .unwrap_or(word.len());
            let end = word
                .rfind(|c: char| c.is_alphanumeric())
                .map(|i| i + word[i..].chars().next().map_or(1, char::len_utf8))
                .unwrap_or(start)
                .max(start);
            let (lead, core, trail) = (&word[..start], &word[start..end], &word[end..]);
            if needs_protection(core) {
                format!("{}{{{}}}{}", escape(lead), escape(core), escape(trail))
            } else {
                escape(word)
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A word with a capital after its first letter (`ImageNet`, `GANs`) or
/// in capitals of two letters or more (`CAT`).
fn needs_protection(word: &str) -> bool {
    word.chars().skip(1).any(char::is_uppercase)
}

/// LaTeX's special characters escaped, `--` kept from becoming a dash.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut prev = '\0';
    for c in text.chars() {
        match c {
            '&' | '%' | '$' | '#' | '_' | '{' | '}' => {
                out.push('\\');
                out.push(c);
            }
            '~' => out.push_str("\\textasciitilde{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            '\\' => out.push_str("\\textbackslash{}"),
            '-' if prev == '-' => out.push_str("{}-"),
            '\n' | '\r' | '\t' => out.push(' '),
            c => out.push(c),
        }
        prev = c;
    }
    out
}

/// Pages with BibTeX's range dash: "12-19" and "12–19" as `12--19`.
fn pages(p: &str) -> String {
    let p = p.replace(['–', '—'], "-");
    match p.split_once('-') {
        Some((a, b)) if !a.is_empty() && !b.is_empty() && !b.contains('-') => {
            format!("{}--{}", escape(a.trim()), escape(b.trim()))
        }
        _ => escape(&p),
    }
}

/// An entry being written: `@type{key,` and one `name = {value},` a line.
struct Entry(String);

impl Entry {
    fn new(ty: &str, key: &str) -> Entry {
        Entry(format!("@{ty}{{{key},\n"))
    }

    /// A field whose value is already BibTeX text.
    fn field(&mut self, name: &str, value: &str) {
        let _ = writeln!(self.0, "  {name} = {{{value}}},");
    }

    /// A field of plain text, escaped.
    fn text(&mut self, name: &str, value: &str) {
        self.field(name, &escape(value));
    }

    /// A verbatim field (`url`, `doi`, `eprint`): written as it is, only
    /// braces and backslashes escaped.
    fn verbatim(&mut self, name: &str, value: &str) {
        let v: String = value
            .chars()
            .flat_map(|c| match c {
                '{' | '}' | '\\' => vec!['\\', c],
                c => vec![c],
            })
            .collect();
        self.field(name, &v);
    }

    /// `month` as BibTeX's macro (`feb`), from an ISO date with a month.
    fn month(&mut self, iso: &str) {
        const MONTHS: [&str; 12] = [
            "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
        ];
        let m: Option<usize> = iso.get(5..7).and_then(|m| m.parse().ok());
        if let Some(name) = m.and_then(|m| MONTHS.get(m.wrapping_sub(1))) {
            let _ = writeln!(self.0, "  month = {name},");
        }
    }

    fn finish(mut self) -> String {
        self.0.push_str("}\n");
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_protect_words_with_inner_capitals() {
        assert_eq!(
            title("CAT: Customized Adversarial Training"),
            "{CAT}: Customized Adversarial Training"
        );
        assert_eq!(title("(GANs) for ImageNet."), "({GANs}) for {ImageNet}.");
        assert_eq!(title("A Q-learning view"), "A Q-learning view");
    }

    #[test]
    fn specials_are_escaped() {
        assert_eq!(escape("R&D 50% $x_1 #a {b}"), r"R\&D 50\% \$x\_1 \#a \{b\}");
        assert_eq!(
            escape("~^\\"),
            r"\textasciitilde{}\textasciicircum{}\textbackslash{}"
        );
        assert_eq!(escape("a--b"), "a-{}-b");
        assert_eq!(pages("12–19"), "12--19");
    }
}
