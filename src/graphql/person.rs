//! `Person` and the queries that find people.

use std::sync::Arc;

use async_graphql::{Context, Object, SimpleObject, ID};

use super::aggregate::{self, graph::CoauthorGraph, similar::SimilarPerson, stats::PersonStats};
use super::career::{Appointment, Education, Grant, Patent, Service, Talk, Teaching};
use super::coauthor::{self, CoauthorConnection};
use super::enums::{ExportFormat, MetricUnit, TimelineKind, WorkOrder, WorkRelation};
use super::error::GqlResult;
use super::loaders::*;
use super::paging::Page;
use super::scalars::{self, Date};
use super::source::{Source, Statement};
use super::timeline::{self, TimelineEntry};
use super::work::{self, WorkConnection, WorkFilter};
use super::{load_list, load_many, store, PageInfo};
use crate::domain::id::PersonId;
use crate::domain::metric;
use crate::store::person;

/// A person: a researcher, a co-author, a mentor.
#[derive(Clone)]
pub struct Person(pub Arc<person::PersonRow>);

/// A link to a page about a person or a work.
#[derive(SimpleObject, Clone)]
#[graphql(serial)]
pub struct Link {
    /// What the page is, as a lowercase word: `homepage`, `scholar`,
    /// `orcid`, `github`, `code`, `pdf`, `arxiv`, `press`, `other` …
    pub kind: String,
    /// The address; absent when the source shows the link without one.
    pub url: Option<String>,
    /// The link's text, where the source gives one.
    pub label: Option<String>,
}

/// A metric a source reports (h-index, citations), as of that source.
#[derive(Clone)]
pub struct Metric(pub crate::store::metric::MetricRow);

