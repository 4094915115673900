//! Provenance, said once. Every attested object (a person, an organization,
//! a work, each career fact) serves `sources` and `statements`, and each
//! career fact `statedBy`: the same resolvers over the same loaders, written
//! here and added to each object's `#[Object]` impl by `attested_object!`
//! (and `career_object!`), so that a new kind of fact gets them by being
//! declared, not by copying them.

use async_graphql::{Context, Object};

use super::source::{self, Source};
use super::{load_list, load_many};
use crate::graphql::error::GqlResult;
use crate::graphql::loaders::{SourceById, StatementsOf};
use crate::graphql::scalars;
use crate::store::source::SourceRow;
use crate::Error;

/// An object whose facts sources attest: the attestations' entity name and
/// the object's row id.
pub trait Attested {
    /// The entity name of its attestations (`appointment`, `award` …).
    const ENTITY: &'static str;
    /// Its row id.
    fn row_id(&self) -> i64;
}

/// Writes an attested object's `#[Object]` impl (the caller writes the
/// attribute, so that the names async-graphql's macro makes are the
/// caller's): the fields it declares, then `sources` and `statements`.
macro_rules! attested_object {
    ($(#$attr:tt)* impl $ty:ident { $($body:tt)* }) => {
        $(#$attr)*
        impl $ty {
            $($body)*
            /// The sources that state it, by source key.
            async fn sources(
                &self,
                ctx: &async_graphql::Context<'_>,
            ) -> async_graphql::Result<Vec<$crate::graphql::source::Source>> {
                use $crate::graphql::attested::Attested;
                $crate::graphql::source::sources(ctx, <$ty as Attested>::ENTITY, self.row_id())
                    .await
            }
            /// What each source states about it, in the source's own values
            /// (untyped JSON), by source key.
            async fn statements(
                &self,
                ctx: &async_graphql::Context<'_>,
            ) -> async_graphql::Result<Vec<$crate::graphql::source::Statement>> {
                use $crate::graphql::attested::Attested;
                $crate::graphql::source::statements(ctx, <$ty as Attested>::ENTITY, self.row_id())
                    .await
            }
        }
    };
}

/// Writes a career fact's `#[Object]` impl: an attested object that also
/// serves `statedBy`, each source's statement of it typed where sources
/// word a career fact their own way.
macro_rules! career_object {
    ($(#$attr:tt)* impl $ty:ident { $($body:tt)* }) => {
        attested_object! {
            $(#$attr)*
            impl $ty {
                $($body)*
                /// Each source's own statement of it: where the document puts it
                /// (`position`, `section`), how it prints the organization
                /// (`organizationAsPrinted`), and the whole statement (`fact`); by
                /// source key, or only the one of the source with key `source`.
                async fn stated_by(
                    &self,
                    ctx: &async_graphql::Context<'_>,
                    #[graphql(
                        desc = "A source's `key`: only that source's statement (none when it does not state this). Every source's when left out."
                    )]
                    source: Option<String>,
                ) -> async_graphql::Result<Vec<$crate::graphql::attested::FactStatement>> {
                    use $crate::graphql::attested::Attested;
                    $crate::graphql::attested::stated_by(
                        ctx,
                        <$ty as Attested>::ENTITY,
                        self.row_id(),
                        source.as_deref(),
                    )
                    .await
                }
            }
        }
    };
}

/// Every source's statement of a fact as (source, the source's JSON), in
/// source-key order, or only the one of the source with key `only`.
pub async fn stated(
    ctx: &Context<'_>,
    entity: &'static str,
    id: i64,
    only: Option<&str>,
) -> async_graphql::Result<Vec<(SourceRow, serde_json::Value)>> {
    let said = load_list(ctx, StatementsOf(entity, id)).await?;
    let mut sources: std::collections::HashMap<i64, SourceRow> =
        load_many(ctx, said.iter().map(|(s, _)| SourceById(*s)).collect())
            .await?
            .into_iter()
            .map(|row| (row.id.0, row))
            .collect();
    said.into_iter()
        .filter_map(|(id, data)| sources.remove(&id).map(|row| (row, data)))
        .filter(|(row, _)| only.is_none_or(|k| k == row.key))
        .map(|(row, data)| {
            let fact = serde_json::from_str(&data).map_err(Error::internal).gql()?;
            Ok((row, fact))
        })
        .collect()
}

/// Each source's statement of a career fact, typed.
pub async fn stated_by(
    ctx: &Context<'_>,
    entity: &'static str,
    id: i64,
    only: Option<&str>,
) -> async_graphql::Result<Vec<FactStatement>> {
    Ok(stated(ctx, entity, id, only)
        .await?
        .into_iter()
        .map(|(source, fact)| FactStatement { source, fact })
        .collect())
}

/// One source's statement of a career fact.
pub struct FactStatement {
    source: SourceRow,
    fact: serde_json::Value,
}

impl FactStatement {
    fn text(&self, key: &str) -> Option<&str> {
        self.fact.get(key).and_then(serde_json::Value::as_str)
    }
}

/// One source's own statement of a career fact (a position, a degree, a
/// grant, a talk, a patent, a course, a service role): where its document
/// puts the fact and how it words it. The display object holds the values
/// chosen from every source; this is what one source printed.
#[Object]
impl FactStatement {
    /// The source that states it.
    async fn source(&self) -> Source {
        Source(self.source.clone())
    }
    /// The number this source gives the fact in its list, as it counts;
    /// null where it counts none.
    async fn position(&self) -> Option<i32> {
        let n = self
            .fact
            .get("position")
            .and_then(serde_json::Value::as_i64);
        n.and_then(|n| i32::try_from(n).ok())
    }
    /// The heading the fact sits under in this source, as printed
    /// ("Selected Grants and Awards (pre-faculty)"); null where it has none.
    async fn section(&self) -> Option<&str> {
        self.text("section")
    }
    /// The organization's name (a grant's funder's) as this source prints
    /// it, where it differs from the name of the organization the fact
    /// refers to ("Courant Institute Mathematics Department"); null
    /// otherwise.
    async fn organization_as_printed(&self) -> Option<&str> {
        organization_as_printed(&self.fact)
    }
    /// The fact as this source's bundle gives it, every field (its own
    /// title, dates, amounts …).
    async fn fact(&self) -> scalars::SourceFact {
        scalars::SourceFact(self.fact.clone())
    }
}

/// The organization's (a grant's funder's) name as a source prints it, from
/// the source's statement of a career fact.
pub fn organization_as_printed(fact: &serde_json::Value) -> Option<&str> {
    ["organizationText", "funderText"]
        .iter()
        .find_map(|k| fact.get(*k).and_then(serde_json::Value::as_str))
}

/// `source::Statement`s from the same statements.
pub(super) fn statement(row: SourceRow, mut fact: serde_json::Value) -> source::Statement {
    // A work's statement also holds the author ids the importer resolved
    // (to recompute display values); clients get the work as the source
    // stated it.
    if let Some(work) = fact.get_mut("work") {
        fact = work.take();
    }
    source::Statement {
        source: Source(row),
        fact: scalars::SourceFact(fact),
    }
}
