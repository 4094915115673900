//! Full-text search across people, organizations and works.

use async_graphql::{Context, Object, Union};

use super::error::GqlResult;
use super::loaders::*;
use super::organization::Organization;
use super::person::Person;
use super::work::Work;
use super::{load, page_size, store};
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

/// The search query.
#[derive(Default)]
pub struct SearchQuery;

#[Object]
impl SearchQuery {
    /// People, organizations and works matching `text`, best first (bm25;
    /// names and titles weigh more than abstracts). Every word matches as a
    /// prefix and diacritics are folded: "gursoy" finds "Gürsoy".
    async fn search(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            desc = "The words to find: each matches the start of a word, all must match, diacritics folded. At most 200 characters and 12 words; text without a word is `BAD_USER_INPUT`."
        )]
        text: String,
        #[graphql(
            desc = "How many hits to return, best first: 20 when left out, at most 100 (more is `BAD_USER_INPUT`)."
        )]
        first: Option<i32>,
    ) -> async_graphql::Result<Vec<SearchHit>> {
        let limit = page_size(ctx, first, 20)?;
        let fts = super::full_text("text", &text).gql()?;
        let hits = store(ctx)
            .read_async(move |c| search::query(c, &fts, limit))
            .await
            .gql()?;
        let mut out = Vec::with_capacity(hits.len());
        for h in hits {
            let hit = match h.entity.as_str() {
                "person" => load(ctx, PersonById(h.id))
                    .await?
                    .map(|r| SearchHit::Person(Person(r))),
                "organization" => load(ctx, OrganizationById(h.id))
                    .await?
                    .map(|r| SearchHit::Organization(Organization(r))),
                _ => load(ctx, WorkById(h.id))
                    .await?
                    .map(|r| SearchHit::Work(Work(r))),
            };
            out.extend(hit);
        }
        Ok(out)
    }
}
