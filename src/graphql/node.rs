//! The `Node` interface (Relay global object identification) and `node(id)`.

use async_graphql::{Context, Interface, Object, ID};

use super::career::{Appointment, Education, Grant, Patent, Service, Talk, Teaching};
use super::error::GqlResult;
use super::load;
use super::loaders::*;
use super::organization::Organization;
use super::person::Person;
use super::scalars;
use super::source::Source;
use super::work::Work;
use crate::domain::quote::quote;
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
