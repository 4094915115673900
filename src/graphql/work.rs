//! `Work` (a publication) with its ordered `Authorship`s, and the filtered,
//! ordered, paginated lists of works.

use async_graphql::{Context, InputObject, Object, SimpleObject, ID};

use super::aggregate::facet::WorkFacets;
use super::attested::Attested;
use super::enums::{ExportFormat, WorkKind, WorkOrder, WorkRelation};
use super::error::GqlResult;
use super::loaders::*;
use super::paging::Page;
use super::person::{Link, Person};
use super::scalars::{self, Date};
use super::statement::WorkStatement;
use super::{load_list, store, PageInfo};
use crate::domain::id::SourceId;
use crate::domain::quote::quote;
use crate::store::{person as person_store, source as source_store, work};
use crate::Error;

/// A publication: article, paper, preprint, thesis.
#[derive(Clone)]
pub struct Work(pub work::WorkRow);

/// A person's place in a work's author list.
#[derive(Clone)]
pub struct Authorship(pub work::AuthorshipRow);

/// One entry of a work's author list: the name as the work prints it and
/// the person it names.
// `serial`: the fields resolve one after another, without a
// `FuturesUnordered` per object; siblings in a list still batch their
// loads (why: `SERIAL` in graphql/mod.rs).
#[Object(serial)]
impl Authorship {
    /// The 1-based position in the author list.
    async fn position(&self) -> i32 {
        self.0.position as i32
    }
    /// The name exactly as printed.
    async fn name(&self) -> &str {
        &self.0.name
    }
    /// The person the entry names (one person appears under several printed
    /// names across works).
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
    /// The affiliation printed next to the name, where the work prints one.
    async fn affiliation(&self) -> Option<&str> {
        self.0.affiliation.as_deref()
    }
}

