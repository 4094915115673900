//! The one path by which facts enter the store. A file is parsed and
//! validated whole (`validate`), then merged in one transaction (`merge`):
//! a file that fails anywhere writes nothing.

pub mod bundle;
pub mod merge;
pub mod readers;
pub mod validate;

use std::path::Path;

use crate::store::Store;
use crate::{Error, Result};

/// What one file brought in.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    pub bundles: usize,
    pub people: usize,
    pub works: usize,
}

/// From this many works in one file on, the derived tables (each person's
/// works and co-authors) are rebuilt once after the merge instead of row by
/// row during it.
const BULK_WORKS: usize = 10_000;

/// Brings an opened store's merged values up to today's rules: the sources
/// a migration queued are merged again from their stored bundles, and the
/// works a migration queued are chosen again from their statements, each in
/// one write transaction (none when nothing is queued). Every command and
/// the server call it right after `Store::open`, so an upgraded store
/// answers as a fresh import of its sources would.
pub fn catch_up(store: &Store) -> Result<usize> {
    let sources = reread_queued(store)?;
    let queued = store.read(|c| Ok(!crate::store::work::queued_for_remerge(c, 1)?.is_empty()))?;
    if !queued {
        return Ok(sources);
    }
    let n = store.write(|tx| merge::remerge_queued(tx))?;
    tracing::info!(works = n, "chose the queued works' author lists again");
    Ok(sources + n)
}

/// Merges again every source a migration queued (`source_to_reread`: the
/// store gained something only the bundles hold, such as the documents'
/// order), from the bundle stored with it: one transaction, then the
/// search index rebuilt. Returns how many sources.
fn reread_queued(store: &Store) -> Result<usize> {
    use crate::store::source;
    let queued = store.read(|c| source::queued_for_reread(c, 1))?;
    if queued.is_empty() {
        return Ok(0);
    }
    let n = store.write_bulk(|tx| {
        let queued = source::queued_for_reread(tx, usize::MAX >> 1)?;
        for &id in &queued {
            let text = source::bundle(tx, id)?;
            // Validated when it was imported, and stored as serialized.
            let b: bundle::Bundle = serde_json::from_str(&text).map_err(Error::internal)?;
            merge::merge(tx, &b)?;
            source::reread(tx, id)?;
        }
        crate::store::search::rebuild(tx)?;
        Ok(queued.len())
    })?;
    store.optimize()?;
    tracing::info!(
        sources = n,
        "merged the queued sources again from their stored bundles"
    );
    Ok(n)
}

/// Imports one file (a bundle or an export) in one transaction.
pub fn import_file(store: &Store, path: &Path) -> Result<Summary> {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path)
        .map_err(|e| Error::bad_input(name.clone(), format!("cannot read the file: {e}")))?;
    let bundles = validate::parse(&text, &name)?;
    // Every fact is in `bundles` now: the text need not stay for the merge.
    drop(text);
    merge_all(store, &bundles)
}

/// The person with `slug` as the owner of imported lists; `NotFound`
/// when there is none.
pub fn owner(store: &Store, slug: &str) -> Result<readers::Owner> {
    store.read(|c| {
        let p = crate::store::person::by_slug(c, slug)?.ok_or_else(|| Error::NotFound {
            kind: "person with slug",
            key: slug.to_string(),
        })?;
        let aliases = crate::store::person::aliases_for(c, &[p.id.0])?
            .remove(&p.id.0)
            .unwrap_or_default();
        let names = std::iter::once(&p.name)
            .chain(&aliases)
            .map(|n| crate::domain::name::normalize(n))
            .collect();
        Ok(readers::Owner {
            slug: p.slug,
            name: p.name,
            names,
        })
    })
}

/// Imports one file in `format` (by its name and content when `None`), in
/// one transaction; `owner` is the person whose list the file is.
pub fn import_file_as(
    store: &Store,
    path: &Path,
    format: Option<readers::ReadFormat>,
    owner: Option<&readers::Owner>,
) -> Result<Summary> {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path)
        .map_err(|e| Error::bad_input(name.clone(), format!("cannot read the file: {e}")))?;
    // A byte-order mark (Windows tools write one) is no part of the format.
    let body = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let format = match format.or_else(|| readers::ReadFormat::detect(path, body)) {
        Some(f) => f,
        None => {
            return Err(Error::bad_input(
                name,
                "cannot tell the format from the name or content: give --format",
            ))
        }
    };
    if format != readers::ReadFormat::Bundle && body.len() > readers::MAX_FILE_BYTES {
        return Err(Error::bad_input(
            name,
            format!(
                "is {} bytes: an import of {} reads at most {} MiB (split it)",
                body.len(),
                format.name(),
                readers::MAX_FILE_BYTES >> 20
            ),
        ));
    }
    let bundles = readers::read(format, body, &name, owner)?;
    drop(text);
    if bundles.is_empty() {
        // The file states nothing (an arXiv query without results).
        return Ok(Summary::default());
    }
    merge_all(store, &bundles)
}

/// Imports the text of a bundle or export file in one transaction.
pub fn import_text(store: &Store, text: &str, name: &str) -> Result<Summary> {
    let bundles = validate::parse(text, name)?;
    merge_all(store, &bundles)
}

/// Merges validated bundles in one transaction, then rebuilds the search
/// index (and, for a bulk load, the per-person work lists).
fn merge_all(store: &Store, bundles: &[bundle::Bundle]) -> Result<Summary> {
    let works: usize = bundles.iter().map(|b| b.works.len()).sum();
    let summary = store.write_bulk(|tx| {
        let bulk = match works >= BULK_WORKS {
            true => Some(crate::store::derived::suspend(tx)?),
            false => None,
        };
        let mut summary = Summary::default();
        for b in bundles {
            merge::merge(tx, b)?;
            summary.bundles += 1;
            summary.people += b.people.len();
            summary.works += b.works.len();
        }
        if let Some(upkeep) = bulk {
            crate::store::derived::rebuild(tx, upkeep)?;
        }
        crate::store::search::rebuild(tx)?;
        Ok(summary)
    })?;
    store.optimize()?;
    Ok(summary)
}
