//! `Source`, the document a fact comes from, with what it states in the
//! document's own order (`Source.works`, `Source.facts`), and the
//! provenance every attested object serves: `sources` (who states it) and
//! `statements` (each source's own version, as JSON).

use async_graphql::{Context, Object, SimpleObject, Union, ID};
use futures_util::future::try_join_all;

use super::career::{Appointment, Education, Grant, Patent, Service, Talk, Teaching};
use super::enums::{FactKind, WorkOrder};
use super::error::GqlResult;
use super::loaders::*;
use super::paging::Page;
use super::scalars;
use super::work::{self, WorkConnection, WorkFilter};
use super::{load, load_list, load_many, store, PageInfo};
use crate::domain::id::SourceId;
use crate::store::source;
use crate::Error;

/// A source document: a CV, a listing page, a profile page.
#[derive(Clone)]
pub struct Source(pub source::SourceRow);

/// A document Vitae imported facts from: a CV, an arXiv listing, a paper
/// index, a profile page, an export. Every fact links back to the sources
/// that state it (`sources`), and each source's own version of an object is
/// kept (`statements`).
#[Object]
impl Source {
    /// An opaque global id: `node(id:)` fetches this object again with it.
    pub(crate) async fn id(&self) -> ID {
        scalars::global_id("Source", self.0.id.0)
    }
    /// The source's stable key, from its bundle: a bundle imported later
    /// with the same key is a new version of this source and replaces it.
    async fn key(&self) -> &str {
        &self.0.key
    }
    /// The document's title.
    async fn title(&self) -> &str {
        &self.0.title
    }
    /// What kind of document, as a lowercase word: `cv`, `arxiv_listing`,
    /// `paper_index`, `profile_page`, `export` or `other`.
    async fn kind(&self) -> &str {
        &self.0.kind
    }
    /// Where the document lives, where the bundle says.
    async fn url(&self) -> Option<&str> {
        self.0.url.as_deref()
    }
    /// When the document was read, where the bundle says.
    async fn seen(&self) -> Option<scalars::Date> {
        scalars::date(&self.0.seen)
    }
    /// Notes the bundle gives about the document itself (how it was read,
    /// what it leaves out), in the bundle's order; empty when it gives none.
    async fn notes(&self) -> async_graphql::Result<Vec<String>> {
        serde_json::from_str(&self.0.notes)
            .map_err(Error::internal)
            .gql()
    }
    /// The works this source states, in the document's order (top to
    /// bottom) unless `orderBy` says otherwise; each edge gives the number
    /// the source prints for the work (`position`) and its heading
    /// (`section`).
    #[graphql(complexity = "super::list_complexity(first.or(last), child_complexity)")]
    #[allow(clippy::too_many_arguments)]
    async fn works(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            desc = "Which of the source's works to list: every field given narrows the list (`filter.source`, if given, must be this source's key). All of them when left out."
        )]
        filter: Option<WorkFilter>,
        #[graphql(
            desc = "The order of the list: `SOURCE_POSITION` (the document's) when left out. A cursor is only good in the order that gave it."
        )]
        order_by: Option<WorkOrder>,
        #[graphql(
            desc = "How many works to return from the start: 20 when left out (and `last` too), at most 100 (more is `BAD_USER_INPUT`)."
        )]
        first: Option<i32>,
        #[graphql(
            desc = "A `cursor` of this list in this order: the page starts right after that work. The first page when left out."
        )]
        after: Option<String>,
        #[graphql(
            desc = "How many works to return from the end, paging backward: at most 100 (more is `BAD_USER_INPUT`); not with `first`."
        )]
        last: Option<i32>,
        #[graphql(
            desc = "A `cursor` of this list in this order: the page ends right before that work, paging backward; not with `after`."
        )]
        before: Option<String>,
    ) -> async_graphql::Result<WorkConnection> {
        let page = Page::read(ctx, first, after, last, before)?;
        if let Some(key) = filter.as_ref().and_then(|f| f.source.as_deref()) {
            if key != self.0.key {
                return Err(Error::bad_input(
                    "filter.source",
                    "lists another source's works: leave it out on `Source.works`",
                ))
                .gql();
            }
        }
        let mut query = work::to_query(ctx, filter).await?;
        query.source = Some(self.0.id);
        let order = order_by.unwrap_or(WorkOrder::SourcePosition);
        work::connection(ctx, query, Some(order), page).await
    }
    /// The career facts this source states (positions, degrees, grants,
    /// talks, patents, teaching, service), kind by kind in the order of
    /// `kinds`' enum, each kind in the document's order; each edge says
    /// where and how the source states the fact.
    #[graphql(complexity = "super::list_complexity(first.or(last), child_complexity)")]
    async fn facts(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            desc = "Only facts of these kinds; every kind when left out. An empty list is `BAD_USER_INPUT`."
        )]
        kinds: Option<Vec<FactKind>>,
        #[graphql(
            desc = "How many facts to return from the start: 20 when left out (and `last` too), at most 100 (more is `BAD_USER_INPUT`)."
        )]
        first: Option<i32>,
        #[graphql(
            desc = "A `cursor` of this list: the page starts right after that fact. The first page when left out."
        )]
        after: Option<String>,
        #[graphql(
            desc = "How many facts to return from the end, paging backward: at most 100 (more is `BAD_USER_INPUT`); not with `first`."
        )]
        last: Option<i32>,
        #[graphql(
            desc = "A `cursor` of this list: the page ends right before that fact, paging backward; not with `after`."
        )]
        before: Option<String>,
    ) -> async_graphql::Result<FactConnection> {
        let page = Page::read(ctx, first, after, last, before)?;
        let kinds = kinds.unwrap_or_else(|| FactKind::ALL.to_vec());
        if kinds.is_empty() {
            return Err(Error::bad_input(
                "kinds",
                "must name at least one kind (leave it out for all kinds)",
            ))
            .gql();
        }
        let mut ranks: Vec<usize> = kinds.iter().map(|k| k.rank()).collect();
        ranks.sort_unstable();
        ranks.dedup();
        fact_page(ctx, self.0.id, ranks, page).await
    }
}

