//! Typed row ids, so that a work id cannot go where a person id is due.

macro_rules! ids {
    ($($name:ident),* $(,)?) => {$(
        #[doc = concat!("Row id of a `", stringify!($name), "`.")]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(pub i64);
    )*};
}

ids!(
    PersonId,
    OrganizationId,
    AppointmentId,
    EducationId,
    AwardId,
    TalkId,
    PatentId,
    TeachingId,
    ServiceId,
    WorkId,
    SourceId,
);
