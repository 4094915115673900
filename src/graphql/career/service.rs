//! `Service`: reviewing, organizing, mentoring and other service.

use async_graphql::{Context, Object, ID};

use super::org;
use crate::graphql::attested::Attested;
use crate::graphql::enums::ServiceKind;
use crate::graphql::load_list;
use crate::graphql::loaders::*;
use crate::graphql::organization::Organization;
use crate::graphql::scalars::{self, Date};
use crate::store::service;

/// Reviewing, organizing, mentoring and other service.
#[derive(Clone)]
pub struct Service(pub service::ServiceRow);

career_object! {
    /// Service to the profession: reviewing, organizing, mentoring, editorial
    /// or committee work.
    #[Object]
    impl Service {
        /// An opaque global id: `node(id:)` fetches this object again with it.
        pub(crate) async fn id(&self) -> ID {
            scalars::global_id("Service", self.0.id.0)
        }
        /// What kind of service it is.
        async fn kind(&self) -> ServiceKind {
            ServiceKind::from_db(&self.0.kind)
        }
        /// What the person did, as stated.
        async fn role(&self) -> &str {
            &self.0.role
        }
        /// The venues served ("NeurIPS", "JMLR"), in stated order.
        async fn venues(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<String>> {
            load_list(ctx, VenuesOfService(self.0.id.0)).await
        }
        /// The organization served, where stated.
        async fn organization(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Organization>> {
            org(ctx, self.0.organization_id.map(|o| o.0)).await
        }
        /// When it began, as precisely as a source states it; null when no
        /// source gives a year (see `startDateText`).
        async fn start_date(&self) -> Option<Date> {
            scalars::date(&self.0.start_date)
        }
        /// The start as printed when it has no year ("Feb 10"); never invented.
        async fn start_date_text(&self) -> Option<&str> {
            self.0.start_raw.as_deref()
        }
        /// End date; null while open or when the end has no year.
        async fn end_date(&self) -> Option<Date> {
            scalars::date(&self.0.end_date)
        }
        /// The end as printed when it has no year ("Feb 10"); never invented.
        async fn end_date_text(&self) -> Option<&str> {
            self.0.end_raw.as_deref()
        }
    }
}

impl Attested for Service {
    const ENTITY: &'static str = "service";
    fn row_id(&self) -> i64 {
        self.0.id.0
    }
}
