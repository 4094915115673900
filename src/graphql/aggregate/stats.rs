//! `Person.stats`: a profile header's figures, loaded for a batch of people
//! in one statement (`loaders::StatsOfPerson`).

use async_graphql::Object;

use crate::store::stats::StatsRow;

/// A person's figures at a glance.
pub struct PersonStats(pub StatsRow);

/// A person's figures at a glance, for a profile header. Works are the
/// authored ones, as in `coauthors` and `works(relation: AUTHOR)`; each
/// career count is the length of the matching list of `Person`.
#[Object]
impl PersonStats {
    /// Works the person is an author of (`works(relation: AUTHOR) {
    /// totalCount }`).
    async fn works(&self) -> i64 {
        self.0.works
    }
    /// Works a source only lists under the person, without naming them
    /// among the authors (`works(relation: LISTED) { totalCount }`).
    async fn listed_works(&self) -> i64 {
        self.0.listed_works
    }
    /// The year of the earliest authored work that has a year.
    async fn first_year(&self) -> Option<i32> {
        self.0.first_year
    }
    /// The year of the latest authored work that has a year.
    async fn last_year(&self) -> Option<i32> {
        self.0.last_year
    }
    /// Distinct co-authors (`coauthors { totalCount }`).
    async fn coauthors(&self) -> i64 {
        self.0.coauthors
    }
    /// Positions held (`appointments`).
    async fn appointments(&self) -> i64 {
        self.0.appointments
    }
    /// Degrees and study visits (`education`).
    async fn education(&self) -> i64 {
        self.0.education
    }
    /// Grants, fellowships, awards and honours (`grants`).
    async fn grants(&self) -> i64 {
        self.0.grants
    }
    /// Talks, however many times each was given (`talks`).
    async fn talks(&self) -> i64 {
        self.0.talks
    }
    /// Patents the person is an inventor of (`patents`).
    async fn patents(&self) -> i64 {
        self.0.patents
    }
    /// Courses taught (`teaching`).
    async fn teaching(&self) -> i64 {
        self.0.teaching
    }
    /// Reviewing, organizing and other service (`service`).
    async fn service(&self) -> i64 {
        self.0.service
    }
    /// Sources that state facts about the person (`sources`).
    async fn sources(&self) -> i64 {
        self.0.sources
    }
}
