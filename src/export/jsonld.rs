//! schema.org JSON-LD: what search engines read from a profile page. One
//! `@graph` holds the `Person` (name, affiliation: the organizations of
//! current appointments, alumniOf: of education, award: grant and prize
//! titles, knowsAbout: interests) and one node per authored work
//! (`ScholarlyArticle`, or `Thesis`, `Book`, `Chapter`, `Report`), whose
//! `author` is a JSON-LD `@list`: schema.org's `author` is unordered, and
//! author order matters. Authors with a profile share a node id (`_:slug`),
//! so the person is linked to their works. A work without known authors
//! has no `author` and says so in `creditText`. schema.org has no place for
//! equal contribution, notes, talks, teaching or service.

use serde_json::{json, Map, Value};

use super::csl::url;
use super::model::{ExportWork, Profile};
use crate::{Error, Result};

/// The profile as a JSON-LD document, pretty-printed, with a final newline.
pub fn write(p: &Profile) -> Result<String> {
    let mut graph = vec![person(p)];
    graph.extend(p.works.iter().map(work));
    let doc = json!({ "@context": "https://schema.org", "@graph": graph });
    let mut text = serde_json::to_string_pretty(&doc).map_err(Error::internal)?;
    text.push('\n');
    Ok(text)
}

fn node_id(slug: &str) -> String {
    format!("_:{slug}")
}

fn person(p: &Profile) -> Value {
    let row = &p.person;
    let mut m = Map::new();
    m.insert("@type".into(), "Person".into());
    m.insert("@id".into(), node_id(&row.slug).into());
    m.insert("name".into(), row.name.clone().into());
    put(&mut m, "givenName", row.given.clone());
    put(&mut m, "familyName", row.family.clone());
    put(&mut m, "description", row.summary.clone());
    list(&mut m, "alternateName", p.aliases.clone());
    list(&mut m, "email", p.emails.clone());
    let urls: Vec<String> = p.links.iter().filter_map(|l| l.url.clone()).collect();
    list(&mut m, "sameAs", urls);
    if let Some(orcid) = &row.orcid {
        m.insert("identifier".into(), property_value("ORCID", orcid));
    }
    let current = p
        .appointments
        .iter()
        .filter(|a| a.row.end_date.is_none() && a.row.end_raw.as_deref().is_none_or(is_present));
    let (orgs, titles): (Vec<_>, Vec<_>) = current
        .map(|a| {
            (
                organization("Organization", &a.organization),
                a.row.title.clone(),
            )
        })
        .unzip();
    list(&mut m, "affiliation", orgs);
    list(&mut m, "jobTitle", titles);
    let alumni: Vec<Value> = p
        .education
        .iter()
        .map(|e| organization("EducationalOrganization", &e.organization))
        .collect();
    list(&mut m, "alumniOf", dedup(alumni));
    list(
        &mut m,
        "award",
        p.grants.iter().map(|g| g.row.title.clone()).collect(),
    );
    list(
        &mut m,
        "knowsAbout",
        p.interests.iter().map(|(_, t)| t.clone()).collect(),
    );
    Value::Object(m)
}

fn is_present(raw: &str) -> bool {
    raw.eq_ignore_ascii_case("present")
}

fn organization(kind: &str, name: &str) -> Value {
    json!({ "@type": kind, "name": name })
}

fn property_value(id: &str, value: &str) -> Value {
    json!({ "@type": "PropertyValue", "propertyID": id, "value": value })
}

fn dedup(mut v: Vec<Value>) -> Vec<Value> {
    let mut seen = Vec::new();
    v.retain(|x| {
        let new = !seen.contains(x);
        if new {
            seen.push(x.clone());
        }
        new
    });
    v
}

/// The schema.org type of a work kind.
fn work_type(kind: &str) -> &'static str {
    match kind {
        "thesis" => "Thesis",
        "book" => "Book",
        "chapter" => "Chapter",
        "report" => "Report",
        _ => "ScholarlyArticle",
    }
}

fn work(w: &ExportWork) -> Value {
    let row = &w.work;
    let mut m = Map::new();
    m.insert("@type".into(), work_type(&row.kind).into());
    m.insert("name".into(), row.title.clone().into());
    if w.authors_known() {
        let authors: Vec<Value> = w.authors.iter().map(author).collect();
        m.insert("author".into(), json!({ "@list": authors }));
    } else {
        m.insert("creditText".into(), "Authors unknown".into());
    }
    let date = row
        .issued
        .clone()
        .or_else(|| row.year.map(|y| y.to_string()));
    put(&mut m, "datePublished", date);
    if let Some(venue) = &row.venue {
        venue_of(&mut m, &row.kind, venue);
    }
    put(&mut m, "pagination", row.pages.clone());
    put(&mut m, "abstract", row.r#abstract.clone());
    if !w.categories.is_empty() {
        m.insert("keywords".into(), w.categories.join(", ").into());
    }
    let mut ids = Vec::new();
    if let Some(doi) = &row.doi {
        ids.push(property_value("DOI", doi));
        m.insert("sameAs".into(), format!("https://doi.org/{doi}").into());
    }
    if let Some(a) = &row.arxiv_id {
        ids.push(property_value("arXiv", a));
    }
    list(&mut m, "identifier", ids);
    put(&mut m, "url", url(w));
    Value::Object(m)
}

/// A journal is the `Periodical` the article `isPartOf`; proceedings and
/// books are the `CreativeWork`/`Book` it is part of; a thesis's or
/// report's venue is its `publisher`.
fn venue_of(m: &mut Map<String, Value>, kind: &str, venue: &str) {
    let (key, kind) = match kind {
        "journal_article" => ("isPartOf", "Periodical"),
        "chapter" => ("isPartOf", "Book"),
        "thesis" | "report" | "book" => ("publisher", "Organization"),
        _ => ("isPartOf", "CreativeWork"),
    };
    m.insert(key.into(), json!({ "@type": kind, "name": venue }));
}

fn author(a: &super::model::ExportAuthor) -> Value {
    let mut m = Map::new();
    m.insert("@type".into(), "Person".into());
    if !a.slug.is_empty() {
        m.insert("@id".into(), node_id(&a.slug).into());
    }
    m.insert("name".into(), a.name.trim_end_matches('*').trim().into());
    Value::Object(m)
}

fn put(m: &mut Map<String, Value>, key: &str, v: Option<String>) {
    if let Some(v) = v {
        m.insert(key.into(), v.into());
    }
}

/// A property with one value or more; none when the list is empty.
fn list<T: Into<Value>>(m: &mut Map<String, Value>, key: &str, v: Vec<T>) {
    if !v.is_empty() {
        m.insert(
            key.into(),
            Value::Array(v.into_iter().map(Into::into).collect()),
        );
    }
}
