//! What an export reads from the store, once, in one read transaction: a
//! person's profile with every career fact resolved to names (`Profile`),
//! and a list of works with their authors, identifiers and notes
//! (`ExportWork`). Every format writes from these plain values, so a format
//! is a function of its input and knows nothing of SQL.

use std::collections::HashMap;

use rusqlite::Connection;

use crate::domain::id::PersonId;
use crate::store::person::{LinkRow, PersonRow};
use crate::store::work::{self, AuthorshipRow, WorkOrder, WorkQuery, WorkRow};
use crate::store::{
    appointment, award, education, organization, patent, person, service, talk, teaching,
};
use crate::{Error, Result};

/// A work with what every format needs of it.
#[derive(Debug, Clone)]
pub struct ExportWork {
    pub work: WorkRow,
    /// The author list in order, each with the person's slug.
    pub authors: Vec<ExportAuthor>,
    pub categories: Vec<String>,
    pub links: Vec<LinkRow>,
    pub notes: Vec<String>,
}

impl ExportWork {
    /// Whether any source names an author: a work without a known author
    /// list is "authors unknown", never an empty list.
    pub fn authors_known(&self) -> bool {
        !self.authors.is_empty()
    }

    /// The publication's date as an ISO partial date: the whole date where
    /// it is of the work's year, else the year alone (a preprint posted the
    /// year before its venue's).
    pub fn published(&self) -> Option<String> {
        match (&self.work.issued, self.work.year) {
            (Some(iso), Some(y)) if !iso.starts_with(&format!("{y:04}")) => Some(format!("{y:04}")),
            (Some(iso), _) => Some(iso.clone()),
            (None, Some(y)) => Some(format!("{y:04}")),
            (None, None) => None,
        }
    }
}

/// One entry of an author list.
#[derive(Debug, Clone)]
pub struct ExportAuthor {
    /// The name as printed.
    pub name: String,
    pub slug: String,
    /// Marked as equal contribution.
    pub equal: bool,
}

/// A person's profile: who they are and every career fact, with the names
/// of the organizations and people the facts refer to.
#[derive(Debug, Clone)]
pub struct Profile {
    pub person: PersonRow,
    pub aliases: Vec<String>,
    pub emails: Vec<String>,
    pub links: Vec<LinkRow>,
    /// (kind, text): research interests and topics.
    pub interests: Vec<(String, String)>,
    pub appointments: Vec<Appointment>,
    pub education: Vec<Education>,
    pub grants: Vec<Grant>,
    pub talks: Vec<Talk>,
    pub patents: Vec<Patent>,
    pub teaching: Vec<Teaching>,
    pub service: Vec<Service>,
    /// The works the person is an author of, newest first.
    pub works: Vec<ExportWork>,
}

