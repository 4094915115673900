//! Full-text search across people, organizations and works.

use async_graphql::{Context, Object, SimpleObject, Union};
use futures_util::future::try_join_all;

use super::error::GqlResult;
use super::loaders::*;
use super::organization::Organization;
use super::paging::Page;
use super::person::Person;
use super::scalars;
use super::work::Work;
use super::{load, store, PageInfo};
use crate::store::search;

/// Something a search found: a person (by name or alias), an organization
/// (by name or alias) or a work (by title or abstract).
#[derive(Union, Clone)]
pub enum SearchHit {
    /// A person, by name or alias.
    Person(Person),
    /// An organization, by name or alias.
    Organization(Organization),
    /// A work, by title or abstract.
    Work(Work),
}

/// A page of search hits, best first.
#[derive(SimpleObject)]
pub struct SearchConnection {
    /// How many hits the search has, over all pages.
    pub total_count: i64,
    /// The hits of this page.
    pub edges: Vec<SearchEdge>,
    /// Where this page sits.
    pub page_info: PageInfo,
}

/// A hit in a page of search results.
#[derive(SimpleObject)]
pub struct SearchEdge {
    /// Pass as `after` (or `before`) to page on from this hit.
    pub cursor: String,
    /// The person, organization or work found.
    pub node: SearchHit,
}

/// The search query.
#[derive(Default)]
pub struct SearchQuery;

#[Object]
impl SearchQuery {
    /// People, organizations and works matching `text`, best first (bm25;
    /// names and titles weigh more than abstracts), as pages. Every word
    /// matches as a prefix and diacritics are folded: "gursoy" finds
    /// "Gürsoy". Pages are by position in the ranking: an import between two
    /// pages may shift them, as it may change the ranking itself.
    #[graphql(complexity = "super::list_complexity(first.or(last), child_complexity)")]
    async fn search(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            desc = "The words to find: each matches the start of a word, all must match, diacritics folded. At most 200 characters and 12 words; text without a word is `BAD_USER_INPUT`."
        )]
        text: String,
        #[graphql(
            desc = "How many hits to return best first: 20 when left out (and `last` too), at most 100 (more is `BAD_USER_INPUT`)."
        )]
        first: Option<i32>,
        #[graphql(
            desc = "A `cursor` of this list: the page starts right after that hit. The first page when left out."
        )]
        after: Option<String>,
        #[graphql(
            desc = "How many hits to return from the end, paging backward: at most 100 (more is `BAD_USER_INPUT`); not with `first`."
        )]
        last: Option<i32>,
        #[graphql(
            desc = "A `cursor` of this list: the page ends right before that hit, paging backward; not with `after`."
        )]
        before: Option<String>,
    ) -> async_graphql::Result<SearchConnection> {
        let page = Page::read(ctx, first, after, last, before)?;
        let position = page.position("search")?;
        let fts = super::full_text("text", &text).gql()?;
        let (hits, offset, total) = store(ctx)
            .read_async(move |c| {
                let total = search::count(c, &fts)?;
                let (offset, limit) = page.window(position, total as usize);
                Ok((search::query(c, &fts, offset, limit)?, offset, total))
            })
            .await
            .gql()?;
        let page_info = PageInfo::new("search", offset, hits.len(), total);
        // Loaded together, so the loaders batch them into one read per kind.
        let nodes = try_join_all(hits.iter().map(|h| hit(ctx, h))).await?;
        let edges = nodes
            .into_iter()
            .enumerate()
            .filter_map(|(i, node)| {
                let cursor = scalars::cursor("search", offset + i);
                Some(SearchEdge {
                    cursor,
                    node: node?,
                })
            })
            .collect();
        Ok(SearchConnection {
            total_count: total,
            edges,
            page_info,
        })
    }
}

/// The entity a hit names, loaded; none if it went away since the search.
async fn hit(ctx: &Context<'_>, h: &search::Hit) -> async_graphql::Result<Option<SearchHit>> {
    Ok(match h.entity.as_str() {
        "person" => load(ctx, PersonById(h.id))
            .await?
            .map(|r| SearchHit::Person(Person(r))),
        "organization" => load(ctx, OrganizationById(h.id))
            .await?
            .map(|r| SearchHit::Organization(Organization(r))),
        _ => load(ctx, WorkById(h.id))
            .await?
            .map(|r| SearchHit::Work(Work(r))),
    })
}
