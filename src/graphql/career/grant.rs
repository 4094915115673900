//! `Grant`: a grant, fellowship, award, prize or honour, with its amount
//! and the person's role.

use async_graphql::{Context, Object, ID};

use super::org;
use crate::graphql::attested::Attested;
use crate::graphql::enums::GrantKind;
use crate::graphql::organization::Organization;
use crate::graphql::person::Person;
use crate::graphql::scalars::{self, Date};
use crate::store::award;

/// A grant, fellowship, award, prize or honour.
#[derive(Clone)]
pub struct Grant(pub award::AwardRow);

career_object! {
    /// Funding or recognition a person received: a research grant, a
    /// fellowship, an award, a prize or an honour.
    #[Object]
    impl Grant {
        /// An opaque global id: `node(id:)` fetches this object again with it.
        pub(crate) async fn id(&self) -> ID {
            scalars::global_id("Grant", self.0.id.0)
        }
        /// Its name ("Whitehead Fellowship for Junior Faculty …").
        async fn title(&self) -> &str {
            &self.0.title
        }
        /// What kind of funding or recognition it is.
        async fn kind(&self) -> GrantKind {
            GrantKind::from_db(&self.0.kind)
        }
        /// The funded project's title, where it differs from the name.
        async fn project(&self) -> Option<&str> {
            self.0.project.as_deref()
        }
        /// The organization that funds or awards it, where stated.
        async fn funder(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Organization>> {
            org(ctx, self.0.funder_id.map(|f| f.0)).await
        }
        /// The funder's award number ("DE-SC0024721"), where stated.
        async fn award_number(&self) -> Option<&str> {
            self.0.award_number.as_deref()
        }
        /// The amount as a decimal string in units of `currency` ("3970000"),
        /// never a float, so that no digit is lost; where stated.
        async fn amount(&self) -> Option<&str> {
            self.0.amount.as_deref()
        }
        /// The amount's currency as an ISO 4217 code ("USD").
        async fn currency(&self) -> Option<&str> {
            self.0.currency.as_deref()
        }
        /// The amount as printed ("3.97M").
        async fn amount_text(&self) -> Option<&str> {
            self.0.amount_text.as_deref()
        }
        /// The person's role as stated ("PI", "Co-PI", "recipient").
        async fn role(&self) -> Option<&str> {
            self.0.role.as_deref()
        }
        /// When the funded period starts, or when a one-time award was given;
        /// as precisely as a source states it.
        async fn start_date(&self) -> Option<Date> {
            scalars::date(&self.0.start_date)
        }
        /// The start as printed when it has no year ("Spring"); never invented.
        async fn start_date_text(&self) -> Option<&str> {
            self.0.start_raw.as_deref()
        }
        /// When the funded period ends; null for a one-time award, or when no
        /// source gives a year.
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
    }
}

impl Attested for Grant {
    const ENTITY: &'static str = "award";
    fn row_id(&self) -> i64 {
        self.0.id.0
    }
}