#[derive(Debug, Clone)]
pub struct Appointment {
    pub row: appointment::AppointmentRow,
    pub organization: String,
    pub mentors: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Education {
    pub row: education::EducationRow,
    pub organization: String,
    /// (role: advisor or mentor, name).
    pub advisors: Vec<(String, String)>,
    pub thesis: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Grant {
    pub row: award::AwardRow,
    pub funder: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Talk {
    pub row: talk::TalkRow,
    /// Each presentation with its host's name.
    pub presentations: Vec<(talk::PresentationRow, Option<String>)>,
}

#[derive(Debug, Clone)]
pub struct Patent {
    pub row: patent::PatentRow,
    pub inventors: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Teaching {
    pub row: teaching::TeachingRow,
    pub organization: Option<String>,
    /// (season, year).
    pub terms: Vec<(String, i32)>,
}

#[derive(Debug, Clone)]
pub struct Service {
    pub row: service::ServiceRow,
    pub organization: Option<String>,
    pub venues: Vec<String>,
}

/// The profile of the person with `slug`; `NotFound` when there is none.
pub fn profile(conn: &Connection, slug: &str) -> Result<Profile> {
    let person = person::by_slug(conn, slug)?.ok_or_else(|| Error::NotFound {
        kind: "person with slug",
        key: slug.to_string(),
    })?;
    let id = [person.id.0];
    let pid = person.id.0;
    let works = works(
        conn,
        &WorkQuery {
            author: Some(person.id),
            ..Default::default()
        },
    )?;
    let mut names = Names::default();
    Ok(Profile {
        aliases: take(person::aliases_for(conn, &id)?, pid),
        emails: take(person::emails_for(conn, &id)?, pid),
        links: take(person::links_for(conn, &id)?, pid),
        interests: take(person::interests_for(conn, &id)?, pid),
        appointments: appointments(
            conn,
            take(appointment::for_people(conn, &id)?, pid),
            &mut names,
        )?,
        education: educations(
            conn,
            take(education::for_people(conn, &id)?, pid),
            &mut names,
        )?,
        grants: grants(conn, take(award::for_people(conn, &id)?, pid), &mut names)?,
        talks: talks(conn, take(talk::for_people(conn, &id)?, pid), &mut names)?,
        patents: patents(conn, take(patent::for_people(conn, &id)?, pid))?,
        teaching: teachings(
            conn,
            take(teaching::for_people(conn, &id)?, pid),
            &mut names,
        )?,
        service: services(conn, take(service::for_people(conn, &id)?, pid), &mut names)?,
        works,
        person,
    })
}

/// Every work `q` selects, newest first, read page by page in index order.
pub fn works(conn: &Connection, q: &WorkQuery) -> Result<Vec<ExportWork>> {
    const PAGE: usize = 500;
    let mut rows: Vec<WorkRow> = Vec::new();
    let mut at: Option<work::After> = None;
    loop {
        let page = work::page(conn, q, WorkOrder::DateDesc, at.as_ref(), false, PAGE)?;
        at = page.last().map(|r| work::After {
            key: r.key(WorkOrder::DateDesc),
            id: r.work.id,
        });
        let full = page.len() == PAGE;
        rows.extend(page.into_iter().map(|r| r.work));
        if !full {
            break;
        }
    }
    with_details(conn, rows)
}

/// The works with these row ids (those that exist), in the order given.
pub fn works_by_ids(conn: &Connection, ids: &[i64]) -> Result<Vec<ExportWork>> {
    let mut rows = work::by_ids(conn, ids)?;
    rows.sort_by_key(|w| ids.iter().position(|i| *i == w.id));
    with_details(conn, rows)
}

/// Works with their authors, categories, links and notes, loaded in batches.
fn with_details(conn: &Connection, rows: Vec<WorkRow>) -> Result<Vec<ExportWork>> {
    let mut out = Vec::with_capacity(rows.len());
    for chunk in rows.chunks(500) {
        let ids: Vec<i64> = chunk.iter().map(|w| w.id).collect();
        let mut authors = work::authorships_for(conn, &ids)?;
        let mut categories = work::categories_for(conn, &ids)?;
        let mut links = work::links_for(conn, &ids)?;
        let mut notes = work::notes_for(conn, &ids)?;
        let people: Vec<i64> = authors.values().flatten().map(|a| a.person_id.0).collect();
        let slugs: HashMap<i64, String> = person::by_ids(conn, &people)?
            .into_iter()
            .map(|p| (p.id.0, p.slug))
            .collect();
        for w in chunk {
            let list = authors.remove(&w.id).unwrap_or_default();
            out.push(ExportWork {
                authors: list.iter().map(|a| author(a, &slugs)).collect(),
                categories: categories.remove(&w.id).unwrap_or_default(),
                links: links.remove(&w.id).unwrap_or_default(),
                notes: notes.remove(&w.id).unwrap_or_default(),
                work: w.clone(),
            });
        }
    }
    Ok(out)
}

fn author(a: &AuthorshipRow, slugs: &HashMap<i64, String>) -> ExportAuthor {
    ExportAuthor {
        name: a.name.clone(),
        slug: slugs.get(&a.person_id.0).cloned().unwrap_or_default(),
        equal: a.equal_contribution,
    }
}

/// Names of organizations and people, looked up once each.
#[derive(Default)]
struct Names {
    orgs: HashMap<i64, String>,
    people: HashMap<i64, String>,
}

impl Names {
    fn org(&mut self, conn: &Connection, id: i64) -> Result<String> {
        if let Some(n) = self.orgs.get(&id) {
            return Ok(n.clone());
        }
        let name = organization::by_ids(conn, &[id])?
            .pop()
            .map(|o| o.name)
            .ok_or_else(|| Error::internal(format!("organization {id} is missing")))?;
        self.orgs.insert(id, name.clone());
        Ok(name)
    }

    fn person(&mut self, conn: &Connection, id: PersonId) -> Result<String> {
        if let Some(n) = self.people.get(&id.0) {
            return Ok(n.clone());
        }
        let name = person::by_ids(conn, &[id.0])?
            .pop()
            .map(|p| p.name)
            .ok_or_else(|| Error::internal(format!("person {} is missing", id.0)))?;
        self.people.insert(id.0, name.clone());
        Ok(name)
    }

    fn maybe_org(&mut self, conn: &Connection, id: Option<i64>) -> Result<Option<String>> {
        id.map(|id| self.org(conn, id)).transpose()
    }
}

/// The rows of one person in a per-person map.
fn take<T>(mut rows: HashMap<i64, Vec<T>>, person: i64) -> Vec<T> {
    rows.remove(&person).unwrap_or_default()
}

fn ids_of<T>(rows: &[T], id: impl Fn(&T) -> i64) -> Vec<i64> {
    rows.iter().map(id).collect()
}

fn appointments(
    conn: &Connection,
    rows: Vec<appointment::AppointmentRow>,
    names: &mut Names,
) -> Result<Vec<Appointment>> {
    let mut mentors = appointment::mentors_for(conn, &ids_of(&rows, |r| r.id.0))?;
    rows.into_iter()
        .map(|row| {
            let mentors = mentors.remove(&row.id.0).unwrap_or_default();
            Ok(Appointment {
                organization: names.org(conn, row.organization_id.0)?,
                mentors: mentors
                    .into_iter()
                    .map(|p| names.person(conn, p))
                    .collect::<Result<_>>()?,
                row,
            })
        })
        .collect()
}

fn educations(
    conn: &Connection,
    rows: Vec<education::EducationRow>,
    names: &mut Names,
) -> Result<Vec<Education>> {
    let mut advisors = education::advisors_for(conn, &ids_of(&rows, |r| r.id.0))?;
    rows.into_iter()
        .map(|row| {
            let thesis = match row.thesis_id {
                Some(w) => work::by_ids(conn, &[w.0])?.pop().map(|w| w.title),
                None => None,
            };
            Ok(Education {
                organization: names.org(conn, row.organization_id.0)?,
                advisors: advisors
                    .remove(&row.id.0)
                    .unwrap_or_default()
                    .into_iter()
                    .map(|(role, p)| Ok((role, names.person(conn, p)?)))
                    .collect::<Result<_>>()?,
                thesis,
                row,
            })
        })
        .collect()
}

fn grants(conn: &Connection, rows: Vec<award::AwardRow>, names: &mut Names) -> Result<Vec<Grant>> {
    rows.into_iter()
        .map(|row| {
            Ok(Grant {
                funder: names.maybe_org(conn, row.funder_id.map(|o| o.0))?,
                row,
            })
        })
        .collect()
}

fn talks(conn: &Connection, rows: Vec<talk::TalkRow>, names: &mut Names) -> Result<Vec<Talk>> {
    let mut given = talk::presentations_for(conn, &ids_of(&rows, |r| r.id.0))?;
    rows.into_iter()
        .map(|row| {
            let presentations = given
                .remove(&row.id.0)
                .unwrap_or_default()
                .into_iter()
                .map(|p| {
                    let host = names.maybe_org(conn, p.host_id.map(|o| o.0))?;
                    Ok((p, host))
                })
                .collect::<Result<_>>()?;
            Ok(Talk { row, presentations })
        })
        .collect()
}

fn patents(conn: &Connection, rows: Vec<patent::PatentRow>) -> Result<Vec<Patent>> {
    let mut inventors = patent::inventors_for(conn, &ids_of(&rows, |r| r.id.0))?;
    Ok(rows
        .into_iter()
        .map(|row| Patent {
            inventors: inventors
                .remove(&row.id.0)
                .unwrap_or_default()
                .into_iter()
                .map(|i| i.name)
                .collect(),
            row,
        })
        .collect())
}

fn teachings(
    conn: &Connection,
    rows: Vec<teaching::TeachingRow>,
    names: &mut Names,
) -> Result<Vec<Teaching>> {
    let mut terms = teaching::terms_for(conn, &ids_of(&rows, |r| r.id.0))?;
    rows.into_iter()
        .map(|row| {
            Ok(Teaching {
                organization: names.maybe_org(conn, row.organization_id.map(|o| o.0))?,
                terms: terms.remove(&row.id.0).unwrap_or_default(),
                row,
            })
        })
        .collect()
}

fn services(
    conn: &Connection,
    rows: Vec<service::ServiceRow>,
    names: &mut Names,
) -> Result<Vec<Service>> {
    let mut venues = service::venues_for(conn, &ids_of(&rows, |r| r.id.0))?;
    rows.into_iter()
        .map(|row| {
            Ok(Service {
                organization: names.maybe_org(conn, row.organization_id.map(|o| o.0))?,
                venues: venues.remove(&row.id.0).unwrap_or_default(),
                row,
            })
        })
        .collect()
}