/// A figure a source reports about a person (an h-index, a citation count),
/// as that source states it; two sources may report one metric differently.
#[Object]
impl Metric {
    /// What is measured, as a lowercase name: `h_index`, `citations`,
    /// `papers`, `arxiv_papers`, `followers` …
    async fn name(&self) -> &str {
        &self.0.name
    }
    /// The value as the source prints it ("2414", "59%", "L1"): a number,
    /// a percentage or a grade, so always a string.
    async fn value(&self) -> &str {
        &self.0.value
    }
    /// The value as a number, for charts and comparisons: "2,414" and
    /// "2414" give 2414, "1.2k" gives 1200, "59%" gives 59 (see `unit`);
    /// null when the value is not a number ("L1").
    async fn number(&self) -> Option<f64> {
        metric::read(&self.0.value).number
    }
    /// What `number` is in: `NUMBER`, `PERCENT`, or `GRADE` when the value
    /// is not a number.
    async fn unit(&self) -> MetricUnit {
        metric::read(&self.0.value).unit.into()
    }
    /// The source's own words for the metric or its grade ("Emerging"),
    /// where it gives any.
    async fn label(&self) -> Option<&str> {
        self.0.label.as_deref()
    }
    /// When the value held, where the source says.
    async fn as_of(&self) -> Option<Date> {
        scalars::date(&self.0.as_of)
    }
    /// The source that reports it.
    async fn source(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Source>> {
        Ok(super::load(ctx, SourceById(self.0.source_id.0))
            .await?
            .map(Source))
    }
}

/// A status a source states about a person, as a label it prints on them.
#[derive(Clone)]
pub struct Badge(pub crate::store::badge::BadgeRow);

/// A status a source shows on a person ("Open to collaborate", "Unclaimed
/// author"), in the source's own words; Vitae does not interpret it.
#[Object]
impl Badge {
    /// The badge exactly as the source prints it.
    async fn label(&self) -> &str {
        &self.0.label
    }
    /// The source that states it.
    async fn source(&self, ctx: &Context<'_>) -> async_graphql::Result<Source> {
        match super::load(ctx, SourceById(self.0.source_id.0)).await? {
            Some(s) => Ok(Source(s)),
            None => Err(crate::Error::internal(format!(
                "badge source {} is missing",
                self.0.source_id.0
            )))
            .gql(),
        }
    }
}

/// A person: a researcher whose CV or profile Vitae holds, or anyone a
/// source names — a co-author, an advisor, a mentor, an inventor. Each field
/// holds the value chosen from all the sources that state it;
/// `statements` gives every source's own version.
#[Object]
impl Person {
    /// An opaque global id: `node(id:)` fetches this object again with it.
    pub(crate) async fn id(&self) -> ID {
        scalars::global_id("Person", self.0.id.0)
    }
    /// The name as a lowercase, hyphenated key for URLs (`qi-lei`), unique
    /// among people; `person(slug:)` finds the person by it.
    async fn slug(&self) -> &str {
        &self.0.slug
    }
    /// The display name, given name first ("Qi Lei").
    async fn name(&self) -> &str {
        &self.0.name
    }
    /// The given name, where a source states it apart.
    async fn given_name(&self) -> Option<&str> {
        self.0.given.as_deref()
    }
    /// The family name, where a source states it apart.
    async fn family_name(&self) -> Option<&str> {
        self.0.family.as_deref()
    }
    /// The ORCID iD as its 16 digits in groups of four
    /// (`0000-0002-1825-0097`), without `https://orcid.org/`; where known.
    async fn orcid(&self) -> Option<&str> {
        self.0.orcid.as_deref()
    }
    /// The postal address as a source states it, in one string.
    async fn address(&self) -> Option<&str> {
        self.0.address.as_deref()
    }
    /// A phone number as a source states it.
    async fn phone(&self) -> Option<&str> {
        self.0.phone.as_deref()
    }
    /// The research statement as written, in plain text.
    async fn summary(&self) -> Option<&str> {
        self.0.summary.as_deref()
    }
    /// Other forms of the name as printed ("Jason D Lee", "Lei, Qi").
    async fn aliases(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<String>> {
        load_list(ctx, AliasesOfPerson(self.0.id.0)).await
    }
    /// Email addresses, A to Z.
    async fn emails(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<String>> {
        load_list(ctx, EmailsOfPerson(self.0.id.0)).await
    }
    /// Homepage, Google Scholar, ORCID and other links, by kind.
    async fn links(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Link>> {
        let rows = load_list(ctx, LinksOfPerson(self.0.id.0)).await?;
        Ok(rows
            .into_iter()
            .map(|l| Link {
                kind: l.kind,
                url: l.url,
                label: l.label,
            })
            .collect())
    }
    /// Research interests, in stated order.
    async fn interests(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<String>> {
        self.interest_kind(ctx, "interest").await
    }
    /// Topics and keywords, in stated order.
    async fn topics(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<String>> {
        self.interest_kind(ctx, "topic").await
    }
    /// Positions held, by start date (then end date, open ones last);
    /// those without a dated start come last.
    async fn appointments(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Appointment>> {
        Ok(load_list(ctx, AppointmentsOfPerson(self.0.id.0))
            .await?
            .into_iter()
            .map(Appointment)
            .collect())
    }
    /// Degrees and study visits, by start date (then end date, open ones
    /// last); those without a dated start come last.
    async fn education(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Education>> {
        Ok(load_list(ctx, EducationOfPerson(self.0.id.0))
            .await?
            .into_iter()
            .map(Education)
            .collect())
    }
    /// Grants, fellowships, awards, prizes and honours, the latest start
    /// first; undated ones last.
    async fn grants(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Grant>> {
        Ok(load_list(ctx, AwardsOfPerson(self.0.id.0))
            .await?
            .into_iter()
            .map(Grant)
            .collect())
    }
    /// Talks, the most recently given first, each with its presentations.
    async fn talks(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Talk>> {
        Ok(load_list(ctx, TalksOfPerson(self.0.id.0))
            .await?
            .into_iter()
            .map(Talk)
            .collect())
    }
    /// Patents the person is an inventor of, the latest first; undated ones
    /// last.
    async fn patents(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Patent>> {
        Ok(load_list(ctx, PatentsOfPerson(self.0.id.0))
            .await?
            .into_iter()
            .map(Patent)
            .collect())
    }
    /// Courses taught, the most recently taught first.
    async fn teaching(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Teaching>> {
        Ok(load_list(ctx, TeachingOfPerson(self.0.id.0))
            .await?
            .into_iter()
            .map(Teaching)
            .collect())
    }
    /// Reviewing, organizing, mentoring, editorial and committee work, the
    /// latest start first; undated ones last.
    async fn service(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Service>> {
        Ok(load_list(ctx, ServiceOfPerson(self.0.id.0))
            .await?
            .into_iter()
            .map(Service)
            .collect())
    }
    /// The person's works. `relation` picks which: `ANY` (the default) every
    /// work the person is an author of or a source lists under them, `AUTHOR`
    /// the authored ones, `LISTED` the rest; each edge's `relation` says which
    /// a work is, and `totalCount` counts the list the arguments select.
    /// Every other count of a person's works (`works(filter: {author})`,
    /// `coauthors` and their `sharedWorks`) counts authored works only.
    #[graphql(complexity = "super::list_complexity(first.or(last), child_complexity)")]
    #[allow(clippy::too_many_arguments)]
    async fn works(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            default,
            desc = "Which of the person's works by how the person stands to them: `ANY` (authored or listed, the list before this argument existed) when left out, `AUTHOR` the works the person is an author of, `LISTED` those a source only lists under the person. Cursors stay good across relations: the order is the same."
        )]
        relation: WorkRelation,
        #[graphql(
            desc = "Which of the person's works to list: every field given narrows the list. All of them when left out."
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
        let mut query = work::to_query(ctx, filter).await?;
        query.person = Some(self.0.id);
        query.relation = relation.to_store();
        work::connection(ctx, query, order_by, page).await
    }
    /// Co-authors: people who are authors of a work with this person, most
    /// shared works first, then the most recent collaboration. A page of
    /// `first` (default 20, at most the server's maximum, 100) after the
    /// cursor `after`, or of `last` before `before`.
    #[graphql(complexity = "super::list_complexity(first.or(last), child_complexity)")]
    async fn coauthors(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            desc = "How many co-authors to return from the start: 20 when left out (and `last` too), at most 100 (more is `BAD_USER_INPUT`)."
        )]
        first: Option<i32>,
        #[graphql(
            desc = "A `cursor` of this list: the page starts right after that co-author. The first page when left out."
        )]
        after: Option<String>,
        #[graphql(
            desc = "How many co-authors to return from the end, paging backward: at most 100 (more is `BAD_USER_INPUT`); not with `first`."
        )]
        last: Option<i32>,
        #[graphql(
            desc = "A `cursor` of this list: the page ends right before that co-author, paging backward; not with `after`."
        )]
        before: Option<String>,
    ) -> async_graphql::Result<CoauthorConnection> {
        let page = Page::read(ctx, first, after, last, before)?;
        coauthor::connection(ctx, self.0.id, page).await
    }
    /// The person's figures at a glance, for a profile header: authored
    /// works and their span of years, co-authors, and how many career facts
    /// of each kind.
    async fn stats(&self, ctx: &Context<'_>) -> async_graphql::Result<PersonStats> {
        match super::load(ctx, StatsOfPerson(self.0.id.0)).await? {
            Some(s) => Ok(PersonStats(s)),
            None => Err(crate::Error::internal("no stats row for a person")).gql(),
        }
    }
    /// The person and their top co-authors as a graph, for a network
    /// drawing: the co-authors of `coauthors`' first entries, and which of
    /// them are authors of works together.
    #[graphql(complexity = "super::list_complexity(first, child_complexity)")]
    async fn coauthor_graph(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            default_with = "Some(20)",
            desc = "How many co-authors: the first of `coauthors`, 20 when left out, at most 100 (more, or less than 0, is `BAD_USER_INPUT`)."
        )]
        first: Option<i32>,
        #[graphql(
            default_with = "Some(1)",
            desc = "The fewest shared works that make an edge, and that keep a co-author among the nodes: 1 when left out; less than 1 is `BAD_USER_INPUT`."
        )]
        min_shared: Option<i32>,
    ) -> async_graphql::Result<CoauthorGraph> {
        let (first, min_shared) = (first.unwrap_or(20), min_shared.unwrap_or(1));
        aggregate::graph::for_person(ctx, self, first, min_shared).await
    }
    /// The people most like this one (never the person themself), by what
    /// they share: co-authored works, co-authors in common, organizations,
    /// arXiv categories and venues (see `SimilarPerson.score`); ties by
    /// name. Co-authors are included, with "Co-authored N works" among
    /// their reasons. The candidates are the person's neighbourhood, each
    /// part capped: their closest co-authors and those co-authors' closest,
    /// people at their organizations, and recent authors in their commonest
    /// arXiv categories (a venue alone brings no one in).
    #[graphql(complexity = "super::list_complexity(first, child_complexity)")]
    async fn similar(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            default_with = "Some(5)",
            desc = "How many people: 5 when left out, at most 100 (more, or less than 0, is `BAD_USER_INPUT`)."
        )]
        first: Option<i32>,
    ) -> async_graphql::Result<Vec<SimilarPerson>> {
        aggregate::similar::for_person(ctx, self.0.id, first.unwrap_or(5)).await
    }
    /// Appointments and education as one chronological list with lanes for
    /// drawing; `kinds` names the kinds to list instead (each once, e.g.
    /// `[APPOINTMENT, EDUCATION, GRANT]`). `from` and `to` keep the entries
    /// that overlap the window.
    async fn timeline(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            desc = "Keep the entries that have not ended before this date, compared at its precision: `\"2020\"` keeps one that ended in March 2020. No lower bound when left out."
        )]
        from: Option<Date>,
        #[graphql(
            desc = "Keep the entries that started by this date, compared at its precision: `\"2020\"` keeps one that started in December 2020. A window that ends before `from` starts is `BAD_USER_INPUT`. No upper bound when left out."
        )]
        to: Option<Date>,
        #[graphql(
            desc = "The kinds of entry to list (a kind named twice counts once): `[APPOINTMENT, EDUCATION]` when left out; an empty list is `BAD_USER_INPUT`."
        )]
        kinds: Option<Vec<TimelineKind>>,
    ) -> async_graphql::Result<Vec<TimelineEntry>> {
        let mut kinds =
            kinds.unwrap_or_else(|| vec![TimelineKind::Appointment, TimelineKind::Education]);
        if kinds.is_empty() {
            return Err(crate::Error::bad_input(
                "kinds",
                "must name at least one kind (leave it out for appointments and education)",
            ))
            .gql();
        }
        let mut seen = Vec::new();
        kinds.retain(|k| {
            let new = !seen.contains(k);
            seen.push(*k);
            new
        });
        timeline::for_person(ctx, self.0.id, from.map(|d| d.0), to.map(|d| d.0), &kinds).await
    }
    /// Where the person was at a date: the appointments that overlap it, at
    /// the date's precision ("2019-07" matches May–August 2019).
    async fn affiliations_at(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            desc = "The year, month or day to look at: an appointment matches when it overlaps any day of it."
        )]
        date: Date,
    ) -> async_graphql::Result<Vec<Appointment>> {
        let all = load_list(ctx, AppointmentsOfPerson(self.0.id.0)).await?;
        Ok(all
            .into_iter()
            .filter(|a| {
                crate::domain::date::overlaps(
                    scalars::date(&a.start_date).map(|d| d.0),
                    scalars::date(&a.end_date).map(|d| d.0),
                    Some(date.0),
                    Some(date.0),
                )
            })
            .map(Appointment)
            .collect())
    }
    /// Metrics that sources report, by name, then by source.
    async fn metrics(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Metric>> {
        Ok(load_list(ctx, MetricsOfPerson(self.0.id.0))
            .await?
            .into_iter()
            .map(Metric)
            .collect())
    }
    /// Statuses sources state about the person ("Open to collaborate"), by
    /// source key, then in the order the source shows them.
    async fn badges(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Badge>> {
        Ok(load_list(ctx, BadgesOfPerson(self.0.id.0))
            .await?
            .into_iter()
            .map(Badge)
            .collect())
    }
    /// The person in an export format: a profile format (JSON Resume,
    /// ORCID, Markdown CV …) writes the profile, a citation format
    /// (CSL-JSON, BibTeX …) the works the person is an author of (not those
    /// a source only lists under them). The same bytes as `vitae export
    /// --person` and `/export/people/{slug}.{ext}`.
    async fn export(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The format to write.")] format: ExportFormat,
    ) -> async_graphql::Result<String> {
        let slug = self.0.slug.clone();
        let format = format.into();
        let out = store(ctx)
            .read_async(move |c| crate::export::person(c, &slug, format))
            .await
            .gql()?;
        Ok(out.text)
    }
    // `sources` and `statements` as `attested_object!` writes them for
    // every other attested object: async-graphql's `complexity` expressions
    // (on `works` and `coauthors`) cannot be passed through a `macro_rules!`.
    /// The sources that state facts about this person, by source key.
    async fn sources(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Source>> {
        super::source::sources(ctx, "person", self.0.id.0).await
    }
    /// What each source states about it, in the source's own values.
    async fn statements(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Statement>> {
        super::source::statements(ctx, "person", self.0.id.0).await
    }
}

impl Person {
    async fn interest_kind(
        &self,
        ctx: &Context<'_>,
        kind: &str,
    ) -> async_graphql::Result<Vec<String>> {
        let all = load_list(ctx, InterestsOfPerson(self.0.id.0)).await?;
        Ok(all
            .into_iter()
            .filter(|(k, _)| k == kind)
            .map(|(_, t)| t)
            .collect())
    }

    /// Loads a person by id.
    pub async fn load(ctx: &Context<'_>, id: PersonId) -> async_graphql::Result<Option<Person>> {
        Ok(super::load(ctx, PersonById(id.0)).await?.map(Person))
    }

    /// Loads people by id, in order.
    pub async fn load_all(
        ctx: &Context<'_>,
        ids: &[PersonId],
    ) -> async_graphql::Result<Vec<Person>> {
        Ok(
            load_many(ctx, ids.iter().map(|i| PersonById(i.0)).collect())
                .await?
                .into_iter()
                .map(Person)
                .collect(),
        )
    }
}

/// A page of people.
#[derive(SimpleObject)]
pub struct PersonConnection {
    /// How many people match, over all pages.
    pub total_count: i64,
    /// The people of this page.
    pub edges: Vec<PersonEdge>,
    /// Where this page sits.
    pub page_info: PageInfo,
}

/// A person in a page.
#[derive(SimpleObject)]
pub struct PersonEdge {
    /// Pass as `after` to continue after this person.
    pub cursor: String,
    /// The person.
    pub node: Person,
}

/// Queries that find people.
#[derive(Default)]
pub struct PersonQuery;

#[Object]
impl PersonQuery {
    /// The person with this slug, or null.
    async fn person(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The person's `slug` (`qi-lei`), exactly.")] slug: String,
    ) -> async_graphql::Result<Option<Person>> {
        let row = store(ctx)
            .lookup(|c| person::by_slug(c, &slug))
            .await
            .gql()?;
        Ok(row.map(|r| Person(Arc::new(r))))
    }

    /// People by name, A to Z; `search` keeps those whose names or aliases
    /// match (prefix matching, diacritics folded).
    #[graphql(complexity = "super::list_complexity(first.or(last), child_complexity)")]
    async fn people(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            desc = "Keep the people with every word of this text at the start of a word of their name or an alias, diacritics folded (`gurs` finds Gürsoy). At most 200 characters and 12 words. Everyone when left out."
        )]
        search: Option<String>,
        #[graphql(
            desc = "How many people to return from the start: 20 when left out (and `last` too), at most 100 (more is `BAD_USER_INPUT`)."
        )]
        first: Option<i32>,
        #[graphql(
            desc = "A `cursor` of this list: the page starts right after that person. The first page when left out."
        )]
        after: Option<String>,
        #[graphql(
            desc = "How many people to return from the end, paging backward: at most 100 (more is `BAD_USER_INPUT`); not with `first`."
        )]
        last: Option<i32>,
        #[graphql(
            desc = "A `cursor` of this list: the page ends right before that person, paging backward; not with `after`."
        )]
        before: Option<String>,
    ) -> async_graphql::Result<PersonConnection> {
        let page = Page::read(ctx, first, after, last, before)?;
        let position = page.position("people")?;
        let fts = match search.as_deref() {
            Some(text) => Some(super::full_text("search", text).gql()?),
            None => None,
        };
        let (rows, offset, total) = store(ctx)
            .read_async(move |c| {
                let total = person::count(c, fts.as_deref())?;
                let (offset, limit) = page.window(position, total as usize);
                let rows = person::page(c, fts.as_deref(), offset, limit)?;
                Ok((rows, offset, total))
            })
            .await
            .gql()?;
        let page_info = PageInfo::new("people", offset, rows.len(), total);
        let edges = rows
            .into_iter()
            .enumerate()
            .map(|(i, r)| PersonEdge {
                cursor: scalars::cursor("people", offset + i),
                node: Person(Arc::new(r)),
            })
            .collect();
        Ok(PersonConnection {
            total_count: total,
            edges,
            page_info,
        })
    }
}
