//! A person's career, one module per kind of fact: `Appointment`,
//! `Education`, `Grant`, `Talk` with its `Presentation`s, `Patent`,
//! `Teaching` and `Service`. What they share (loading an organization) is
//! here.

mod appointment;
mod education;
mod grant;
mod patent;
mod service;
mod talk;
mod teaching;

pub use appointment::Appointment;
pub use education::Education;
pub use grant::Grant;
pub use patent::{Inventorship, Patent};
pub use service::Service;
pub use talk::{Presentation, Talk};
pub use teaching::{Teaching, Term};

use async_graphql::Context;

use super::error::GqlResult;
use super::load;
use super::loaders::OrganizationById;
use super::organization::Organization;

pub(crate) async fn org(
    ctx: &Context<'_>,
    id: Option<i64>,
) -> async_graphql::Result<Option<Organization>> {
    match id {
        Some(id) => Ok(load(ctx, OrganizationById(id)).await?.map(Organization)),
        None => Ok(None),
    }
}

pub(crate) async fn required_org(
    ctx: &Context<'_>,
    id: i64,
) -> async_graphql::Result<Organization> {
    match org(ctx, Some(id)).await? {
        Some(o) => Ok(o),
        None => Err(crate::Error::internal(format!(
            "organization {id} is missing"
        )))
        .gql(),
    }
}
