//! `Education`: a degree or a study visit, with advisors, mentors and thesis.

use async_graphql::{Context, Object, ID};

use super::required_org;
use crate::graphql::attested::Attested;
use crate::graphql::loaders::*;
use crate::graphql::organization::Organization;
use crate::graphql::person::Person;
use crate::graphql::scalars::{self, Date};
use crate::graphql::work::Work;
use crate::graphql::{load, load_list};
use crate::store::education;

/// A degree, or a study visit.
#[derive(Clone)]
pub struct Education(pub education::EducationRow);

career_object! {
    /// A degree a person earned or is studying for, or a study visit
    /// ("Visiting student"), at an institution.
    #[Object]
    impl Education {
        /// An opaque global id: `node(id:)` fetches this object again with it.
        pub(crate) async fn id(&self) -> ID {
            scalars::global_id("Education", self.0.id.0)
        }
        /// The degree as stated ("Ph.D.", "B.S.", "Visiting student").
        async fn degree(&self) -> &str {
            &self.0.degree
        }
        /// The field of study as stated, where stated.
        async fn field(&self) -> Option<&str> {
            self.0.field.as_deref()
        }
        /// The institution, as the most specific unit a source states (a
        /// department or school rather than its university).
        async fn organization(&self, ctx: &Context<'_>) -> async_graphql::Result<Organization> {
            required_org(ctx, self.0.organization_id.0).await
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
        /// Whether it is open (a degree under way): it has neither an end date
        /// nor an end printed without a year.
        async fn current(&self) -> bool {
            self.0.end_date.is_none() && self.0.end_raw.is_none()
        }
        /// The advisors (of a degree), in stated order.
        async fn advisors(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Person>> {
            self.by_role(ctx, "advisor").await
        }
        /// Mentors (of a visit), in stated order.
        async fn mentors(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Person>> {
            self.by_role(ctx, "mentor").await
        }
        /// Honours as stated ("with honors").
        async fn honors(&self) -> Option<&str> {
            self.0.honors.as_deref()
        }
        /// GPA as stated ("3.92/4.0").
        async fn gpa(&self) -> Option<&str> {
            self.0.gpa.as_deref()
        }
        /// Class rank as stated ("1st").
        async fn rank(&self) -> Option<&str> {
            self.0.rank.as_deref()
        }
        /// The thesis, as a work, where a source names it.
        async fn thesis(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Work>> {
            match self.0.thesis_id {
                Some(w) => Ok(load(ctx, WorkById(w.0)).await?.map(Work)),
                None => Ok(None),
            }
        }
    }
}

impl Attested for Education {
    const ENTITY: &'static str = "education";
    fn row_id(&self) -> i64 {
        self.0.id.0
    }
}

impl Education {
    async fn by_role(&self, ctx: &Context<'_>, role: &str) -> async_graphql::Result<Vec<Person>> {
        let all = load_list(ctx, AdvisorsOfEducation(self.0.id.0)).await?;
        let ids: Vec<_> = all
            .into_iter()
            .filter(|(r, _)| r == role)
            .map(|(_, p)| p)
            .collect();
        Person::load_all(ctx, &ids).await
    }
}
