//! ORCID in: a v3.0 record, JSON or XML (`record`: one set of serde types
//! for both), as one person and their career and works. The record is the
//! person's own profile page: the person (name, other names as aliases,
//! researcher URLs as links, keywords as interests, biography, ORCID iD),
//! employments and invited positions (visiting) as appointments,
//! educations as education (`role-title` the degree, `department-name` the
//! field), fundings as grants (a `salary-award` a fellowship, an `award`
//! an award), distinctions as awards, services as service, works as works
//! (journal title the venue, DOI and arXiv id from the external ids,
//! contributors in sequence order: `first` before `additional`). Every
//! organization an affiliation or funding names becomes an organization
//! of the bundle; an affiliation's `department-name` (other than
//! education's) is a department of it.
//!
//! What does not fit the bundle is dropped, not refused: an external id
//! that is no DOI or arXiv id as the bundle schema has them (ORCID's own
//! samples carry `work:doi`), an e-mail or URL of another shape, a date
//! part out of range. A work summary has no contributors: the record
//! lists it under the person, as a work whose authors are unknown. An
//! ORCID record cannot carry talks, patents, teaching, an appointment's
//! description, or a grant's role and printed amount.

mod record;

use std::collections::HashMap;

use super::entry_error;
use crate::domain::name::{normalize, slugify};
use crate::import::bundle::{
    Appointment, Bundle, Contributor, Date, Education, Grant, Link, Organization, Person, Service,
    Source, Work,
};
use crate::Result;
use record::{text, Affiliation, Affiliations, FuzzyDate, Record};

/// The bundle key of the record's person.
const PERSON: &str = "person";

/// Which form of the record a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Syntax {
    Json,
    Xml,
}

/// The namespace of an ORCID record's root element.
pub const RECORD_NAMESPACE: &str = "http://www.orcid.org/ns/record";

/// The person, career and works of an ORCID record.
pub fn read(text: &str, file: &str) -> Result<Bundle> {
    let syntax = if text.trim_start().starts_with('<') {
        Syntax::Xml
    } else {
        Syntax::Json
    };
    let record: Record = match syntax {
        Syntax::Json => serde_json::from_str(text).map_err(|e| {
            entry_error(
                file,
                &format!("line {}, column {}", e.line(), e.column()),
                format!("not an ORCID record: {e}"),
            )
        })?,
        Syntax::Xml => quick_xml::de::from_str(text)
            .map_err(|e| entry_error(file, "record", format!("not an ORCID XML record: {e}")))?,
    };
    Reader::default().bundle(record, file)
}

/// The bundle being built, with each organization keyed once.
#[derive(Default)]
struct Reader {
    bundle: Bundle,
    orgs: HashMap<(String, Option<String>), String>,
    /// Every form of the person's name, folded, to find them among a
    /// work's contributors.
    names: Vec<String>,
}

impl Reader {
    fn bundle(mut self, r: Record, file: &str) -> Result<Bundle> {
        let orcid = r
            .orcid_identifier
            .as_ref()
            .and_then(|i| text(&i.path))
            .filter(|o| is_orcid(o));
        self.bundle.source = Source {
            title: match &orcid {
                Some(o) => format!("ORCID record {o}"),
                None => String::new(),
            },
            url: r
                .orcid_identifier
                .as_ref()
                .and_then(|i| text(&i.uri))
                .filter(|u| u.starts_with("http")),
            about: Some(PERSON.to_string()),
            ..Default::default()
        };
        self.person(r.person.unwrap_or_default(), orcid, file)?;
        let a = r.activities_summary.unwrap_or_default();
        for (i, item) in items(a.employments).into_iter().enumerate() {
            self.appointment(item, None, i);
        }
        for (i, item) in items(a.invited_positions).into_iter().enumerate() {
            self.appointment(item, Some("visiting"), i);
        }
        for (i, item) in items(a.educations).into_iter().enumerate() {
            self.education(item, i);
        }
        for (i, item) in items(a.distinctions).into_iter().enumerate() {
            self.distinction(item, i);
        }
        for (i, item) in items(a.services).into_iter().enumerate() {
            self.service(item, i);
        }
        let fundings = a.fundings.unwrap_or_default().group;
        for (i, f) in fundings
            .into_iter()
            .flat_map(|g| g.funding_summary)
            .enumerate()
        {
            self.funding(f, i, file)?;
        }
        let works = a.works.unwrap_or_default().group;
        for (i, w) in works.into_iter().flat_map(|g| g.work_summary).enumerate() {
            self.work(w, i, file)?;
        }
        Ok(self.bundle)
    }

