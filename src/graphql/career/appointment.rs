//! `Appointment`: a position a person held at an organization, with its
//! units, mentors and the block it sits in.

use async_graphql::{Context, Object, ID};

use super::required_org;
use crate::graphql::attested::Attested;
use crate::graphql::enums::AppointmentKind;
use crate::graphql::loaders::*;
use crate::graphql::organization::Organization;
use crate::graphql::person::Person;
use crate::graphql::scalars::{self, Date};
use crate::graphql::{load, load_list};
use crate::store::appointment;

/// A position a person held at an organization.
#[derive(Clone)]
pub struct Appointment(pub appointment::AppointmentRow);

career_object! {
    /// A position a person holds or held at an organization: a faculty post, a
    /// postdoc, a research or industry job, a visit, a fellowship held as a
    /// position.
    #[Object]
    impl Appointment {
        /// An opaque global id: `node(id:)` fetches this object again with it.
        pub(crate) async fn id(&self) -> ID {
            scalars::global_id("Appointment", self.0.id.0)
        }
        /// The title as stated ("Assistant Professor in Mathematics and Data Science").
        async fn title(&self) -> &str {
            &self.0.title
        }
        /// What kind of position it is.
        async fn kind(&self) -> AppointmentKind {
            AppointmentKind::from_db(&self.0.kind)
        }
        /// The organization, as the most specific unit a source states (a
        /// department rather than its university).
        async fn organization(&self, ctx: &Context<'_>) -> async_graphql::Result<Organization> {
            required_org(ctx, self.0.organization_id.0).await
        }
        /// Further units of a joint appointment (a second department), beside
        /// `organization`; empty for most.
        async fn other_organizations(
            &self,
            ctx: &Context<'_>,
        ) -> async_graphql::Result<Vec<Organization>> {
            let ids = load_list(ctx, UnitsOfAppointment(self.0.id.0)).await?;
            let rows =
                crate::graphql::load_many(ctx, ids.iter().map(|o| OrganizationById(o.0)).collect())
                    .await?;
            Ok(rows.into_iter().map(Organization).collect())
        }
        /// The person who holds or held it.
        async fn person(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Person>> {
            Person::load(ctx, self.0.person_id).await
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
        /// End date; null while the appointment is open ("Present") or has no year.
        async fn end_date(&self) -> Option<Date> {
            scalars::date(&self.0.end_date)
        }
        /// The end as printed when it has no year ("Feb 10"); never invented.
        async fn end_date_text(&self) -> Option<&str> {
            self.0.end_raw.as_deref()
        }
        /// Whether the appointment is open: it has neither an end date nor an
        /// end printed without a year.
        async fn current(&self) -> bool {
            self.0.end_date.is_none() && self.0.end_raw.is_none()
        }
        /// The people who mentored the position (a postdoc's hosts), in stated
        /// order.
        async fn mentors(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Person>> {
            let ids = load_list(ctx, MentorsOfAppointment(self.0.id.0)).await?;
            Person::load_all(ctx, &ids).await
        }
        /// What the position involved, as stated.
        async fn description(&self) -> Option<&str> {
            self.0.description.as_deref()
        }
        /// The appointment that holds this one (a fellowship holding two roles).
        async fn parent(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Appointment>> {
            match self.0.parent_id {
                Some(p) => Ok(load(ctx, AppointmentById(p.0)).await?.map(Appointment)),
                None => Ok(None),
            }
        }
    }
}

impl Attested for Appointment {
    const ENTITY: &'static str = "appointment";
    fn row_id(&self) -> i64 {
        self.0.id.0
    }
}
