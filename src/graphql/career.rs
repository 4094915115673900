//! A person's career: `Appointment`, `Education`, `Grant`, `Talk` with its
//! `Presentation`s, `Patent`, `Teaching` and `Service`.

use async_graphql::{Context, Object, SimpleObject, ID};

use super::enums::{AppointmentKind, GrantKind, ServiceKind};
use super::error::GqlResult;
use super::loaders::*;
use super::node::{Source, Statement};
use super::organization::Organization;
use super::person::Person;
use super::scalars::{self, Date};
use super::work::Work;
use super::{load, load_list};
use crate::store::{appointment, award, education, patent, service, talk, teaching};

async fn org(ctx: &Context<'_>, id: Option<i64>) -> async_graphql::Result<Option<Organization>> {
    match id {
        Some(id) => Ok(load(ctx, OrganizationById(id)).await?.map(Organization)),
        None => Ok(None),
    }
}

async fn required_org(ctx: &Context<'_>, id: i64) -> async_graphql::Result<Organization> {
    match org(ctx, Some(id)).await? {
        Some(o) => Ok(o),
        None => Err(crate::Error::internal(format!(
            "organization {id} is missing"
        )))
        .gql(),
    }
}

/// A position a person held at an organization.
#[derive(Clone)]
pub struct Appointment(pub appointment::AppointmentRow);

