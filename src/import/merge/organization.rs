//! Organizations: matched by folded name or alias under the same parent,
//! created parents first, and their location chosen from every source's
//! statement. Apart from people because the parent chain is part of an
//! organization's identity.

use rusqlite::Connection;

use super::rank::{rank, Fields};
use super::{json, Ids};
use crate::domain::id::{OrganizationId, SourceId};
use crate::domain::name::{normalize, slugify};
use crate::import::bundle::{self, Bundle};
use crate::store::source::Placement;
use crate::store::{organization, source};
use crate::{Error, Result};

pub(super) fn merge_organizations(
    conn: &Connection,
    b: &Bundle,
    src: SourceId,
    ids: &mut Ids,
) -> Result<()> {
    // Parents before children: validation has ruled out cycles.
    let mut pending: Vec<(usize, &bundle::Organization)> =
        b.organizations.iter().enumerate().collect();
    while !pending.is_empty() {
        let before = pending.len();
        let mut rest = Vec::new();
        for (i, o) in pending {
            let parent = match &o.parent {
                Some(p) => match ids.orgs.get(p) {
                    Some(id) => Some(*id),
                    None => {
                        rest.push((i, o));
                        continue;
                    }
                },
                None => None,
            };
            let id = merge_organization(conn, o, parent)?;
            source::attest(
                conn,
                src,
                "organization",
                id.0,
                &json(o)?,
                Placement::at(i, None, None),
            )?;
            recompute_organization(conn, id)?;
            ids.orgs.insert(o.key.clone(), id);
        }
        if rest.len() == before {
            return Err(Error::bad_input("/organizations", "parents form a cycle"));
        }
        pending = rest;
    }
    Ok(())
}

fn merge_organization(
    conn: &Connection,
    o: &bundle::Organization,
    parent: Option<OrganizationId>,
) -> Result<OrganizationId> {
    let norm = normalize(&o.name);
    let values = organization::OrganizationValues {
        name: &o.name,
        norm: &norm,
        kind: &o.kind,
        parent,
        city: o.city.as_deref(),
        region: o.region.as_deref(),
        country: o.country.as_deref(),
        url: o.url.as_deref(),
    };
    let mut found = organization::find(conn, &norm, parent)?;
    for alias in &o.aliases {
        if found.is_none() {
            found = organization::find(conn, &normalize(alias), parent)?;
        }
    }
    let id = match found {
        Some(id) => {
            organization::add_alias(conn, id, &o.name, &norm)?;
            id
        }
        None => organization::insert(conn, &slugify(&o.name), &values)?,
    };
    for alias in &o.aliases {
        organization::add_alias(conn, id, alias, &normalize(alias))?;
    }
    Ok(id)
}

/// An organization's location and URL from the statements of its sources,
/// by the precedence of `Fields::Profile` (a CV knows its own institutions
/// best), then source key: the same for any import order. Its name stays
/// the one it was created under (other names are aliases).
pub(super) fn recompute_organization(conn: &Connection, id: OrganizationId) -> Result<()> {
    let mut stated: Vec<(i32, String, bundle::Organization)> = Vec::new();
    for (kind, key, data) in source::statements(conn, "organization", id.0)? {
        let o: bundle::Organization = serde_json::from_str(&data).map_err(Error::internal)?;
        stated.push((rank(&kind, Fields::Profile), key, o));
    }
    stated.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    let pick = |f: &dyn Fn(&bundle::Organization) -> Option<String>| {
        stated.iter().find_map(|(_, _, o)| f(o))
    };
    let place = organization::Place {
        city: pick(&|o| o.city.clone()),
        region: pick(&|o| o.region.clone()),
        country: pick(&|o| o.country.clone()),
        url: pick(&|o| o.url.clone()),
    };
    organization::set_place(conn, id, &place)
}
