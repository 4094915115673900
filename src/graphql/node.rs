//! The `Node` interface (Relay global object identification), `node(id)`,
//! and `Source`, the document a fact comes from.

use async_graphql::{Context, Interface, Object, SimpleObject, ID};

use super::career::{Appointment, Education, Grant, Patent, Service, Talk, Teaching};
use super::error::GqlResult;
use super::loaders::*;
use super::organization::Organization;
use super::person::Person;
use super::scalars;
use super::work::Work;
use super::{load, load_list, load_many};
use crate::domain::quote::quote;
use crate::store::source;
use crate::Error;

/// Anything with a global id that `node(id)` can fetch again.
#[derive(Interface, Clone)]
#[graphql(field(
    name = "id",
    ty = "ID",
    desc = "An opaque global id: `node(id:)` fetches this object again with it."
))]
pub enum Node {
    Person(Person),
    Organization(Organization),
    Work(Work),
    Appointment(Appointment),
    Education(Education),
    Grant(Grant),
    Talk(Talk),
    Patent(Patent),
    Teaching(Teaching),
    Service(Service),
    Source(Source),
}

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
    let said = load_list(ctx, StatementsOf(entity, id)).await?;
    let mut sources: std::collections::HashMap<i64, source::SourceRow> =
        load_many(ctx, said.iter().map(|(s, _)| SourceById(*s)).collect())
            .await?
            .into_iter()
            .map(|row| (row.id.0, row))
            .collect();
    said.into_iter()
        .filter_map(|(id, data)| sources.remove(&id).map(|row| (row, data)))
        .map(|(row, data)| {
            let mut fact: serde_json::Value =
                serde_json::from_str(&data).map_err(Error::internal).gql()?;
            // A work's statement also holds the author ids the importer
            // resolved (to recompute display values); clients get the work
            // as the source stated it.
            if let Some(work) = fact.get_mut("work") {
                fact = work.take();
            }
            Ok(Statement {
                source: Source(row),
                fact: scalars::SourceFact(fact),
            })
        })
        .collect()
}

/// The `node` query.
#[derive(Default)]
pub struct NodeQuery;

#[Object]
impl NodeQuery {
    /// Fetches any object by its global id; null when nothing has it.
    async fn node(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            desc = "Any object's `id`. A string that is not a Vitae id is `BAD_USER_INPUT`; a Vitae id of an object that is gone gives null."
        )]
        id: ID,
    ) -> async_graphql::Result<Option<Node>> {
        let (kind, row) = scalars::parse_global_id(&id).gql()?;
        Ok(match kind.as_str() {
            "Person" => load(ctx, PersonById(row))
                .await?
                .map(|r| Node::Person(Person(r))),
            "Organization" => load(ctx, OrganizationById(row))
                .await?
                .map(|r| Node::Organization(Organization(r))),
            "Work" => load(ctx, WorkById(row)).await?.map(|r| Node::Work(Work(r))),
            "Appointment" => load(ctx, AppointmentById(row))
                .await?
                .map(|r| Node::Appointment(Appointment(r))),
            "Education" => load(ctx, EducationById(row))
                .await?
                .map(|r| Node::Education(Education(r))),
            "Grant" => load(ctx, AwardById(row))
                .await?
                .map(|r| Node::Grant(Grant(r))),
            "Talk" => load(ctx, TalkById(row)).await?.map(|r| Node::Talk(Talk(r))),
            "Patent" => load(ctx, PatentById(row))
                .await?
                .map(|r| Node::Patent(Patent(r))),
            "Teaching" => load(ctx, TeachingById(row))
                .await?
                .map(|r| Node::Teaching(Teaching(r))),
            "Service" => load(ctx, ServiceById(row))
                .await?
                .map(|r| Node::Service(Service(r))),
            "Source" => load(ctx, SourceById(row))
                .await?
                .map(|r| Node::Source(Source(r))),
            _ => {
                return Err(Error::bad_input(
                    "id",
                    format!("`{}` is not the id of a Vitae object", quote(&id)),
                ))
                .gql()
            }
        })
    }
}