    fn person(&mut self, p: record::Person, orcid: Option<String>, file: &str) -> Result<()> {
        let name = p.name.unwrap_or_default();
        let given = text(&name.given_names);
        let family = text(&name.family_name);
        let joined = match (&given, &family) {
            (Some(g), Some(f)) => Some(format!("{g} {f}")),
            (g, f) => g.clone().or_else(|| f.clone()),
        };
        let display = text(&name.credit_name)
            .or(joined.clone())
            .ok_or_else(|| entry_error(file, "person", "has no name"))?;
        let mut aliases: Vec<String> = p
            .other_names
            .unwrap_or_default()
            .other_name
            .iter()
            .filter_map(|o| text(&o.content))
            .collect();
        aliases.extend(joined.filter(|j| *j != display));
        aliases.sort();
        aliases.dedup();
        aliases.retain(|a| *a != display);
        self.names = std::iter::once(&display)
            .chain(&aliases)
            .map(|n| normalize(n))
            .collect();
        let links = p
            .researcher_urls
            .unwrap_or_default()
            .researcher_url
            .iter()
            .filter_map(|u| {
                let url = text(&u.url).filter(|u| u.starts_with("http"))?;
                let label = text(&u.url_name);
                let kind = label
                    .as_deref()
                    .map(|l| l.to_lowercase())
                    .filter(|k| {
                        k.starts_with(|c: char| c.is_ascii_lowercase())
                            && k.chars()
                                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
                    })
                    .unwrap_or_else(|| "homepage".to_string());
                Some(Link {
                    kind,
                    url: Some(url),
                    label,
                })
            })
            .collect();
        let emails = p
            .emails
            .unwrap_or_default()
            .email
            .iter()
            .filter_map(|e| text(&e.email))
            .filter(|e| {
                e.split('@').count() == 2
                    && !e.starts_with('@')
                    && !e.ends_with('@')
                    && !e.contains(char::is_whitespace)
            })
            .collect();
        self.bundle.people.push(Person {
            key: PERSON.to_string(),
            name: display,
            given,
            family,
            aliases,
            orcid,
            emails,
            links,
            summary: p.biography.and_then(|b| text(&b.content)),
            interests: p
                .keywords
                .unwrap_or_default()
                .keyword
                .iter()
                .filter_map(|k| text(&k.content))
                .collect(),
            ..Default::default()
        });
        Ok(())
    }

    /// The key of the organization an affiliation names (its department
    /// when it names one and `department` is asked for), added once.
    fn organization(&mut self, a: &Affiliation, department: bool, kind: &str) -> Option<String> {
        let org = a.organization.as_ref()?;
        let name = text(&org.name)?;
        let address = org.address.as_ref();
        let key = self.org(&name, None, kind, |o| {
            o.city = address.and_then(|a| text(&a.city));
            o.region = address.and_then(|a| text(&a.region));
            o.country = address.and_then(|a| text(&a.country));
        });
        match text(&a.department_name).filter(|_| department) {
            Some(dept) => Some(self.org(&dept, Some(key), "department", |_| {})),
            None => Some(key),
        }
    }

    fn org(
        &mut self,
        name: &str,
        parent: Option<String>,
        kind: &str,
        fill: impl FnOnce(&mut Organization),
    ) -> String {
        let id = (name.to_string(), parent.clone());
        if let Some(k) = self.orgs.get(&id) {
            return k.clone();
        }
        let mut key = format!("org-{}", slugify(name));
        key.truncate(100);
        while self.orgs.values().any(|k| *k == key) {
            key.push_str("-2");
        }
        let mut o = Organization {
            key: key.clone(),
            name: name.to_string(),
            kind: kind.to_string(),
            parent,
            ..Default::default()
        };
        fill(&mut o);
        self.bundle.organizations.push(o);
        self.orgs.insert(id, key.clone());
        key
    }

