//! `Talk` and its `Presentation`s: one talk, given several times.

use async_graphql::{Context, Object, ID};

use super::org;
use crate::graphql::attested::Attested;
use crate::graphql::load_list;
use crate::graphql::loaders::*;
use crate::graphql::organization::Organization;
use crate::graphql::person::Person;
use crate::graphql::scalars::{self, Date};
use crate::store::talk;

/// A talk, often given several times.
#[derive(Clone)]
pub struct Talk(pub talk::TalkRow);

/// One giving of a talk.
#[derive(Clone)]
pub struct Presentation(pub talk::PresentationRow);

career_object! {
    /// A talk a person gave, once or several times; each time is a
    /// `Presentation`.
    #[Object]
    impl Talk {
        /// An opaque global id: `node(id:)` fetches this object again with it.
        pub(crate) async fn id(&self) -> ID {
            scalars::global_id("Talk", self.0.id.0)
        }
        /// The talk's title.
        async fn title(&self) -> &str {
            &self.0.title
        }
        /// Each time it was given, by date; undated ones last.
        async fn presentations(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Presentation>> {
            Ok(load_list(ctx, PresentationsOfTalk(self.0.id.0))
                .await?
                .into_iter()
                .map(Presentation)
                .collect())
        }
        /// The speaker.
        async fn person(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Person>> {
            Person::load(ctx, self.0.person_id).await
        }
    }
}

impl Attested for Talk {
    const ENTITY: &'static str = "talk";
    fn row_id(&self) -> i64 {
        self.0.id.0
    }
}

/// One time a talk was given: the event, the host, the place and the date.
#[Object]
impl Presentation {
    /// The event as stated ("One World ML Seminar"), where stated.
    async fn event(&self) -> Option<&str> {
        self.0.event.as_deref()
    }
    /// The organization that hosted it, where stated.
    async fn host(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Organization>> {
        org(ctx, self.0.host_id.map(|h| h.0)).await
    }
    /// Where it was given, as stated ("Beijing").
    async fn location(&self) -> Option<&str> {
        self.0.location.as_deref()
    }
    /// When it was given, as precisely as a source states it.
    async fn date(&self) -> Option<Date> {
        scalars::date(&self.0.date)
    }
    /// The date as printed when it has no year ("Feb 10"); never invented.
    async fn date_text(&self) -> Option<&str> {
        self.0.date_raw.as_deref()
    }
    /// Whether it was given online.
    async fn r#virtual(&self) -> bool {
        self.0.r#virtual
    }
}
