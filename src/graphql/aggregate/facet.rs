//! `WorkConnection.facets`: the works of a list counted by year, kind,
//! venue and arXiv category, over the whole list the connection's
//! arguments select (not the page), so the counts add up to `totalCount`.
//! Each sub-field runs its own statement, and only when it is selected.

use async_graphql::{Context, Object, SimpleObject};

use super::first_in_range;
use crate::graphql::enums::WorkKind;
use crate::graphql::error::GqlResult;
use crate::graphql::store;
use crate::store::facet::{self, Count};
use crate::store::work::WorkQuery;

/// The counts of a work list.
pub struct WorkFacets(pub WorkQuery);

/// How many works of a year.
#[derive(SimpleObject)]
pub struct YearCount {
    /// The year; null for the works without one.
    pub value: Option<i32>,
    /// How many works.
    pub count: i64,
}

/// How many works of a kind.
#[derive(SimpleObject)]
pub struct KindCount {
    /// The kind.
    pub value: WorkKind,
    /// How many works.
    pub count: i64,
}

/// How many works have a value (a venue, a category).
#[derive(SimpleObject)]
pub struct ValueCount {
    /// The value as printed.
    pub value: String,
    /// How many works.
    pub count: i64,
}

/// The works of a list counted by year, kind, venue and arXiv category:
/// over every work the list's arguments select (its filter, and `relation`
/// on `Person.works`), not only the page. Each count is read only when
/// selected.
#[Object]
impl WorkFacets {
    /// Works per year, ascending; the works without a year are one last
    /// entry with a null `value`. The counts add up to `totalCount`: the
    /// works-per-year chart.
    async fn years(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<YearCount>> {
        let q = self.0.clone();
        let rows = store(ctx)
            .read_async(move |c| facet::years(c, &q))
            .await
            .gql()?;
        Ok(rows
            .into_iter()
            .map(|Count { value, count }| YearCount { value, count })
            .collect())
    }
    /// Works per kind, the most first, then in the order of `WorkKind`;
    /// kinds without works are left out. The counts add up to `totalCount`.
    async fn kinds(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<KindCount>> {
        let q = self.0.clone();
        let rows = store(ctx)
            .read_async(move |c| facet::kinds(c, &q))
            .await
            .gql()?;
        let mut kinds: Vec<KindCount> = rows
            .into_iter()
            .map(|c| KindCount {
                value: WorkKind::from_db(&c.value),
                count: c.count,
            })
            .collect();
        kinds.sort_by_key(|k| (std::cmp::Reverse(k.count), k.value));
        Ok(kinds)
    }
    /// The venues with the most works, then A to Z, as printed; works
    /// without a venue are left out.
    async fn venues(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            default_with = "Some(10)",
            desc = "How many venues: 10 when left out, at most 100 (more, or less than 0, is `BAD_USER_INPUT`)."
        )]
        first: Option<i32>,
    ) -> async_graphql::Result<Vec<ValueCount>> {
        let first = first_in_range("first", first.unwrap_or(10)).gql()?;
        let q = self.0.clone();
        let rows = store(ctx)
            .read_async(move |c| facet::venues(c, &q, first))
            .await
            .gql()?;
        Ok(values(rows))
    }
    /// The arXiv categories with the most works, then A to Z, as printed
    /// ("LG", "stat.ML"); a work counts once in each of its categories, so
    /// these counts may add up to more than `totalCount`.
    async fn categories(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            default_with = "Some(10)",
            desc = "How many categories: 10 when left out, at most 100 (more, or less than 0, is `BAD_USER_INPUT`)."
        )]
        first: Option<i32>,
    ) -> async_graphql::Result<Vec<ValueCount>> {
        let first = first_in_range("first", first.unwrap_or(10)).gql()?;
        let q = self.0.clone();
        let rows = store(ctx)
            .read_async(move |c| facet::categories(c, &q, first))
            .await
            .gql()?;
        Ok(values(rows))
    }
}

fn values(rows: Vec<Count<String>>) -> Vec<ValueCount> {
    rows.into_iter()
        .map(|Count { value, count }| ValueCount { value, count })
        .collect()
}
