//! `Work` (a publication) with its ordered `Authorship`s, and the filtered,
//! ordered, paginated lists of works.

use async_graphql::{Context, InputObject, Object, SimpleObject, ID};

use super::enums::{WorkKind, WorkOrder};
use super::error::GqlResult;
use super::loaders::*;
use super::node::{Source, Statement};
use super::paging::Page;
use super::person::{Link, Person};
use super::scalars::{self, Date};
use super::{load_list, store, PageInfo};
use crate::domain::quote::quote;
use crate::store::{person as person_store, work};
use crate::Error;

/// A publication: article, paper, preprint, thesis.
#[derive(Clone)]
pub struct Work(pub work::WorkRow);

/// A person's place in a work's author list.
#[derive(Clone)]
pub struct Authorship(pub work::AuthorshipRow);

#[Object]
impl Authorship {
    /// 1-based position in the author list.
    async fn position(&self) -> i32 {
        self.0.position as i32
    }
    /// The name exactly as printed.
    async fn name(&self) -> &str {
        &self.0.name
    }
    /// The person.
    async fn person(&self, ctx: &Context<'_>) -> async_graphql::Result<Person> {
        match Person::load(ctx, self.0.person_id).await? {
            Some(p) => Ok(p),
            None => Err(Error::internal(format!(
                "author person {} is missing",
                self.0.person_id.0
            )))
            .gql(),
        }
    }
    /// Marked as equal contribution (or alphabetical order) with an asterisk.
    async fn equal_contribution(&self) -> bool {
        self.0.equal_contribution
    }
    /// Affiliation as printed next to the name.
    async fn affiliation(&self) -> Option<&str> {
        self.0.affiliation.as_deref()
    }
}

