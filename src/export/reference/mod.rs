//! Formatted references (APA, IEEE, Chicago author-date), rendered by a
//! real CSL processor, `hayagriva`, with the styles of its archive: the
//! rules of a style (name inversion, "&" before the last author, sentence
//! or title case, italics) are the style's own CSL, never templates here.
//! `entry` turns each work into a hayagriva `Entry`; the processor orders
//! the list as the style does (APA and Chicago by author, IEEE by the
//! order given: newest first). Plain text is one reference per line; HTML
//! a list of them (`html`). What a reference cannot carry: abstracts,
//! categories, equal-contribution marks and notes (the styles print none
//! of them); a work without known authors is cited title first, as every
//! style does for an anonymous work.

mod entry;
mod html;

use std::sync::LazyLock;

use hayagriva::archive::{locales, ArchivedStyle};
use hayagriva::citationberg::{IndependentStyle, Locale, Style as CslStyle};
use hayagriva::{
    BibliographyDriver, BibliographyRequest, BufWriteFormat, CitationItem, CitationRequest,
    ElemChild, ElemChildren, Entry,
};

use super::model::ExportWork;
use super::names::citation_keys;
use super::Format;
use crate::{Error, Result};

/// A citation style of hayagriva's archive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// APA 7th edition.
    Apa,
    /// IEEE.
    Ieee,
    /// Chicago Manual of Style, author-date.
    ChicagoAuthorDate,
}

/// How the references are marked up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Markup {
    /// One reference per line, no markup.
    Text,
    /// An HTML list.
    Html,
}

impl Style {
    /// The style and markup of a reference format; none for other formats.
    pub fn of(format: Format) -> Option<(Style, Markup)> {
        Some(match format {
            Format::Apa => (Style::Apa, Markup::Text),
            Format::Ieee => (Style::Ieee, Markup::Text),
            Format::ChicagoAuthorDate => (Style::ChicagoAuthorDate, Markup::Text),
            Format::ApaHtml => (Style::Apa, Markup::Html),
            Format::IeeeHtml => (Style::Ieee, Markup::Html),
            Format::ChicagoAuthorDateHtml => (Style::ChicagoAuthorDate, Markup::Html),
            _ => return None,
        })
    }

    /// The style's name, as `text/x-bibliography; style=…` names it.
    pub fn name(self) -> &'static str {
        match self {
            Style::Apa => "apa",
            Style::Ieee => "ieee",
            Style::ChicagoAuthorDate => "chicago-author-date",
        }
    }

    fn archived(self) -> ArchivedStyle {
        match self {
            Style::Apa => ArchivedStyle::AmericanPsychologicalAssociation,
            Style::Ieee => ArchivedStyle::InstituteOfElectricalAndElectronicsEngineers,
            Style::ChicagoAuthorDate => ArchivedStyle::ChicagoAuthorDate,
        }
    }

    /// The parsed CSL style, read from the archive once per process.
    fn csl(self) -> Result<&'static IndependentStyle> {
        static APA: LazyLock<Option<IndependentStyle>> = LazyLock::new(|| load(Style::Apa));
        static IEEE: LazyLock<Option<IndependentStyle>> = LazyLock::new(|| load(Style::Ieee));
        static CHICAGO: LazyLock<Option<IndependentStyle>> =
            LazyLock::new(|| load(Style::ChicagoAuthorDate));
        let style = match self {
            Style::Apa => &APA,
            Style::Ieee => &IEEE,
            Style::ChicagoAuthorDate => &CHICAGO,
        };
        style
            .as_ref()
            .ok_or_else(|| Error::internal(format!("{} is not an independent style", self.name())))
    }
}

/// A rendered reference: its label (IEEE's `[1]`) and its text.
pub struct Reference {
    pub label: Option<ElemChild>,
    pub content: ElemChildren,
}

/// The references of `works` in `style`.
pub fn write(works: &[ExportWork], style: Style, markup: Markup) -> Result<String> {
    let keys = citation_keys(works);
    let entries: Vec<Entry> = works
        .iter()
        .zip(&keys)
        .map(|(w, k)| entry::of(w, k))
        .collect();
    let references = render(&entries, style.csl()?);
    match markup {
        Markup::Text => text(&references),
        Markup::Html => Ok(html::list(&references, style)),
    }
}

/// The locales the styles' terms come from ("and", "n.d.", "Retrieved").
static LOCALES: LazyLock<Vec<Locale>> = LazyLock::new(locales);

/// The archived style with its citation disambiguation off: an export has
/// no in-text citations to tell apart, and (hayagriva 0.10) disambiguating
/// them also shortens the author lists of the references ("Lei,
/// Nagarajan, et al.") and adds year suffixes that nothing cites.
fn load(style: Style) -> Option<IndependentStyle> {
    match style.archived().get() {
        CslStyle::Independent(mut s) => {
            s.citation.disambiguate_add_givenname = false;
            s.citation.disambiguate_add_names = false;
            s.citation.disambiguate_add_year_suffix = false;
            Some(s)
        }
        CslStyle::Dependent(_) => None,
    }
}

/// The references of `entries`, each cited once, in the style's order
/// and numbering.
fn render(entries: &[Entry], style: &IndependentStyle) -> Vec<Reference> {
    let mut driver = BibliographyDriver::new();
    for e in entries {
        driver.citation(CitationRequest::from_items(
            vec![CitationItem::with_entry(e)],
            style,
            &LOCALES,
        ));
    }
    driver
        .finish(BibliographyRequest::new(style, None, &LOCALES))
        .bibliography
        .map(|b| b.items)
        .unwrap_or_default()
        .into_iter()
        .map(|item| Reference {
            label: item.first_field,
            content: item.content,
        })
        .collect()
}

/// One reference per line: its label and its text.
fn text(items: &[Reference]) -> Result<String> {
    let mut out = String::new();
    for item in items {
        if let Some(label) = &item.label {
            label
                .write_buf(&mut out, BufWriteFormat::Plain)
                .map_err(Error::internal)?;
            out.push(' ');
        }
        item.content
            .write_buf(&mut out, BufWriteFormat::Plain)
            .map_err(Error::internal)?;
        out.push('\n');
    }
    Ok(out)
}
