//! `Grant`: a grant, fellowship, award, prize or honour, with its amount
//! and the person's role.

use async_graphql::{Context, Object, ID};

use super::org;
use crate::graphql::enums::GrantKind;
use crate::graphql::node::{Source, Statement};
use crate::graphql::organization::Organization;
use crate::graphql::person::Person;
use crate::graphql::scalars::{self, Date};
use crate::store::award;

/// A grant, fellowship, award, prize or honour.
#[derive(Clone)]
pub struct Grant(pub award::AwardRow);

#[Object]
impl Grant {
    /// Global node id.
    pub(crate) async fn id(&self) -> ID {
        scalars::global_id("Grant", self.0.id.0)
    }
    /// Its name ("Whitehead Fellowship for Junior Faculty …").
    async fn title(&self) -> &str {
        &self.0.title
    }
    /// What kind.
    async fn kind(&self) -> GrantKind {
        GrantKind::from_db(&self.0.kind)
    }
    /// The funded project's title, where it differs from the name.
    async fn project(&self) -> Option<&str> {
        self.0.project.as_deref()
    }
    /// Who funds or awards it.
    async fn funder(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Organization>> {
        org(ctx, self.0.funder_id.map(|f| f.0)).await
    }
    /// Award number ("DE-SC0024721").
    async fn award_number(&self) -> Option<&str> {
        self.0.award_number.as_deref()
    }
    /// The amount as a decimal string ("3970000"), never a float.
    async fn amount(&self) -> Option<&str> {
        self.0.amount.as_deref()
    }
    /// ISO 4217 currency of the amount.
    async fn currency(&self) -> Option<&str> {
        self.0.currency.as_deref()
    }
    /// The amount as printed ("3.97M").
    async fn amount_text(&self) -> Option<&str> {
        self.0.amount_text.as_deref()
    }
    /// The person's role (PI, Co-PI, recipient).
    async fn role(&self) -> Option<&str> {
        self.0.role.as_deref()
    }
    /// Start (or the year of the award).
    async fn start_date(&self) -> Option<Date> {
        scalars::date(&self.0.start_date)
    }
    /// The start as printed when it has no year ("Spring"); never invented.
    async fn start_date_text(&self) -> Option<&str> {
        self.0.start_raw.as_deref()
    }
    /// End, for a period.
    async fn end_date(&self) -> Option<Date> {
        scalars::date(&self.0.end_date)
    }
    /// The end as printed when it has no year ("Feb 10"); never invented.
    async fn end_date_text(&self) -> Option<&str> {
        self.0.end_raw.as_deref()
    }
    /// The recipient.
    async fn person(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Person>> {
        Person::load(ctx, self.0.person_id).await
    }
    /// The sources that state it.
    async fn sources(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Source>> {
        crate::graphql::node::sources(ctx, "award", self.0.id.0).await
    }
    /// What each source states about it, in the source's own values.
    async fn statements(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Statement>> {
        crate::graphql::node::statements(ctx, "award", self.0.id.0).await
    }
}