#[Object]
impl Work {
    /// Global node id.
    pub(crate) async fn id(&self) -> ID {
        scalars::global_id("Work", self.0.id)
    }
    /// The title.
    async fn title(&self) -> &str {
        &self.0.title
    }
    /// What kind of work.
    async fn kind(&self) -> WorkKind {
        WorkKind::from_db(&self.0.kind)
    }
    /// Venue as printed.
    async fn venue(&self) -> Option<&str> {
        self.0.venue.as_deref()
    }
    /// Publication year.
    async fn year(&self) -> Option<i32> {
        self.0.year
    }
    /// The date a source gives (an arXiv listing date, say).
    async fn date(&self) -> Option<Date> {
        scalars::date(&self.0.issued)
    }
    /// The date as printed when it has no year ("Feb 10"); never invented.
    async fn date_text(&self) -> Option<&str> {
        self.0.issued_raw.as_deref()
    }
    /// Volume.
    async fn volume(&self) -> Option<&str> {
        self.0.volume.as_deref()
    }
    /// Issue.
    async fn issue(&self) -> Option<&str> {
        self.0.issue.as_deref()
    }
    /// Pages ("1229-1247").
    async fn pages(&self) -> Option<&str> {
        self.0.pages.as_deref()
    }
    /// Abstract.
    async fn r#abstract(&self) -> Option<&str> {
        self.0.r#abstract.as_deref()
    }
    /// Whether the only abstract any source gives is cut short.
    async fn abstract_truncated(&self) -> bool {
        self.0.abstract_truncated
    }
    /// DOI.
    async fn doi(&self) -> Option<&str> {
        self.0.doi.as_deref()
    }
    /// arXiv identifier.
    async fn arxiv_id(&self) -> Option<&str> {
        self.0.arxiv_id.as_deref()
    }
    /// arXiv categories as printed (LG, stat.ML).
    async fn categories(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<String>> {
        load_list(ctx, CategoriesOfWork(self.0.id)).await
    }
    /// Links (code, pdf).
    async fn links(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Link>> {
        let rows = load_list(ctx, LinksOfWork(self.0.id)).await?;
        Ok(rows
            .into_iter()
            .map(|l| Link {
                kind: l.kind,
                url: l.url,
                label: l.label,
            })
            .collect())
    }
    /// Notes ("Best Paper Honorable Mention").
    async fn notes(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<String>> {
        load_list(ctx, NotesOfWork(self.0.id)).await
    }
    /// Whether the authors are in alphabetical order.
    async fn alphabetical(&self) -> bool {
        self.0.alphabetical
    }
    /// Whether the author list is cut short ("et al.") in every source.
    async fn authors_truncated(&self) -> bool {
        self.0.authors_truncated
    }
    /// Authors in order, each with the person they are.
    async fn authors(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Authorship>> {
        Ok(load_list(ctx, AuthorsOfWork(self.0.id))
            .await?
            .into_iter()
            .map(Authorship)
            .collect())
    }
    /// The sources that list this work.
    async fn sources(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Source>> {
        super::node::sources(ctx, "work", self.0.id).await
    }
    /// What each source states about it, in the source's own values.
    async fn statements(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Statement>> {
        super::node::statements(ctx, "work", self.0.id).await
    }
}

/// Which works to list. Every field narrows the list.
#[derive(InputObject, Default)]
pub struct WorkFilter {
    /// From this year on (inclusive).
    pub year_from: Option<i32>,
    /// Up to this year (inclusive).
    pub year_to: Option<i32>,
    /// Only these kinds.
    pub kinds: Option<Vec<WorkKind>>,
    /// Venue contains this text (case-insensitive).
    pub venue: Option<String>,
    /// Has this arXiv category (as printed: "LG").
    pub category: Option<String>,
    /// Has this person (slug) among its authors.
    pub author: Option<String>,
    /// Title or abstract matches these words (prefix matching).
    pub text: Option<String>,
}

/// A page of works.
pub struct WorkConnection {
    query: work::WorkQuery,
    edges: Vec<WorkEdge>,
    page_info: PageInfo,
}

/// A page of works.
#[Object]
impl WorkConnection {
    /// How many works match, over all pages. Counted only when asked for.
    async fn total_count(&self, ctx: &Context<'_>) -> async_graphql::Result<i64> {
        let query = self.query.clone();
        store(ctx)
            .read_async(move |c| work::count(c, &query))
            .await
            .gql()
    }
    /// The works of this page.
    async fn edges(&self) -> &[WorkEdge] {
        &self.edges
    }
    /// Where this page sits.
    async fn page_info(&self) -> &PageInfo {
        &self.page_info
    }
}

/// A work in a page.
#[derive(SimpleObject)]
pub struct WorkEdge {
    /// Pass as `after` to continue after this work.
    pub cursor: String,
    /// The work.
    pub node: Work,
}

/// The store query for a filter; an unknown author slug is NOT_FOUND.
pub async fn to_query(
    ctx: &Context<'_>,
    filter: Option<WorkFilter>,
) -> async_graphql::Result<work::WorkQuery> {
    let f = filter.unwrap_or_default();
    if let (Some(a), Some(b)) = (f.year_from, f.year_to) {
        if a > b {
            return Err(Error::bad_input(
                "filter.yearFrom",
                format!("{a} is after yearTo {b}"),
            ))
            .gql();
        }
    }
    let author = match f.author {
        Some(slug) => {
            let found = store(ctx)
                .read_async({
                    let slug = slug.clone();
                    move |c| person_store::by_slug(c, &slug)
                })
                .await
                .gql()?;
            Some(
                found
                    .ok_or(Error::NotFound {
                        kind: "person with slug",
                        key: slug,
                    })
                    .gql()?
                    .id,
            )
        }
        None => None,
    };
    let text = match f.text.as_deref() {
        Some(t) => Some(super::full_text("filter.text", t).gql()?),
        None => None,
    };
    for (field, value) in [("filter.venue", &f.venue), ("filter.category", &f.category)] {
        if let Some(v) = value {
            super::short_text(field, v).gql()?;
        }
    }
    if f.kinds.as_ref().is_some_and(Vec::is_empty) {
        return Err(Error::bad_input(
            "filter.kinds",
            "must name at least one kind (leave it out for all kinds)",
        ))
        .gql();
    }
    Ok(work::WorkQuery {
        author,
        year_from: f.year_from,
        year_to: f.year_to,
        kinds: f
            .kinds
            .unwrap_or_default()
            .into_iter()
            .map(|k| k.as_db().to_string())
            .collect(),
        venue: f.venue,
        category: f.category,
        text,
        ..Default::default()
    })
}

/// One page of the works `query` selects, next to the page's cursor: the
/// store reads `size + 1` rows in index order (the extra one says whether
/// more lie beyond), so a page costs the same on any list and at any depth,
/// forward or backward.
pub async fn connection(
    ctx: &Context<'_>,
    query: work::WorkQuery,
    order_by: Option<WorkOrder>,
    page: Page,
) -> async_graphql::Result<WorkConnection> {
    let order = order_by.unwrap_or_default().to_store();
    let order_name = format!("{order:?}");
    let at = match page.cursor() {
        Some(c) => Some(scalars::parse_key_cursor("works", &order_name, c).gql()?),
        None => None,
    };
    let (q, backward, limit) = (query.clone(), page.backward, page.size + 1);
    let rows = store(ctx)
        .read_async(move |c| work::page(c, &q, order, at.as_ref(), backward, limit))
        .await
        .gql()?;
    let (rows, has_previous_page, has_next_page) = page.finish(rows);
    let edges: Vec<WorkEdge> = rows
        .into_iter()
        .map(|r| {
            let at = work::After {
                key: order.key_of(&r),
                id: r.id,
            };
            WorkEdge {
                cursor: scalars::key_cursor("works", &order_name, &at),
                node: Work(r),
            }
        })
        .collect();
    let page_info = PageInfo::keyset(
        has_previous_page,
        has_next_page,
        edges.first().map(|e| e.cursor.as_str()),
        edges.last().map(|e| e.cursor.as_str()),
    );
    Ok(WorkConnection {
        query,
        edges,
        page_info,
    })
}

/// Queries over works.
#[derive(Default)]
pub struct WorkQuery;

#[Object]
impl WorkQuery {
    /// The work with this global id, or null.
    async fn work(&self, ctx: &Context<'_>, id: ID) -> async_graphql::Result<Option<Work>> {
        let (kind, row) = scalars::parse_global_id(&id).gql()?;
        if kind != "Work" {
            return Err(Error::bad_input(
                "id",
                format!("`{}` is a {kind} id, not a Work id", quote(&id)),
            ))
            .gql();
        }
        Ok(super::load(ctx, WorkById(row)).await?.map(Work))
    }

    /// Works, filtered, ordered (newest first by default) and paginated.
    #[graphql(complexity = "super::list_complexity(first.or(last), child_complexity)")]
    #[allow(clippy::too_many_arguments)]
    async fn works(
        &self,
        ctx: &Context<'_>,
        filter: Option<WorkFilter>,
        order_by: Option<WorkOrder>,
        #[graphql(desc = "Items after `after` to return (default 20, at most 100).")] first: Option<
            i32,
        >,
        #[graphql(desc = "The cursor to start after.")] after: Option<String>,
        #[graphql(desc = "Items before `before` to return, paging backward (at most 100).")]
        last: Option<i32>,
        #[graphql(desc = "The cursor to end before, paging backward.")] before: Option<String>,
    ) -> async_graphql::Result<WorkConnection> {
        let page = Page::read(ctx, first, after, last, before)?;
        let query = to_query(ctx, filter).await?;
        connection(ctx, query, order_by, page).await
    }
}