/// The sources attesting a fact, in source-key order.
pub async fn sources(
    ctx: &Context<'_>,
    entity: &'static str,
    id: i64,
) -> async_graphql::Result<Vec<Source>> {
    let ids = load_list(ctx, SourcesOf(entity, id)).await?;
    Ok(load_many(ctx, ids.into_iter().map(SourceById).collect())
        .await?
        .into_iter()
        .map(Source)
        .collect())
}

/// What one source states about an object, as that source states it.
#[derive(SimpleObject, Clone)]
pub struct Statement {
    /// The source that states it.
    pub source: Source,
    /// The object as the source's bundle gives it (its own title, dates,
    /// author list …). Values that lost the display-value contest are kept
    /// here, so a client can show every version.
    pub fact: scalars::SourceFact,
}

/// Every source's statement of a fact, in source-key order.
pub async fn statements(
    ctx: &Context<'_>,
    entity: &'static str,
    id: i64,
) -> async_graphql::Result<Vec<Statement>> {
    Ok(super::attested::stated(ctx, entity, id, None)
        .await?
        .into_iter()
        .map(|(row, fact)| super::attested::statement(row, fact))
        .collect())
}

/// Queries over sources.
#[derive(Default)]
pub struct SourceQuery;

#[Object]
impl SourceQuery {
    /// Every source imported, by key: the documents Vitae knows.
    async fn sources(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Source>> {
        let rows = store(ctx).read_async(source::all).await.gql()?;
        Ok(rows.into_iter().map(Source).collect())
    }

    /// The source with this key, or null: a document, with what it states
    /// in its own order (`works`, `facts`).
    async fn source(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The source's `key` (`qi-lei-cv`), exactly.")] key: String,
    ) -> async_graphql::Result<Option<Source>> {
        let row = store(ctx)
            .read_async(move |c| match source::find(c, &key)? {
                Some(id) => Ok(source::by_ids(c, &[id.0])?.pop()),
                None => Ok(None),
            })
            .await
            .gql()?;
        Ok(row.map(Source))
    }
}

/// A career fact: what `Source.facts` lists.
#[derive(Union, Clone)]
pub enum CareerFact {
    Appointment(Appointment),
    Education(Education),
    Grant(Grant),
    Talk(Talk),
    Patent(Patent),
    Teaching(Teaching),
    Service(Service),
}

/// A page of a source's career facts.
pub struct FactConnection {
    source: SourceId,
    ranks: Vec<usize>,
    edges: Vec<FactEdge>,
    page_info: PageInfo,
}

/// A page of a source's career facts, kind by kind, each kind in the
/// document's order.
#[Object]
impl FactConnection {
    /// How many facts of the kinds asked for the source states, over all
    /// pages. Counted only when asked for.
    async fn total_count(&self, ctx: &Context<'_>) -> async_graphql::Result<i64> {
        let (id, ranks) = (self.source, self.ranks.clone());
        store(ctx)
            .read_async(move |c| source::count_facts(c, id, &ranks))
            .await
            .gql()
    }
    /// The facts of this page.
    async fn edges(&self) -> &[FactEdge] {
        &self.edges
    }
    /// Where this page sits.
    async fn page_info(&self) -> &PageInfo {
        &self.page_info
    }
}

/// A career fact in a page of a source's facts, with where and how that
/// source states it.
#[derive(SimpleObject)]
pub struct FactEdge {
    /// Pass as `after` to continue after this fact.
    pub cursor: String,
    /// The fact, with the values chosen from every source that states it.
    pub node: CareerFact,
    /// The number this source gives the fact, as it counts ("3." is 3);
    /// null where it counts none.
    pub position: Option<i32>,
    /// The heading the fact sits under in this source, as printed
    /// ("Selected Grants and Awards (pre-faculty)"); null where it has none.
    pub section: Option<String>,
    /// The organization's name (a grant's funder's) as this source prints
    /// it, where it differs from the name of the organization the fact
    /// refers to ("Courant Institute Mathematics Department"); null
    /// otherwise.
    pub organization_as_printed: Option<String>,
}

/// One page of a source's career facts of the kinds `ranks`.
async fn fact_page(
    ctx: &Context<'_>,
    id: SourceId,
    ranks: Vec<usize>,
    page: Page,
) -> async_graphql::Result<FactConnection> {
    let order = format!("DOCUMENT@{}", id.0);
    let at = match page.cursor() {
        Some(c) => Some(scalars::parse_fact_cursor(&order, c).gql()?),
        None => None,
    };
    let (r, backward, limit) = (ranks.clone(), page.backward, page.size + 1);
    let rows = store(ctx)
        .read_async(move |c| source::facts(c, id, &r, at, backward, limit))
        .await
        .gql()?;
    let (rows, has_previous_page, has_next_page) = page.finish(rows);
    // Loaded together: one statement per kind, not one per fact.
    let nodes = try_join_all(rows.iter().map(|r| career_fact(ctx, r.entity, r.id))).await?;
    let mut edges = Vec::with_capacity(rows.len());
    for (row, node) in rows.into_iter().zip(nodes) {
        let Some(node) = node else {
            continue;
        };
        let stated: serde_json::Value = serde_json::from_str(&row.data)
            .map_err(Error::internal)
            .gql()?;
        let printed = super::attested::organization_as_printed(&stated).map(String::from);
        edges.push(FactEdge {
            cursor: scalars::fact_cursor(&order, &row.at),
            node,
            position: row.position.map(|n| n as i32),
            section: row.section,
            organization_as_printed: printed,
        });
    }
    let page_info = PageInfo::keyset(
        has_previous_page,
        has_next_page,
        edges.first().map(|e| e.cursor.as_str()),
        edges.last().map(|e| e.cursor.as_str()),
    );
    Ok(FactConnection {
        source: id,
        ranks,
        edges,
        page_info,
    })
}

/// The career fact `entity`/`id`, through its kind's loader.
async fn career_fact(
    ctx: &Context<'_>,
    entity: &str,
    id: i64,
) -> async_graphql::Result<Option<CareerFact>> {
    Ok(match entity {
        "appointment" => load(ctx, AppointmentById(id))
            .await?
            .map(|r| CareerFact::Appointment(Appointment(r))),
        "education" => load(ctx, EducationById(id))
            .await?
            .map(|r| CareerFact::Education(Education(r))),
        "award" => load(ctx, AwardById(id))
            .await?
            .map(|r| CareerFact::Grant(Grant(r))),
        "talk" => load(ctx, TalkById(id))
            .await?
            .map(|r| CareerFact::Talk(Talk(r))),
        "patent" => load(ctx, PatentById(id))
            .await?
            .map(|r| CareerFact::Patent(Patent(r))),
        "teaching" => load(ctx, TeachingById(id))
            .await?
            .map(|r| CareerFact::Teaching(Teaching(r))),
        "service" => load(ctx, ServiceById(id))
            .await?
            .map(|r| CareerFact::Service(Service(r))),
        _ => None,
    })
}
