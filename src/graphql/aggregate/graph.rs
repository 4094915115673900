//! `Person.coauthorGraph`: the person, their top co-authors (the order of
//! `Person.coauthors`) and who among them works with whom, for a small
//! network drawing. Two statements read it: the ranking's first entries
//! (`store::coauthor::page`) and the pairs among them
//! (`store::coauthor::pairs_among`); the people come through the loader.

use std::collections::HashMap;

use async_graphql::{Context, Object, SimpleObject};

use super::first_in_range;
use crate::domain::id::PersonId;
use crate::graphql::error::GqlResult;
use crate::graphql::person::Person;
use crate::graphql::store;
use crate::store::coauthor::{self, CoauthorRow, PairRow};
use crate::Error;

/// A person and their co-authors as a graph.
pub struct CoauthorGraph {
    nodes: Vec<Person>,
    edges: Vec<CoauthorGraphEdge>,
}

/// A collaboration: two people who are authors of works together.
#[derive(SimpleObject, Clone)]
pub struct CoauthorGraphEdge {
    /// The one of the two listed first in `nodes`.
    pub source: Person,
    /// The other.
    pub target: Person,
    /// Works both are authors of.
    pub shared_works: i64,
}

/// A person and their co-authors as a graph: the nodes, and an edge for
/// every pair of them who are authors of works together.
#[Object]
impl CoauthorGraph {
    /// The person first, then their top co-authors in the order of
    /// `Person.coauthors` (most shared works first), those who share at
    /// least `minShared` works with the person.
    async fn nodes(&self) -> &[Person] {
        &self.nodes
    }
    /// The person to each co-author of `nodes`, then every pair of those
    /// co-authors who share at least `minShared` works themselves; each
    /// pair once, its `source` the one listed first in `nodes`.
    async fn edges(&self) -> &[CoauthorGraphEdge] {
        &self.edges
    }
}

/// The graph of `person` with up to `first` co-authors, every edge of at
/// least `min_shared` works.
pub async fn for_person(
    ctx: &Context<'_>,
    person: &Person,
    first: i32,
    min_shared: i32,
) -> async_graphql::Result<CoauthorGraph> {
    let first = first_in_range("first", first).gql()?;
    if min_shared < 1 {
        return Err(Error::bad_input(
            "minShared",
            format!("must be at least 1, got {min_shared}"),
        ))
        .gql();
    }
    let id = person.0.id;
    let (top, pairs) = store(ctx)
        .read_async(move |c| {
            let mut top = coauthor::page(c, id, None, false, first as usize)?;
            // The ranking is by shared works first: those with enough are
            // a prefix of it.
            top.retain(|r| r.shared >= i64::from(min_shared));
            let ids: Vec<PersonId> = top.iter().map(|r| r.person).collect();
            let pairs = coauthor::pairs_among(c, &ids, i64::from(min_shared))?;
            Ok((top, pairs))
        })
        .await
        .gql()?;
    let ids: Vec<PersonId> = top.iter().map(|r| r.person).collect();
    let mut nodes = vec![person.clone()];
    nodes.extend(Person::load_all(ctx, &ids).await?);
    let edges = edges(&nodes, &top, &pairs);
    Ok(CoauthorGraph { nodes, edges })
}

/// The person's edges in ranking order, then the pairs among co-authors
/// in node order.
fn edges(nodes: &[Person], top: &[CoauthorRow], pairs: &[PairRow]) -> Vec<CoauthorGraphEdge> {
    let place: HashMap<PersonId, usize> =
        nodes.iter().enumerate().map(|(i, p)| (p.0.id, i)).collect();
    let edge = |a: usize, b: usize, shared: i64| CoauthorGraphEdge {
        source: nodes[a.min(b)].clone(),
        target: nodes[a.max(b)].clone(),
        shared_works: shared,
    };
    let mut mine: Vec<CoauthorGraphEdge> = top
        .iter()
        .filter_map(|r| Some(edge(0, *place.get(&r.person)?, r.shared)))
        .collect();
    let mut among: Vec<(usize, usize, i64)> = pairs
        .iter()
        .filter_map(|p| Some((*place.get(&p.a)?, *place.get(&p.b)?, p.shared)))
        .map(|(a, b, s)| (a.min(b), a.max(b), s))
        .collect();
    among.sort_unstable();
    mine.extend(among.into_iter().map(|(a, b, s)| edge(a, b, s)));
    mine
}