    fn appointment(&mut self, a: Affiliation, kind: Option<&str>, i: usize) {
        let Some(organization) = self.organization(&a, true, "university") else {
            return;
        };
        let title = text(&a.role_title).unwrap_or_else(|| "Member".to_string());
        let kind = kind.unwrap_or_else(|| appointment_kind(&title));
        self.bundle.appointments.push(Appointment {
            key: format!("{}-{}", kind_prefix(kind), i + 1),
            person: PERSON.to_string(),
            organization,
            kind: kind.to_string(),
            start: date(&a.start_date),
            end: date(&a.end_date),
            title,
            ..Default::default()
        });
    }

    fn education(&mut self, a: Affiliation, i: usize) {
        let Some(organization) = self.organization(&a, false, "university") else {
            return;
        };
        self.bundle.education.push(Education {
            key: format!("education-{}", i + 1),
            person: PERSON.to_string(),
            organization,
            degree: text(&a.role_title).unwrap_or_else(|| "Degree".to_string()),
            field: text(&a.department_name),
            start: date(&a.start_date),
            end: date(&a.end_date),
            ..Default::default()
        });
    }

    fn distinction(&mut self, a: Affiliation, i: usize) {
        let funder = self.organization(&a, false, "other");
        let Some(title) = text(&a.role_title).or_else(|| text(&a.department_name)) else {
            return;
        };
        self.bundle.grants.push(Grant {
            key: format!("distinction-{}", i + 1),
            person: PERSON.to_string(),
            title,
            kind: "award".to_string(),
            funder,
            start: date(&a.start_date),
            end: date(&a.end_date),
            ..Default::default()
        });
    }

    fn service(&mut self, a: Affiliation, i: usize) {
        let organization = self.organization(&a, true, "other");
        let role = text(&a.role_title).unwrap_or_else(|| "Service".to_string());
        self.bundle.service.push(Service {
            key: format!("service-{}", i + 1),
            person: PERSON.to_string(),
            kind: service_kind(&role).to_string(),
            organization,
            start: date(&a.start_date),
            end: date(&a.end_date),
            role,
            ..Default::default()
        });
    }

