//! `Person.coauthors`: a person's co-authors as a Relay connection, ranked
//! by what they share. Pages come from the store's maintained ranking
//! (`store::coauthor`), so a page costs the same for a person with ten
//! co-authors or ten thousand, and past the hundredth.

use std::collections::HashMap;

use async_graphql::{Context, Object, SimpleObject};

use super::error::GqlResult;
use super::loaders::PersonById;
use super::paging::Page;
use super::person::Person;
use super::{load_many, scalars, store, PageInfo};
use crate::domain::id::PersonId;
use crate::store::coauthor;

/// A page of a person's co-authors.
pub struct CoauthorConnection {
    person: PersonId,
    edges: Vec<CoauthorEdge>,
    page_info: PageInfo,
}

/// A page of a person's co-authors: most shared works first, then the most
/// recent collaboration, then the person added last.
#[Object]
impl CoauthorConnection {
    /// How many co-authors the person has, over all pages. Counted only
    /// when asked for.
    async fn total_count(&self, ctx: &Context<'_>) -> async_graphql::Result<i64> {
        let person = self.person;
        store(ctx)
            .read_async(move |c| coauthor::count(c, person))
            .await
            .gql()
    }
    /// The co-authors of this page.
    async fn edges(&self) -> &[CoauthorEdge] {
        &self.edges
    }
    /// Where this page sits.
    async fn page_info(&self) -> &PageInfo {
        &self.page_info
    }
}

/// A co-author in a page, with what the two share.
#[derive(SimpleObject)]
pub struct CoauthorEdge {
    /// Pass as `after` to continue after this co-author.
    pub cursor: String,
    /// The co-author.
    pub node: Person,
    /// Works both are authors of (works a source only lists under one of
    /// them do not count).
    pub shared_works: i32,
    /// The year of the first shared work that has a year.
    pub first_year: Option<i32>,
    /// The year of the last shared work that has a year.
    pub last_year: Option<i32>,
}

/// The page of `person`'s co-authors next to the page's cursor.
pub async fn connection(
    ctx: &Context<'_>,
    person: PersonId,
    page: Page,
) -> async_graphql::Result<CoauthorConnection> {
    let at = match page.cursor() {
        Some(c) => Some(scalars::parse_coauthor_cursor(c).gql()?),
        None => None,
    };
    let (backward, limit) = (page.backward, page.size + 1);
    let rows = store(ctx)
        .read_async(move |c| coauthor::page(c, person, at.as_ref(), backward, limit))
        .await
        .gql()?;
    let (rows, has_previous_page, has_next_page) = page.finish(rows);
    let mut people: HashMap<PersonId, _> =
        load_many(ctx, rows.iter().map(|r| PersonById(r.person.0)).collect())
            .await?
            .into_iter()
            .map(|p| (p.id, p))
            .collect();
    let edges: Vec<CoauthorEdge> = rows
        .into_iter()
        .filter_map(|r| Some((people.remove(&r.person)?, r)))
        .map(|(p, r)| CoauthorEdge {
            cursor: scalars::coauthor_cursor(&r.after()),
            node: Person(p),
            shared_works: i32::try_from(r.shared).unwrap_or(i32::MAX),
            first_year: r.first_year,
            last_year: r.last_year,
        })
        .collect();
    let page_info = PageInfo::keyset(
        has_previous_page,
        has_next_page,
        edges.first().map(|e| e.cursor.as_str()),
        edges.last().map(|e| e.cursor.as_str()),
    );
    Ok(CoauthorConnection {
        person,
        edges,
        page_info,
    })
}
