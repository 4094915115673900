//! One `DataLoader` relation per nested field: every resolver that reaches
//! another row asks a loader, and the loader answers a whole batch of parents
//! with one SQL statement. This is what keeps the whole-CV query at a fixed
//! number of statements however many works and authors it lists. A batch is
//! a keyed read of at most `max_batch_size` ids, so it runs on the calling
//! thread (`Store::lookup`), not on the blocking pool.

use std::collections::HashMap;
use std::sync::Arc;

use async_graphql::dataloader::Loader;

use crate::store::{
    appointment, award, badge, education, metric, organization, patent, person, service, source,
    stats, talk, teaching, work, Store,
};
use crate::Error;

/// The loader context: the store, batched by relation.
pub struct Db {
    pub store: Store,
}

/// The error every loader returns (shared between the fields that waited on it).
pub type LoadError = Arc<Error>;

/// Rows by id: `key` newtype, row type, store function, id of a row. With
/// `shared`, the value is an `Arc` of the row: the DataLoader hands every
/// field that asked for a key its own copy of the value, and a row many
/// fields ask for (an author's person, once per authorship) is then one
/// count, not a copy of its strings.
macro_rules! by_id {
    ($key:ident, $row:ty, $fetch:path, $id:expr) => {
        by_id!(@loader $key, $row, $row, $fetch, $id, |r| r);
    };
    (shared $key:ident, $row:ty, $fetch:path, $id:expr) => {
        by_id!(@loader $key, $row, Arc<$row>, $fetch, $id, Arc::new);
    };
    (@loader $key:ident, $row:ty, $value:ty, $fetch:path, $id:expr, $wrap:expr) => {
        #[doc = concat!("Loads `", stringify!($row), "` by id.")]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub struct $key(pub i64);

        impl Loader<$key> for Db {
            type Value = $value;
            type Error = LoadError;

            async fn load(&self, keys: &[$key]) -> Result<HashMap<$key, $value>, LoadError> {
                let ids: Vec<i64> = keys.iter().map(|k| k.0).collect();
                let rows = self
                    .store
                    .lookup(|c| $fetch(c, &ids))
                    .await
                    .map_err(Arc::new)?;
                let id = $id;
                Ok(rows.into_iter().map(|r| ($key(id(&r)), $wrap(r))).collect())
            }
        }
    };
}

/// Child rows per parent id: `key` newtype, child type, store function.
macro_rules! children {
    ($key:ident, $row:ty, $fetch:path) => {
        #[doc = concat!("Loads the `", stringify!($row), "` list of each parent.")]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub struct $key(pub i64);

        impl Loader<$key> for Db {
            type Value = Vec<$row>;
            type Error = LoadError;

            async fn load(&self, keys: &[$key]) -> Result<HashMap<$key, Vec<$row>>, LoadError> {
                let ids: Vec<i64> = keys.iter().map(|k| k.0).collect();
                let map = self
                    .store
                    .lookup(|c| $fetch(c, &ids))
                    .await
                    .map_err(Arc::new)?;
                Ok(map.into_iter().map(|(k, v)| ($key(k), v)).collect())
            }
        }
    };
}

by_id!(
    StatsOfPerson,
    stats::StatsRow,
    stats::for_people,
    |r: &stats::StatsRow| r.person.0
);
by_id!(
    shared PersonById,
    person::PersonRow,
    person::by_ids,
    |r: &person::PersonRow| r.id.0
);
by_id!(
    OrganizationById,
    organization::OrganizationRow,
    organization::by_ids,
    |r: &organization::OrganizationRow| r.id.0
);
by_id!(
    WorkById,
    work::WorkRow,
    work::by_ids,
    |r: &work::WorkRow| r.id
);
by_id!(
    SourceById,
    source::SourceRow,
    source::by_ids,
    |r: &source::SourceRow| r.id.0
);
by_id!(
    AppointmentById,
    appointment::AppointmentRow,
    appointment::by_ids,
    |r: &appointment::AppointmentRow| r.id.0
);