    fn funding(&mut self, f: record::Funding, i: usize, file: &str) -> Result<()> {
        let title = f
            .title
            .as_ref()
            .and_then(|t| text(&t.title))
            .ok_or_else(|| entry_error(file, &format!("funding {}", i + 1), "has no title"))?;
        let funder = f.organization.as_ref().and_then(|o| {
            let name = text(&o.name)?;
            let address = o.address.as_ref();
            Some(self.org(&name, None, "funder", |o| {
                o.city = address.and_then(|a| text(&a.city));
                o.region = address.and_then(|a| text(&a.region));
                o.country = address.and_then(|a| text(&a.country));
            }))
        });
        let amount = f.amount.as_ref().and_then(|a| text(&a.value)).filter(|v| {
            let mut parts = v.splitn(2, '.');
            let digits = |s: Option<&str>| {
                s.is_some_and(|s| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
            };
            let whole = digits(parts.next());
            whole && parts.next().is_none_or(|frac| digits(Some(frac)))
        });
        let currency = amount.as_ref().and_then(|_| {
            text(&f.amount.as_ref()?.currency)
                .filter(|c| c.len() == 3 && c.bytes().all(|b| b.is_ascii_uppercase()))
        });
        let award_number = f.external_ids.as_ref().and_then(|ids| {
            ids.external_id.iter().find_map(|id| {
                let kind = text(&id.external_id_type)?;
                let rel = text(&id.external_id_relationship).unwrap_or_else(|| "self".into());
                (kind == "grant_number" && rel == "self").then(|| text(&id.external_id_value))?
            })
        });
        let kind = match text(&f.kind).as_deref() {
            Some("salary-award") => "fellowship",
            Some("award") => "award",
            _ => "grant",
        };
        self.bundle.grants.push(Grant {
            key: format!("funding-{}", i + 1),
            person: PERSON.to_string(),
            title,
            kind: kind.to_string(),
            project: text(&f.short_description),
            funder,
            award_number,
            amount,
            currency,
            start: date(&f.start_date),
            end: date(&f.end_date),
            ..Default::default()
        });
        Ok(())
    }

    fn work(&mut self, w: record::Work, i: usize, file: &str) -> Result<()> {
        let at = || format!("work {}", i + 1);
        let title = w.title.as_ref();
        let main = title
            .and_then(|t| text(&t.title))
            .ok_or_else(|| entry_error(file, &at(), "has no title"))?;
        let title = match title.and_then(|t| text(&t.subtitle)) {
            Some(sub) => format!("{main}: {sub}"),
            None => main,
        };
        let ids = w.external_ids.map(|e| e.external_id).unwrap_or_default();
        let id_of = |kind: &str, clean: fn(&str) -> Option<String>| {
            ids.iter()
                .filter(|id| text(&id.external_id_type).as_deref() == Some(kind))
                .filter_map(|id| clean(&text(&id.external_id_value)?))
                .next()
        };
        let date = date(&w.publication_date);
        let year = w
            .publication_date
            .as_ref()
            .and_then(|d| text(&d.year))
            .and_then(|y| y.parse().ok())
            .filter(|y| (1000..=9999).contains(y));
        let authors = self.authors(w.contributors.map(|c| c.contributor).unwrap_or_default());
        let named = authors.iter().any(|a| a.person.is_some());
        self.bundle.works.push(Work {
            key: format!("work-{}", i + 1),
            title,
            kind: work_kind(&text(&w.kind).unwrap_or_default()).to_string(),
            venue: text(&w.journal_title),
            year,
            date,
            r#abstract: text(&w.short_description),
            doi: id_of("doi", doi),
            arxiv_id: id_of("arxiv", arxiv),
            links: text(&w.url)
                .filter(|u| u.starts_with("http"))
                .map(|url| Link {
                    kind: "url".to_string(),
                    url: Some(url),
                    label: None,
                })
                .into_iter()
                .collect(),
            authors,
            listed_under: (!named).then(|| PERSON.to_string()),
            ..Default::default()
        });
        Ok(())
    }

    /// Authors in sequence order (`first` before `additional`, the
    /// document's order within each), the person linked where named.
    fn authors(&self, list: Vec<record::Contributor>) -> Vec<Contributor> {
        let mut authors: Vec<(bool, String)> = list
            .into_iter()
            .filter(|c| {
                let role = c
                    .contributor_attributes
                    .as_ref()
                    .and_then(|a| text(&a.contributor_role));
                role.is_none_or(|r| r == "author" || r == "co-author")
            })
            .filter_map(|c| {
                let seq = c
                    .contributor_attributes
                    .as_ref()
                    .and_then(|a| text(&a.contributor_sequence));
                Some((seq.as_deref() != Some("first"), text(&c.credit_name)?))
            })
            .collect();
        authors.sort_by_key(|(later, _)| *later);
        authors
            .into_iter()
            .map(|(_, name)| Contributor {
                person: self
                    .names
                    .contains(&normalize(&name))
                    .then(|| PERSON.to_string()),
                name,
                ..Default::default()
            })
            .collect()
    }
}

/// Every affiliation of a section, in the record's order.
fn items(a: Option<Affiliations>) -> Vec<Affiliation> {
    a.unwrap_or_default()
        .affiliation_group
        .into_iter()
        .flat_map(|g| g.into_items())
        .collect()
}

/// An ISO partial date from an ORCID fuzzy date; parts out of range end it.
fn date(d: &Option<FuzzyDate>) -> Option<Date> {
    let d = d.as_ref()?;
    let year: u32 = text(&d.year)?.parse().ok()?;
    if !(1000..=9999).contains(&year) {
        return None;
    }
    let mut iso = format!("{year:04}");
    let part = |t: &Option<record::Text>, max: u32| {
        text(t)
            .and_then(|v| v.parse::<u32>().ok())
            .filter(|v| (1..=max).contains(v))
    };
    if let Some(m) = part(&d.month, 12) {
        iso.push_str(&format!("-{m:02}"));
        if let Some(day) = part(&d.day, 31) {
            iso.push_str(&format!("-{day:02}"));
        }
    }
    Some(Date::Iso(iso))
}

/// A DOI as the bundle has it (`10.…/…`), from a bare or resolver form.
fn doi(v: &str) -> Option<String> {
    let v = v.trim();
    let lower = v.to_ascii_lowercase();
    let start = [
        "https://doi.org/",
        "http://doi.org/",
        "https://dx.doi.org/",
        "http://dx.doi.org/",
        "doi:",
    ]
    .iter()
    .find(|p| lower.starts_with(*p))
    .map_or(0, |p| p.len());
    let d = &v[start..];
    let (prefix, rest) = d.split_once('/')?;
    let registrant = prefix.strip_prefix("10.")?;
    let ok = (4..=9).contains(&registrant.len())
        && registrant.bytes().all(|b| b.is_ascii_digit())
        && !rest.is_empty()
        && !rest.contains(char::is_whitespace);
    ok.then(|| d.to_string())
}

/// An arXiv id as the bundle has it (`2402.01234v2`, `hep-th/9901001`).
fn arxiv(v: &str) -> Option<String> {
    let v = v.trim();
    let v = v
        .strip_prefix("arXiv:")
        .or_else(|| v.strip_prefix("arxiv:"))
        .unwrap_or(v);
    let v = v.rsplit_once("arxiv.org/abs/").map_or(v, |(_, id)| id);
    let base = match v.rsplit_once('v') {
        Some((b, n)) if !n.is_empty() && n.bytes().all(|c| c.is_ascii_digit()) => b,
        _ => v,
    };
    let new_style = base.split_once('.').is_some_and(|(a, b)| {
        a.len() == 4
            && a.bytes().all(|c| c.is_ascii_digit())
            && (4..=5).contains(&b.len())
            && b.bytes().all(|c| c.is_ascii_digit())
    });
    let old_style = base.split_once('/').is_some_and(|(a, b)| {
        let archive = a.split('.').next().unwrap_or("");
        !archive.is_empty()
            && archive.bytes().all(|c| c.is_ascii_lowercase() || c == b'-')
            && b.len() == 7
            && b.bytes().all(|c| c.is_ascii_digit())
    });
    (new_style || old_style).then(|| v.to_string())
}

/// Whether `o` has an ORCID iD's shape: four groups of four digits, the
/// last character a digit or `X`.
pub(super) fn is_orcid(o: &str) -> bool {
    let b = o.as_bytes();
    b.len() == 19
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 9 | 14 => *c == b'-',
            18 => c.is_ascii_digit() || *c == b'X',
            _ => c.is_ascii_digit(),
        })
}

