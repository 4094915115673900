//! People: matched by ORCID, then email, then a stated slug, then any folded
//! name form; printed author names that link to no person; and the display
//! values chosen from every source's statement. Its own module because who
//! a person is decides everything else a bundle says about them.

use rusqlite::Connection;

use super::rank::{rank, Fields};
use super::{json, Ids};
use crate::domain::id::{PersonId, SourceId};
use crate::domain::name::{normalize, slugify};
use crate::import::bundle::{self, Bundle};
use crate::store::source::Placement;
use crate::store::{person, source};
use crate::{Error, Result};

pub(super) fn merge_people(
    conn: &Connection,
    b: &Bundle,
    src: SourceId,
    ids: &mut Ids,
) -> Result<()> {
    for (i, p) in b.people.iter().enumerate() {
        let id = match_person(conn, p)?;
        for name in std::iter::once(&p.name).chain(&p.aliases) {
            person::add_name(conn, id, name, &normalize(name))?;
        }
        for e in &p.emails {
            person::add_email(conn, id, e)?;
        }
        for l in &p.links {
            let link = person::LinkRow {
                kind: l.kind.clone(),
                url: l.url.clone(),
                label: l.label.clone(),
            };
            person::add_link(conn, id, &link)?;
        }
        for i in &p.interests {
            person::add_interest(conn, id, "interest", i)?;
        }
        for t in &p.topics {
            person::add_interest(conn, id, "topic", t)?;
        }
        source::attest(
            conn,
            src,
            "person",
            id.0,
            &json(p)?,
            Placement::at(i, None, None),
        )?;
        recompute_person(conn, id)?;
        ids.people.insert(p.key.clone(), id);
    }
    Ok(())
}

fn match_person(conn: &Connection, p: &bundle::Person) -> Result<PersonId> {
    if let Some(id) = p
        .orcid
        .as_deref()
        .map(|o| person::find_by_orcid(conn, o))
        .transpose()?
        .flatten()
    {
        return Ok(id);
    }
    for e in &p.emails {
        if let Some(id) = person::find_by_email(conn, e)? {
            return Ok(id);
        }
    }
    if let Some(slug) = &p.slug {
        return match person::find_by_slug(conn, slug)? {
            Some(id) => Ok(id),
            None => person::insert(conn, slug, &p.name),
        };
    }
    for name in std::iter::once(&p.name).chain(&p.aliases) {
        if let Some(id) = person::find_by_name(conn, &normalize(name))?.first() {
            return Ok(*id);
        }
    }
    person::insert(conn, &slugify(&p.name), &p.name)
}

/// The person a printed name stands for when the bundle links none: the
/// oldest person with that name form, or a new one.
pub(super) fn person_for_name(conn: &Connection, src: SourceId, name: &str) -> Result<PersonId> {
    let norm = normalize(name);
    let id = match person::find_by_name(conn, &norm)?.first() {
        Some(id) => *id,
        None => {
            let id = person::insert(conn, &slugify(name), name)?;
            person::add_name(conn, id, name, &norm)?;
            person::set_values(
                conn,
                id,
                &person::PersonValues {
                    name: name.to_string(),
                    ..Default::default()
                },
            )?;
            id
        }
    };
    // A bare printed name never replaces what this source says of the person.
    let stated = serde_json::json!({ "key": "", "name": name });
    source::attest_if_absent(conn, src, "person", id.0, &stated.to_string())?;
    Ok(id)
}

/// Chooses a person's display values from every source's statement.
pub(super) fn recompute_person(conn: &Connection, id: PersonId) -> Result<()> {
    let mut stated: Vec<(i32, String, bundle::Person)> = Vec::new();
    for (kind, key, data) in source::statements(conn, "person", id.0)? {
        let p: bundle::Person = serde_json::from_str(&data).map_err(Error::internal)?;
        // A bare name printed in an author list ranks below any person entry.
        let r = if p.key.is_empty() {
            -1
        } else {
            rank(&kind, Fields::Profile)
        };
        stated.push((r, key, p));
    }
    stated.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    let Some((_, _, top)) = stated.first() else {
        return Ok(());
    };
    let pick =
        |f: &dyn Fn(&bundle::Person) -> Option<String>| stated.iter().find_map(|(_, _, p)| f(p));
    let values = person::PersonValues {
        name: top.name.clone(),
        given: pick(&|p| p.given.clone()),
        family: pick(&|p| p.family.clone()),
        orcid: pick(&|p| p.orcid.clone()),
        address: pick(&|p| p.address.clone()),
        phone: pick(&|p| p.phone.clone()),
        summary: pick(&|p| p.summary.clone()),
    };
    person::set_values(conn, id, &values)
}