children!(AliasesOfPerson, String, person::aliases_for);
children!(EmailsOfPerson, String, person::emails_for);
children!(InterestsOfPerson, (String, String), person::interests_for);
children!(LinksOfPerson, person::LinkRow, person::links_for);
children!(
    AppointmentsOfPerson,
    appointment::AppointmentRow,
    appointment::for_people
);
children!(
    EducationOfPerson,
    education::EducationRow,
    education::for_people
);
children!(AwardsOfPerson, award::AwardRow, award::for_people);
children!(TalksOfPerson, talk::TalkRow, talk::for_people);
children!(PatentsOfPerson, patent::PatentRow, patent::for_people);
children!(
    TeachingOfPerson,
    teaching::TeachingRow,
    teaching::for_people
);
children!(ServiceOfPerson, service::ServiceRow, service::for_people);
children!(MetricsOfPerson, metric::MetricRow, metric::for_people);
children!(BadgesOfPerson, badge::BadgeRow, badge::for_people);
children!(
    MentorsOfAppointment,
    crate::domain::id::PersonId,
    appointment::mentors_for
);
children!(
    UnitsOfAppointment,
    crate::domain::id::OrganizationId,
    appointment::units_for
);
children!(
    AdvisorsOfEducation,
    (String, crate::domain::id::PersonId),
    education::advisors_for
);
children!(
    PresentationsOfTalk,
    talk::PresentationRow,
    talk::presentations_for
);
children!(
    InventorsOfPatent,
    patent::InventorRow,
    patent::inventors_for
);
children!(TermsOfTeaching, (String, i32), teaching::terms_for);
children!(VenuesOfService, String, service::venues_for);
children!(AuthorsOfWork, work::AuthorshipRow, work::authorships_for);
children!(CategoriesOfWork, String, work::categories_for);
children!(NotesOfWork, String, work::notes_for);
children!(LinksOfWork, person::LinkRow, work::links_for);
children!(
    ChildrenOfOrganization,
    organization::OrganizationRow,
    organization::children_of
);
children!(AliasesOfOrganization, String, organization::aliases_for);
children!(
    AppointmentsAtOrganization,
    appointment::AppointmentRow,
    appointment::for_organizations
);

/// A loader of facts per (entity table, id), one statement per entity table
/// in a batch (`fetch(conn, entity, ids)`).
macro_rules! per_entity {
    ($(#[$doc:meta])* $key:ident, $value:ty, $fetch:path) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub struct $key(pub &'static str, pub i64);

        impl Loader<$key> for Db {
            type Value = $value;
            type Error = LoadError;

            async fn load(&self, keys: &[$key]) -> Result<HashMap<$key, $value>, LoadError> {
                let mut by_entity: HashMap<&'static str, Vec<i64>> = HashMap::new();
                for k in keys {
                    by_entity.entry(k.0).or_default().push(k.1);
                }
                let mut out = HashMap::new();
                for (entity, ids) in by_entity {
                    let map = self
                        .store
                        .lookup(|c| $fetch(c, entity, &ids))
                        .await
                        .map_err(Arc::new)?;
                    out.extend(map.into_iter().map(|(id, v)| ($key(entity, id), v)));
                }
                Ok(out)
            }
        }
    };
}

per_entity!(
    /// The sources that state a fact: (entity table, id).
    SourcesOf,
    Vec<i64>,
    source::sources_for
);
per_entity!(
    /// What each source states about a fact: (entity table, id) → (source
    /// id, the source's JSON).
    StatementsOf,
    Vec<(i64, String)>,
    source::statements_for
);

by_id!(
    EducationById,
    education::EducationRow,
    education::by_ids,
    |r: &education::EducationRow| r.id.0
);
by_id!(
    AwardById,
    award::AwardRow,
    award::by_ids,
    |r: &award::AwardRow| r.id.0
);
by_id!(
    TalkById,
    talk::TalkRow,
    talk::by_ids,
    |r: &talk::TalkRow| r.id.0
);
by_id!(
    PatentById,
    patent::PatentRow,
    patent::by_ids,
    |r: &patent::PatentRow| r.id.0
);
by_id!(
    TeachingById,
    teaching::TeachingRow,
    teaching::by_ids,
    |r: &teaching::TeachingRow| r.id.0
);
by_id!(
    ServiceById,
    service::ServiceRow,
    service::by_ids,
    |r: &service::ServiceRow| r.id.0
);
