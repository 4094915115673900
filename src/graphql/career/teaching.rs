//! `Teaching`: a course taught and the `Term`s it was taught in.

use async_graphql::{Context, Object, SimpleObject, ID};

use super::org;
use crate::graphql::attested::Attested;
use crate::graphql::load_list;
use crate::graphql::loaders::*;
use crate::graphql::organization::Organization;
use crate::graphql::scalars::{self};
use crate::store::teaching;

/// A course taught and the terms it was taught in.
#[derive(Clone)]
pub struct Teaching(pub teaching::TeachingRow);

/// An academic term: a season of a year.
#[derive(SimpleObject, Clone)]
pub struct Term {
    /// The season, in lowercase: `winter`, `spring`, `summer` or `fall`.
    pub season: String,
    /// The calendar year (2024).
    pub year: i32,
}

career_object! {
    /// A course a person taught or assisted in, with the terms it ran.
    #[Object]
    impl Teaching {
        /// An opaque global id: `node(id:)` fetches this object again with it.
        pub(crate) async fn id(&self) -> ID {
            scalars::global_id("Teaching", self.0.id.0)
        }
        /// The course's title as stated.
        async fn course(&self) -> &str {
            &self.0.course
        }
        /// The person's role as stated ("Instructor", "Teaching Assistant").
        async fn role(&self) -> &str {
            &self.0.role
        }
        /// Where it was taught, where stated.
        async fn organization(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Organization>> {
            org(ctx, self.0.organization_id.map(|o| o.0)).await
        }
        /// A note as stated ("Summer School").
        async fn note(&self) -> Option<&str> {
            self.0.note.as_deref()
        }
        /// The terms it was taught in, oldest first (winter, spring, summer,
        /// fall within a year).
        async fn terms(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Term>> {
            let rows = load_list(ctx, TermsOfTeaching(self.0.id.0)).await?;
            Ok(rows
                .into_iter()
                .map(|(season, year)| Term { season, year })
                .collect())
        }
    }
}

impl Attested for Teaching {
    const ENTITY: &'static str = "teaching";
    fn row_id(&self) -> i64 {
        self.0.id.0
    }
}