#[Object]
impl Appointment {
    /// Global node id.
    pub(crate) async fn id(&self) -> ID {
        scalars::global_id("Appointment", self.0.id.0)
    }
    /// The title as stated ("Assistant Professor in Mathematics and Data Science").
    async fn title(&self) -> &str {
        &self.0.title
    }
    /// What kind of position.
    async fn kind(&self) -> AppointmentKind {
        AppointmentKind::from_db(&self.0.kind)
    }
    /// The organization (the most specific unit stated).
    async fn organization(&self, ctx: &Context<'_>) -> async_graphql::Result<Organization> {
        required_org(ctx, self.0.organization_id.0).await
    }
    /// Further units of a joint appointment.
    async fn other_organizations(
        &self,
        ctx: &Context<'_>,
    ) -> async_graphql::Result<Vec<Organization>> {
        let ids = load_list(ctx, UnitsOfAppointment(self.0.id.0)).await?;
        let rows =
            super::load_many(ctx, ids.iter().map(|o| OrganizationById(o.0)).collect()).await?;
        Ok(rows.into_iter().map(Organization).collect())
    }
    /// The person who held it.
    async fn person(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Person>> {
        Person::load(ctx, self.0.person_id).await
    }
    /// Start date.
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
    /// Whether the appointment has no end.
    async fn current(&self) -> bool {
        self.0.end_date.is_none() && self.0.end_raw.is_none()
    }
    /// Mentors, in stated order.
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
    /// The sources that state it.
    async fn sources(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Source>> {
        super::node::sources(ctx, "appointment", self.0.id.0).await
    }
    /// What each source states about it, in the source's own values.
    async fn statements(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Statement>> {
        super::node::statements(ctx, "appointment", self.0.id.0).await
    }
}

/// A degree, or a study visit.
#[derive(Clone)]
pub struct Education(pub education::EducationRow);

#[Object]
impl Education {
    /// Global node id.
    pub(crate) async fn id(&self) -> ID {
        scalars::global_id("Education", self.0.id.0)
    }
    /// The degree as stated ("Ph.D.", "B.S.", "Visiting student").
    async fn degree(&self) -> &str {
        &self.0.degree
    }
    /// Field of study.
    async fn field(&self) -> Option<&str> {
        self.0.field.as_deref()
    }
    /// The institution (the most specific unit stated).
    async fn organization(&self, ctx: &Context<'_>) -> async_graphql::Result<Organization> {
        required_org(ctx, self.0.organization_id.0).await
    }
    /// Start date.
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
    /// Whether it has no end.
    async fn current(&self) -> bool {
        self.0.end_date.is_none() && self.0.end_raw.is_none()
    }
    /// Advisors, in stated order.
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
    /// The thesis.
    async fn thesis(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Work>> {
        match self.0.thesis_id {
            Some(w) => Ok(load(ctx, WorkById(w.0)).await?.map(Work)),
            None => Ok(None),
        }
    }
    /// The sources that state it.
    async fn sources(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Source>> {
        super::node::sources(ctx, "education", self.0.id.0).await
    }
    /// What each source states about it, in the source's own values.
    async fn statements(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Statement>> {
        super::node::statements(ctx, "education", self.0.id.0).await
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

/// A grant, fellowship, award, prize or honour.
#[derive(Clone)]
pub struct Grant(pub award::AwardRow);

#[Object]
impl Grant {
    /// Global node id.
    pub(crate) async fn id(&self) -> ID {
        scalars::global_id("Grant", self.0.id.0)
    }
    /// Its name ("Whitehead Fellowship for Junior Faculty …").
    async fn title(&self) -> &str {
        &self.0.title
    }
    /// What kind.
    async fn kind(&self) -> GrantKind {
        GrantKind::from_db(&self.0.kind)
    }
    /// The funded project's title, where it differs from the name.
    async fn project(&self) -> Option<&str> {
        self.0.project.as_deref()
    }
    /// Who funds or awards it.
    async fn funder(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Organization>> {
        org(ctx, self.0.funder_id.map(|f| f.0)).await
    }
    /// Award number ("DE-SC0024721").
    async fn award_number(&self) -> Option<&str> {
        self.0.award_number.as_deref()
    }
    /// The amount as a decimal string ("3970000"), never a float.
    async fn amount(&self) -> Option<&str> {
        self.0.amount.as_deref()
    }
    /// ISO 4217 currency of the amount.
    async fn currency(&self) -> Option<&str> {
        self.0.currency.as_deref()
    }
    /// The amount as printed ("3.97M").
    async fn amount_text(&self) -> Option<&str> {
        self.0.amount_text.as_deref()
    }
    /// The person's role (PI, Co-PI, recipient).
    async fn role(&self) -> Option<&str> {
        self.0.role.as_deref()
    }
    /// Start (or the year of the award).
    async fn start_date(&self) -> Option<Date> {
        scalars::date(&self.0.start_date)
    }
    /// The start as printed when it has no year ("Spring"); never invented.
    async fn start_date_text(&self) -> Option<&str> {
        self.0.start_raw.as_deref()
    }
    /// End, for a period.
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
    /// The sources that state it.
    async fn sources(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Source>> {
        super::node::sources(ctx, "award", self.0.id.0).await
    }
    /// What each source states about it, in the source's own values.
    async fn statements(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Statement>> {
        super::node::statements(ctx, "award", self.0.id.0).await
    }
}

/// A talk, often given several times.
#[derive(Clone)]
pub struct Talk(pub talk::TalkRow);

/// One giving of a talk.
#[derive(Clone)]
pub struct Presentation(pub talk::PresentationRow);

#[Object]
impl Talk {
    /// Global node id.
    pub(crate) async fn id(&self) -> ID {
        scalars::global_id("Talk", self.0.id.0)
    }
    /// The talk's title.
    async fn title(&self) -> &str {
        &self.0.title
    }
    /// Each time it was given, chronological.
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
    /// The sources that state it.
    async fn sources(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Source>> {
        super::node::sources(ctx, "talk", self.0.id.0).await
    }
    /// What each source states about it, in the source's own values.
    async fn statements(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Statement>> {
        super::node::statements(ctx, "talk", self.0.id.0).await
    }
}

#[Object]
impl Presentation {
    /// The event ("One World ML Seminar").
    async fn event(&self) -> Option<&str> {
        self.0.event.as_deref()
    }
    /// The hosting organization.
    async fn host(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Organization>> {
        org(ctx, self.0.host_id.map(|h| h.0)).await
    }
    /// Where ("Beijing").
    async fn location(&self) -> Option<&str> {
        self.0.location.as_deref()
    }
    /// When.
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

/// A patent.
#[derive(Clone)]
pub struct Patent(pub patent::PatentRow);

/// An inventor's place on a patent.
#[derive(SimpleObject, Clone)]
pub struct Inventorship {
    /// 1-based position.
    pub position: i32,
    /// The name exactly as printed ("Q. Lei").
    pub name: String,
    /// The inventor.
    pub person: Person,
}

#[Object]
impl Patent {
    /// Global node id.
    pub(crate) async fn id(&self) -> ID {
        scalars::global_id("Patent", self.0.id.0)
    }
    /// The title.
    async fn title(&self) -> &str {
        &self.0.title
    }
    /// Inventors in order.
    async fn inventors(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Person>> {
        let rows = load_list(ctx, InventorsOfPatent(self.0.id.0)).await?;
        Person::load_all(ctx, &rows.iter().map(|r| r.person_id).collect::<Vec<_>>()).await
    }
    /// Inventors in order, with their names as printed.
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
    /// Status (filed, granted), where stated.
    async fn status(&self) -> Option<&str> {
        self.0.status.as_deref()
    }
    /// When (filed or granted), where stated with a year.
    async fn date(&self) -> Option<Date> {
        scalars::date(&self.0.date)
    }
    /// The date as printed when it has no year ("Feb 10"); never invented.
    async fn date_text(&self) -> Option<&str> {
        self.0.date_raw.as_deref()
    }
    /// The sources that state it.
    async fn sources(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Source>> {
        super::node::sources(ctx, "patent", self.0.id.0).await
    }
    /// What each source states about it, in the source's own values.
    async fn statements(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Statement>> {
        super::node::statements(ctx, "patent", self.0.id.0).await
    }
}

/// A course taught and the terms it was taught in.
#[derive(Clone)]
pub struct Teaching(pub teaching::TeachingRow);

/// An academic term.
#[derive(SimpleObject, Clone)]
pub struct Term {
    /// spring, summer, fall or winter.
    pub season: String,
    /// The year.
    pub year: i32,
}

#[Object]
impl Teaching {
    /// Global node id.
    pub(crate) async fn id(&self) -> ID {
        scalars::global_id("Teaching", self.0.id.0)
    }
    /// The course.
    async fn course(&self) -> &str {
        &self.0.course
    }
    /// The role (Instructor, Teaching Assistant).
    async fn role(&self) -> &str {
        &self.0.role
    }
    /// Where it was taught.
    async fn organization(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Organization>> {
        org(ctx, self.0.organization_id.map(|o| o.0)).await
    }
    /// A note as stated ("Summer School").
    async fn note(&self) -> Option<&str> {
        self.0.note.as_deref()
    }
    /// Terms, chronological.
    async fn terms(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Term>> {
        let rows = load_list(ctx, TermsOfTeaching(self.0.id.0)).await?;
        Ok(rows
            .into_iter()
            .map(|(season, year)| Term { season, year })
            .collect())
    }
    /// The sources that state it.
    async fn sources(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Source>> {
        super::node::sources(ctx, "teaching", self.0.id.0).await
    }
    /// What each source states about it, in the source's own values.
    async fn statements(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Statement>> {
        super::node::statements(ctx, "teaching", self.0.id.0).await
    }
}

/// Reviewing, organizing, mentoring and other service.
#[derive(Clone)]
pub struct Service(pub service::ServiceRow);

#[Object]
impl Service {
    /// Global node id.
    pub(crate) async fn id(&self) -> ID {
        scalars::global_id("Service", self.0.id.0)
    }
    /// What kind.
    async fn kind(&self) -> ServiceKind {
        ServiceKind::from_db(&self.0.kind)
    }
    /// What the person did, as stated.
    async fn role(&self) -> &str {
        &self.0.role
    }
    /// Venues served (NeurIPS, JMLR …).
    async fn venues(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<String>> {
        load_list(ctx, VenuesOfService(self.0.id.0)).await
    }
    /// The organization, where stated.
    async fn organization(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Organization>> {
        org(ctx, self.0.organization_id.map(|o| o.0)).await
    }
    /// Start date.
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
    /// The sources that state it.
    async fn sources(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Source>> {
        super::node::sources(ctx, "service", self.0.id.0).await
    }
    /// What each source states about it, in the source's own values.
    async fn statements(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Statement>> {
        super::node::statements(ctx, "service", self.0.id.0).await
    }
}
