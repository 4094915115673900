//! `Organization`: universities and their units, companies, funders.

use async_graphql::{Context, Object, ID};

use super::attested::Attested;
use super::career::Appointment;
use super::enums::OrganizationKind;
use super::error::GqlResult;
use super::loaders::*;
use super::person::Person;
use super::scalars;
use super::{load, load_list, store};
use crate::store::organization;

/// An organization, possibly part of another.
#[derive(Clone)]
pub struct Organization(pub organization::OrganizationRow);

attested_object! {
    /// An organization: a university and its units (schools, departments,
    /// institutes, labs), a company, a funder, a conference. Units form a tree
    /// through `parent` and `children`, and a fact names the most specific unit
    /// its source states.
    #[Object]
    impl Organization {
        /// An opaque global id: `node(id:)` fetches this object again with it.
        pub(crate) async fn id(&self) -> ID {
            scalars::global_id("Organization", self.0.id.0)
        }
        /// The name as a lowercase, hyphenated key for URLs, unique among
        /// organizations; `organization(slug:)` finds it by it.
        async fn slug(&self) -> &str {
            &self.0.slug
        }
        /// The name it was first imported under; other names sources use are
        /// in `aliases`.
        async fn name(&self) -> &str {
            &self.0.name
        }
        /// What kind of organization it is.
        async fn kind(&self) -> OrganizationKind {
            OrganizationKind::from_db(&self.0.kind)
        }
        /// Other names sources use for it ("NYU"), A to Z.
        async fn aliases(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<String>> {
            load_list(ctx, AliasesOfOrganization(self.0.id.0)).await
        }
        /// The organization this one is part of (a department's school or
        /// university); null for a top-level one.
        async fn parent(&self, ctx: &Context<'_>) -> async_graphql::Result<Option<Organization>> {
            match self.0.parent_id {
                Some(p) => Ok(load(ctx, OrganizationById(p.0)).await?.map(Organization)),
                None => Ok(None),
            }
        }
        /// The units directly inside this one, by name.
        async fn children(&self, ctx: &Context<'_>) -> async_graphql::Result<Vec<Organization>> {
            Ok(load_list(ctx, ChildrenOfOrganization(self.0.id.0))
                .await?
                .into_iter()
                .map(Organization)
                .collect())
        }
        /// City, region and country, the known ones joined by commas ("New
        /// York, NY, United States"); null when none is known.
        async fn location(&self) -> Option<String> {
            let parts: Vec<&str> = [&self.0.city, &self.0.region, &self.0.country]
                .into_iter()
                .filter_map(|p| p.as_deref())
                .collect();
            (!parts.is_empty()).then(|| parts.join(", "))
        }
        /// The city, where a source states it.
        async fn city(&self) -> Option<&str> {
            self.0.city.as_deref()
        }
        /// The region or state as stated ("NY"), where a source states it.
        async fn region(&self) -> Option<&str> {
            self.0.region.as_deref()
        }
        /// The country as stated ("United States"), where a source states it.
        async fn country(&self) -> Option<&str> {
            self.0.country.as_deref()
        }
        /// The address of its website, where a source states one.
        async fn url(&self) -> Option<&str> {
            self.0.url.as_deref()
        }
        /// Appointments held here or in a unit below, chronological;
        /// `current: true` keeps the open ones, `false` the ended ones.
        async fn appointments(
            &self,
            ctx: &Context<'_>,
            #[graphql(
                desc = "`true` keeps the appointments without an end date, `false` those with one; all when left out."
            )]
            current: Option<bool>,
        ) -> async_graphql::Result<Vec<Appointment>> {
            let all = load_list(ctx, AppointmentsAtOrganization(self.0.id.0)).await?;
            Ok(all
                .into_iter()
                .filter(|a| current.is_none_or(|c| c == a.end_date.is_none()))
                .map(Appointment)
                .collect())
        }
        /// People with an appointment here or in a unit below (current and past
        /// unless `current` says which), each once, in the order of their first
        /// such appointment.
        async fn people(
            &self,
            ctx: &Context<'_>,
            #[graphql(
                desc = "`true` keeps the people with an appointment here that has no end date, `false` those with one that has (a person can be both); all when left out."
            )]
            current: Option<bool>,
        ) -> async_graphql::Result<Vec<Person>> {
            let all = load_list(ctx, AppointmentsAtOrganization(self.0.id.0)).await?;
            let mut ids = Vec::new();
            for a in all
                .iter()
                .filter(|a| current.is_none_or(|c| c == a.end_date.is_none()))
            {
                if !ids.contains(&a.person_id) {
                    ids.push(a.person_id);
                }
            }
            Person::load_all(ctx, &ids).await
        }
    }
}

impl Attested for Organization {
    const ENTITY: &'static str = "organization";
    fn row_id(&self) -> i64 {
        self.0.id.0
    }
}

/// Queries that find organizations.
#[derive(Default)]
pub struct OrganizationQuery;

#[Object]
impl OrganizationQuery {
    /// The organization with this slug, or null.
    async fn organization(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The organization's `slug`, exactly.")] slug: String,
    ) -> async_graphql::Result<Option<Organization>> {
        let row = store(ctx)
            .lookup(|c| organization::by_slug(c, &slug))
            .await
            .gql()?;
        Ok(row.map(Organization))
    }
}