attested_object! {
    /// A work: a journal article, a conference or workshop paper, a preprint, a
    /// thesis, a book, a chapter or a report. Each field holds the value chosen
    /// from all the sources that list the work; `statements` gives every
    /// source's own version.
    #[Object(serial)]
    impl Work {
        /// An opaque global id: `node(id:)` fetches this object again with it.
        pub(crate) async fn id(&self) -> ID {
            scalars::global_id("Work", self.0.id)
        }
        /// The title as printed.
        async fn title(&self) -> &str {
            &self.0.title
        }
        /// What kind of work.
        async fn kind(&self) -> WorkKind {
            WorkKind::from_db(&self.0.kind)
        }
        /// Where it appeared (a journal, proceedings, a workshop), as printed.
        async fn venue(&self) -> Option<&str> {
            self.0.venue.as_deref()
        }
        /// The publication year; taken from `date` when no source states a year
        /// of its own.
        async fn year(&self) -> Option<i32> {
            self.0.year
        }
        /// The date a source gives (an arXiv listing date, say), as precisely as
        /// it gives it; it may fall in another year than `year`.
        async fn date(&self) -> Option<Date> {
            scalars::date(&self.0.issued)
        }
        /// The date as printed when it has no year ("Feb 10"); never invented.
        async fn date_text(&self) -> Option<&str> {
            self.0.issued_raw.as_deref()
        }
        /// The journal volume, as printed.
        async fn volume(&self) -> Option<&str> {
            self.0.volume.as_deref()
        }
        /// The journal issue, as printed.
        async fn issue(&self) -> Option<&str> {
            self.0.issue.as_deref()
        }
        /// The page range as printed ("1229-1247").
        async fn pages(&self) -> Option<&str> {
            self.0.pages.as_deref()
        }
        /// The abstract in plain text: a whole one wherever a source gives one,
        /// else a cut one (see `abstractTruncated`).
        async fn r#abstract(&self) -> Option<&str> {
            self.0.r#abstract.as_deref()
        }
        /// Whether the only abstract any source gives is cut short.
        async fn abstract_truncated(&self) -> bool {
            self.0.abstract_truncated
        }
        /// The DOI, bare (`10.1000/182`), without `https://doi.org/`.
        async fn doi(&self) -> Option<&str> {
            self.0.doi.as_deref()
        }
        /// The arXiv identifier (`2009.06125`, or an old-style `math/0309136`),
        /// with a version (`v2`) where the source gives one.
        async fn arxiv_id(&self) -> Option<&str> {
            self.0.arxiv_id.as_deref()
        }
        /// The arXiv categories as printed ("LG", "stat.ML"), A to Z.
        async fn categories(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<String>> {
            load_list(ctx, CategoriesOfWork(self.0.id)).await
        }
        /// Links to the code, the PDF and other pages, by kind.
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
        /// Notes as stated ("Best Paper Honorable Mention"), A to Z.
        async fn notes(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<String>> {
            load_list(ctx, NotesOfWork(self.0.id)).await
        }
        /// Whether the authors are listed in alphabetical order rather than by
        /// contribution.
        async fn alphabetical(&self) -> bool {
            self.0.alphabetical
        }
        /// Whether any source names the work's authors. False when none does
        /// (an arXiv listing that prints only titles, say): the authors are not
        /// stated, which is not the same as having none, and `authors` is then
        /// empty for want of knowledge. True whenever `authors` has an entry.
        async fn authors_known(&self, ctx: &Context<'_>) -> async_graphql::Result<bool> {
            Ok(!load_list(ctx, AuthorsOfWork(self.0.id)).await?.is_empty())
        }
        /// Whether the author list served is known to be incomplete: every
        /// source cuts it short ("et al."), or the sources dispute it
        /// (`authorsDisputed`).
        async fn authors_truncated(&self) -> bool {
            self.0.authors_truncated
        }
        /// Whether the sources' author lists disagree beyond what an "et al."
        /// leaves out: a source's cut list is not the start of the complete one
        /// ("Liu, Wang, Chen et al." against "Liu, Wang, Lei"). Then `authors`
        /// keeps every printed name, in an order that agrees with each source's
        /// printed order, and `authorsTruncated` is true; `statements` gives each
        /// source's own list. `vitae check` lists such works.
        async fn authors_disputed(&self) -> bool {
            self.0.authors_disputed
        }
        /// The authors in printed order, each with the name as printed and the
        /// person it is: the most complete list any source gives when the
        /// sources agree, else every printed name (see `authorsDisputed`).
        /// Empty when no source names them (`authorsKnown` false).
        async fn authors(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Authorship>> {
            Ok(load_list(ctx, AuthorsOfWork(self.0.id))
                .await?
                .into_iter()
                .map(Authorship)
                .collect())
        }
        /// Each source's own version of the work, typed field by field (its
        /// title, year, cut abstract, "et al." author list …), in source-key
        /// order; with `source`, only the statement of the source with that
        /// key (an empty list when that source does not state the work, or no
        /// source has the key).
        async fn stated_by(
            &self,
            ctx: &Context<'_>,
            #[graphql(desc = "A `Source.key`: only that source's statement.")] source: Option<String>,
        ) -> async_graphql::Result<Vec<WorkStatement>> {
            super::statement::of_work(ctx, self.0.id, source.as_deref()).await
        }
    }
}

impl Attested for Work {
    const ENTITY: &'static str = "work";
    fn row_id(&self) -> i64 {
        self.0.id
    }
}

/// Which works to list. Every field narrows the list.
#[derive(InputObject, Default)]
pub struct WorkFilter {
    /// Works of this year or later; works without a year are left out.
    pub year_from: Option<i32>,
    /// Works of this year or earlier; works without a year are left out. A
    /// `yearTo` before `yearFrom` is `BAD_USER_INPUT`.
    pub year_to: Option<i32>,
    /// Works of these kinds; an empty list is `BAD_USER_INPUT`.
    pub kinds: Option<Vec<WorkKind>>,
    /// Works whose venue contains this text, ignoring ASCII case (`%` and
    /// `_` stand for themselves); at most 200 characters.
    pub venue: Option<String>,
    /// Works with this arXiv category, exactly as printed ("LG", "stat.ML");
    /// at most 200 characters.
    pub category: Option<String>,
    /// Works the person with this slug is an author of; an unknown slug is
    /// `NOT_FOUND`.
    pub author: Option<String>,
    /// Works whose title or abstract has every word of this text at the
    /// start of a word, diacritics folded; at most 200 characters and 12
    /// words.
    pub text: Option<String>,
    /// Works the source with this key states (`Source.key`); an unknown key
    /// is `NOT_FOUND`. Each edge then gives the work's `position` and
    /// `section` in that source, and `orderBy: SOURCE_POSITION` lists them
    /// in the document's order.
    pub source: Option<String>,
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
    /// How many works match, over all pages, with every filter and the
    /// `relation` argument of `Person.works` applied (`ANY` counts authored
    /// and listed works, `AUTHOR` only the authored ones). Counted only when
    /// asked for.
    async fn total_count(&self, ctx: &Context<'_>) -> async_graphql::Result<i64> {
        let query = self.query.clone();
        store(ctx)
            .read_async(move |c| work::count(c, &query))
            .await
            .gql()
    }
    /// The works of the whole list (not only this page) counted by year,
    /// kind, venue and arXiv category, for charts: `years` and `kinds` add
    /// up to `totalCount`. Each count is read only when selected.
    async fn facets(&self) -> WorkFacets {
        WorkFacets(self.query.clone())
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
#[graphql(serial)]
pub struct WorkEdge {
    /// Pass as `after` to continue after this work.
    pub cursor: String,
    /// The work.
    pub node: Work,
    /// How the list's person stands to the work: `AUTHOR` or `LISTED`, never
    /// `ANY`. On `Person.works` it is that person's relation (whatever
    /// `filter.author` says); on `works(filter: {author})` it is the
    /// author's, so always `AUTHOR`; on `works` without an `author` filter
    /// the list has no person, and it is null.
    pub relation: Option<WorkRelation>,
    /// On a list of one source's works (`Source.works`, `filter.source`):
    /// the number that source gives the work, as it counts ("23." is 23,
    /// the listing's third item 3); null where it counts none, and on
    /// other lists.
    pub position: Option<i32>,
    /// On a list of one source's works: the heading the work sits under in
    /// that source, as printed; null where it has none, and on other lists.
    pub section: Option<String>,
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
    let source = match f.source {
        Some(key) => Some(source_id(ctx, key).await?),
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
        source,
        ..Default::default()
    })
}

/// The id of the source with this key; an unknown key is NOT_FOUND.
async fn source_id(ctx: &Context<'_>, key: String) -> async_graphql::Result<SourceId> {
    let found = store(ctx)
        .read_async({
            let key = key.clone();
            move |c| source_store::find(c, &key)
        })
        .await
        .gql()?;
    found
        .ok_or(Error::NotFound {
            kind: "source with key",
            key,
        })
        .gql()
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
    let order_name = match (order, query.source) {
        // A cursor of one document's order means nothing in another's.
        (work::WorkOrder::SourcePosition, Some(s)) => format!("{order:?}@{}", s.0),
        (work::WorkOrder::SourcePosition, None) => {
            return Err(Error::bad_input(
                "orderBy",
                "SOURCE_POSITION orders one source's works: give `filter.source`",
            ))
            .gql()
        }
        _ => format!("{order:?}"),
    };
    let at = match page.cursor() {
        Some(c) => Some(scalars::parse_key_cursor("works", &order_name, c).gql()?),
        None => None,
    };
    let (q, backward, limit) = (query.clone(), page.backward, page.size + 1);
    // A page that reads only its own rows is a keyed read: on this thread.
    let rows = if query.reads_only_its_page(order) {
        store(ctx)
            .lookup(move |c| work::page(c, &q, order, at.as_ref(), backward, limit))
            .await
    } else {
        store(ctx)
            .read_async(move |c| work::page(c, &q, order, at.as_ref(), backward, limit))
            .await
    }
    .gql()?;
    let (rows, has_previous_page, has_next_page) = page.finish(rows);
    let edges: Vec<WorkEdge> = rows
        .into_iter()
        .map(|r| {
            let at = work::After {
                key: r.key(order),
                id: r.work.id,
            };
            let (position, section) = match r.placement {
                Some(p) => (p.position.map(|n| n as i32), p.section),
                None => (None, None),
            };
            WorkEdge {
                cursor: scalars::key_cursor("works", &order_name, &at),
                node: Work(r.work),
                relation: r.relation.map(WorkRelation::from_store),
                position,
                section,
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
    async fn work(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "A `Work.id`; the id of another type is `BAD_USER_INPUT`.")] id: ID,
    ) -> async_graphql::Result<Option<Work>> {
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

    /// The works `filter` keeps (every work without one), newest first, in
    /// an export format of works (a person's format, such as JSON Resume,
    /// is `BAD_USER_INPUT`). The same bytes as `vitae export --works` and
    /// `/export/works.{ext}` with the same filter.
    async fn export_works(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            desc = "Which works: every field given narrows the list; all works when left out."
        )]
        filter: Option<WorkFilter>,
        #[graphql(desc = "The format to write.")] format: ExportFormat,
    ) -> async_graphql::Result<String> {
        let query = to_query(ctx, filter).await?;
        let format = format.into();
        let out = store(ctx)
            .read_async(move |c| crate::export::matching(c, &query, format))
            .await
            .gql()?;
        Ok(out.text)
    }

    /// Works, filtered, ordered (newest first by default) and paginated.
    #[graphql(complexity = "super::list_complexity(first.or(last), child_complexity)")]
    #[allow(clippy::too_many_arguments)]
    async fn works(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            desc = "Which works to list: every field given narrows the list. All works when left out."
        )]
        filter: Option<WorkFilter>,
        #[graphql(
            desc = "The order of the list: `DATE_DESC` (newest first) when left out. A cursor is only good in the order that gave it."
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
        let query = to_query(ctx, filter).await?;
        connection(ctx, query, order_by, page).await
    }
}