/// An appointment's kind from its title, as far as the title tells it.
fn appointment_kind(title: &str) -> &'static str {
    let t = title.to_lowercase();
    if t.contains("postdoc") || t.contains("post-doc") {
        "postdoc"
    } else if t.contains("professor") || t.contains("lecturer") || t.contains("faculty") {
        "faculty"
    } else if t.contains("fellow") {
        "fellowship"
    } else if t.contains("student") || t.contains("intern") {
        "student"
    } else if t.contains("research") || t.contains("scientist") || t.contains("scholar") {
        "research_staff"
    } else {
        "other"
    }
}

fn kind_prefix(kind: &str) -> &'static str {
    match kind {
        "visiting" => "invited-position",
        _ => "employment",
    }
}

/// A service's kind from its role, as far as the role tells it.
fn service_kind(role: &str) -> &'static str {
    let r = role.to_lowercase();
    if r.contains("review") || r.contains("referee") {
        "reviewing"
    } else if r.contains("organiz") || r.contains("organis") || r.contains("chair") {
        "organizing"
    } else if r.contains("editor") {
        "editorial"
    } else if r.contains("committee") {
        "committee"
    } else if r.contains("mentor") {
        "mentoring"
    } else {
        "other"
    }
}

/// The Vitae kind of an ORCID work type (the export's mapping, reversed).
fn work_kind(orcid: &str) -> &'static str {
    match orcid {
        "journal-article" | "journal-issue" | "review" | "magazine-article" => "journal_article",
        "conference-paper" | "conference-abstract" | "conference-poster" => "conference_paper",
        "preprint" | "working-paper" => "preprint",
        "dissertation-thesis" | "dissertation" => "thesis",
        "book" | "edited-book" => "book",
        "book-chapter" => "chapter",
        "report" | "research-technique" => "report",
        _ => "other",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_are_read_in_the_bundles_form_or_dropped() {
        assert_eq!(
            doi("https://doi.org/10.1087/20120404").as_deref(),
            Some("10.1087/20120404")
        );
        assert_eq!(doi("work:doi"), None);
        assert_eq!(arxiv("arXiv:2402.01234v2").as_deref(), Some("2402.01234v2"));
        assert_eq!(arxiv("hep-th/9901001").as_deref(), Some("hep-th/9901001"));
        assert_eq!(arxiv("not-an-id"), None);
        assert!(is_orcid("0000-0002-4325-871X"));
        assert!(!is_orcid("0000-0002-4325"));
    }
}
