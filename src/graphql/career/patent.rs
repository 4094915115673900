//! `Patent` and its ordered `Inventorship`s.

use async_graphql::{Context, Object, SimpleObject, ID};

use crate::graphql::attested::Attested;
use crate::graphql::load_list;
use crate::graphql::loaders::*;
use crate::graphql::person::Person;
use crate::graphql::scalars::{self, Date};
use crate::store::patent;

/// A patent.
#[derive(Clone)]
pub struct Patent(pub patent::PatentRow);

/// An inventor's place on a patent.
#[derive(SimpleObject, Clone)]
pub struct Inventorship {
    /// The 1-based position among the inventors.
    pub position: i32,
    /// The name exactly as printed ("Q. Lei").
    pub name: String,
    /// The inventor.
    pub person: Person,
}

career_object! {
    /// A patent or patent application, with its inventors in printed order.
    #[Object]
    impl Patent {
        /// An opaque global id: `node(id:)` fetches this object again with it.
        pub(crate) async fn id(&self) -> ID {
            scalars::global_id("Patent", self.0.id.0)
        }
        /// The patent's title.
        async fn title(&self) -> &str {
            &self.0.title
        }
        /// The inventors in printed order.
        async fn inventors(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Person>> {
            let rows = load_list(ctx, InventorsOfPatent(self.0.id.0)).await?;
            Person::load_all(ctx, &rows.iter().map(|r| r.person_id).collect::<Vec<_>>()).await
        }
        /// The inventors in printed order, each with the name as printed.
        async fn inventorships(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Inventorship>> {
            let rows = load_list(ctx, InventorsOfPatent(self.0.id.0)).await?;
            let people =
                Person::load_all(ctx, &rows.iter().map(|r| r.person_id).collect::<Vec<_>>()).await?;
            Ok(rows
                .into_iter()
                .zip(people)
                .map(|(r, person)| Inventorship {
                    position: r.position as i32,
                    name: r.name,
                    person,
                })
                .collect())
        }
        /// Patent number, where stated.
        async fn number(&self) -> Option<&str> {
            self.0.number.as_deref()
        }
        /// The status as stated ("filed", "granted"), where stated.
        async fn status(&self) -> Option<&str> {
            self.0.status.as_deref()
        }
        /// When it was filed or granted, where a source gives a year; `status`
        /// tells which, where stated.
        async fn date(&self) -> Option<Date> {
            scalars::date(&self.0.date)
        }
        /// The date as printed when it has no year ("Feb 10"); never invented.
        async fn date_text(&self) -> Option<&str> {
            self.0.date_raw.as_deref()
        }
    }
}

impl Attested for Patent {
    const ENTITY: &'static str = "patent";
    fn row_id(&self) -> i64 {
        self.0.id.0
    }
}
