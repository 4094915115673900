//! The GraphQL schema: one query object per family merged into `Query`,
//! a `DataLoader` per relation (`loaders`), the limits set in one place
//! (`build_schema`). `graphql` reaches SQLite only through `Store`.
//!
//! `SERIAL`: the objects a response holds by the hundred (`Work`, `WorkEdge`,
//! `Authorship`, `Link`) are `#[Object(serial)]`. async-graphql otherwise
//! resolves every object's fields through a `FuturesUnordered` of boxed
//! futures, and that machinery, not SQLite, was the largest cost of a
//! work list. Serial fields still batch across siblings: a list resolves its
//! items together, so the first loader field of every work is queued before
//! any batch runs, then the next one; the statements are the same
//! (`sql_count.rs`), and a work's loader fields take a round each. Measured
//! with bench CPU time per request, 4 alternated pairs: the whole CV 14-18
//! to 12-15 ms, the profile query 1.23-1.38 to 1.11-1.30 ms.

#[macro_use]
pub mod attested;
pub mod aggregate;
pub mod career;
pub mod coauthor;
pub mod enums;
pub mod error;
pub mod loaders;
pub mod node;
pub mod order;
pub mod organization;
pub mod paging;
pub mod person;
pub mod scalars;
pub mod search;
pub mod source;
pub mod statement;
pub mod timeline;
pub mod validation;
pub mod work;

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::Arc;

use async_graphql::dataloader::{DataLoader, Loader};
use async_graphql::parser::types::ExecutableDocument;
use async_graphql::{
    Context, EmptyMutation, EmptySubscription, MergedObject, SDLExportOptions, Schema,
};

use crate::config::Limits;
use crate::store::Store;
use crate::Error;
use error::GqlResult;
use loaders::{Db, LoadError};

/// The schema Vitae serves, with the validator every document passes
/// first (one per server: clones share its cache).
#[derive(Clone)]
pub struct VitaeSchema {
    schema: Schema<Query, EmptyMutation, EmptySubscription>,
    validator: Arc<validation::Validator>,
    store: Store,
    loaders: Loaders,
}

/// The loaders that requests batch their loads in: one set per server
/// worker (`VitaeSchema::for_worker`). The requests a worker runs batch
/// together, and none waits for a batch that another thread runs: with one
/// set shared by the workers, a request often waited, its worker idle, for a
/// batch queued on the other (a quarter of the CPU idle under load).
#[derive(Clone)]
pub struct Loaders(Arc<DataLoader<Db>>);

impl Loaders {
    fn new(store: Store) -> Self {
        // No batch window: a load task runs once the resolvers that queued
        // its keys have yielded, which is when all the keys of one level
        // are in (async-graphql resolves a level's fields together). A 1 ms
        // window cost a millisecond per level.
        Loaders(Arc::new(
            DataLoader::new(Db { store }, tokio::spawn)
                .delay(std::time::Duration::ZERO)
                .max_batch_size(1000),
        ))
    }
}

impl VitaeSchema {
    /// This schema with loaders of its own, for one server worker.
    pub fn for_worker(&self) -> VitaeSchema {
        VitaeSchema {
            loaders: Loaders::new(self.store.clone()),
            ..self.clone()
        }
    }
}

/// Where every read starts: a person, an organization or a work by its key,
/// the lists of people and works, full-text search, and any object by its
/// global id.
#[derive(MergedObject, Default)]
pub struct Query(
    person::PersonQuery,
    organization::OrganizationQuery,
    work::WorkQuery,
    search::SearchQuery,
    node::NodeQuery,
    source::SourceQuery,
);

/// The schema over `store`, with the guard rails of `limits`.
pub fn build_schema(store: Store, limits: Limits) -> VitaeSchema {
    let validator = Arc::new(validation::Validator::new(&sdl(), &limits));
    let schema = Schema::build(Query::default(), EmptyMutation, EmptySubscription)
        .data(store.clone())
        .data(limits.clone())
        .limit_depth(limits.max_depth)
        .limit_complexity(limits.max_complexity)
        .finish();
    VitaeSchema {
        schema,
        validator,
        loaders: Loaders::new(store.clone()),
        store,
    }
}

/// Runs one request: validates its document against the spec and the
/// document limits (`validation`), parses it, executes it, gives
/// async-graphql's own errors their codes and puts the response's fields in
/// query order. This is done around `execute`, not in extensions, so that
/// fields resolve on async-graphql's fast path.
pub async fn run(
    schema: &VitaeSchema,
    mut request: async_graphql::Request,
) -> async_graphql::Response {
    let document = match schema.validator.check(&request.query) {
        Ok(document) => document,
        Err(errors) => return async_graphql::Response::from_errors(errors),
    };
    request.set_parsed_query(ExecutableDocument::clone(&document));
    request = request.data(schema.loaders.clone());
    let operation_name = request.operation_name.clone();
    let mut response = schema.schema.execute(request).await;
    error::add_codes(&mut response);
    order::put_response_in_order(&mut response, &document, operation_name.as_deref());
    response
}

/// The SDL the server serves (what `schema.graphql` holds), with
/// `@specifiedBy` on the scalars that have a specification (async-graphql
/// leaves it out unless asked).
pub fn sdl() -> String {
    Schema::build(Query::default(), EmptyMutation, EmptySubscription)
        .finish()
        .sdl_with_options(SDLExportOptions::new().include_specified_by())
}

/// The store in a resolver.
pub(crate) fn store<'a>(ctx: &Context<'a>) -> &'a Store {
    ctx.data_unchecked::<Store>()
}

/// The limits in a resolver.
pub(crate) fn limits<'a>(ctx: &Context<'a>) -> &'a Limits {
    ctx.data_unchecked::<Limits>()
}

/// Loads one value through its loader.
pub(crate) async fn load<K>(
    ctx: &Context<'_>,
    key: K,
) -> async_graphql::Result<Option<<Db as Loader<K>>::Value>>
where
    K: Send + Sync + Hash + Eq + Clone + 'static,
    Db: Loader<K, Error = LoadError>,
{
    ctx.data_unchecked::<Loaders>().0.load_one(key).await.gql()
}

/// Loads a list value (missing means empty).
pub(crate) async fn load_list<K, V>(ctx: &Context<'_>, key: K) -> async_graphql::Result<Vec<V>>
where
    K: Send + Sync + Hash + Eq + Clone + 'static,
    V: Send + Sync + Clone + 'static,
    Db: Loader<K, Value = Vec<V>, Error = LoadError>,
{
    Ok(load(ctx, key).await?.unwrap_or_default())
}

/// Loads many values, keeping the order of `keys` and dropping missing ones.
pub(crate) async fn load_many<K>(
    ctx: &Context<'_>,
    keys: Vec<K>,
) -> async_graphql::Result<Vec<<Db as Loader<K>>::Value>>
where
    K: Send + Sync + Hash + Eq + Clone + 'static,
    Db: Loader<K, Error = LoadError>,
{
    let mut found: HashMap<K, _> = ctx
        .data_unchecked::<Loaders>()
        .0
        .load_many(keys.clone())
        .await
        .gql()?;
    Ok(keys.iter().filter_map(|k| found.remove(k)).collect())
}

/// The longest text a search or filter argument accepts, in characters,
/// and the most words a full-text query may have: FTS5's cost grows faster
/// than linearly with the number of prefix terms.
const MAX_TEXT_CHARS: usize = 200;
const MAX_SEARCH_WORDS: usize = 12;

/// Checks the length of a text argument.
pub(crate) fn short_text(field: &str, text: &str) -> Result<(), Error> {
    let n = text.chars().count();
    if n > MAX_TEXT_CHARS {
        return Err(Error::bad_input(
            field,
            format!("must be at most {MAX_TEXT_CHARS} characters, got {n}"),
        ));
    }
    Ok(())
}

/// User text as an FTS5 query, within the length and word limits.
pub(crate) fn full_text(field: &str, text: &str) -> Result<String, Error> {
    short_text(field, text)?;
    let fts = crate::store::search::to_fts_query(text)
        .ok_or_else(|| Error::bad_input(field, "must contain a word"))?;
    let words = fts.matches("\"*").count();
    if words > MAX_SEARCH_WORDS {
        return Err(Error::bad_input(
            field,
            format!("must have at most {MAX_SEARCH_WORDS} words, got {words}"),
        ));
    }
    Ok(fts)
}

/// The complexity of a list field: its children once per item it may
/// return. Capped far below `usize::MAX`, so that a huge `first` is refused
/// as too complex: async-graphql adds the fields' complexities up unchecked.
pub(crate) fn list_complexity(first: Option<i32>, child_complexity: usize) -> usize {
    const CAP: usize = u32::MAX as usize;
    let items = first.unwrap_or(20).max(1).unsigned_abs() as usize;
    items.saturating_mul(child_complexity).min(CAP)
}

/// Page info of a Relay connection.
#[derive(async_graphql::SimpleObject, Debug, Clone)]
pub struct PageInfo {
    /// Whether more items follow this page.
    pub has_next_page: bool,
    /// Whether items come before this page.
    pub has_previous_page: bool,
    /// Cursor of the first item of the page.
    pub start_cursor: Option<String>,
    /// Cursor of the last item; pass it as `after` for the next page.
    pub end_cursor: Option<String>,
}

impl PageInfo {
    /// Page info of a keyset page: from its first and last cursors, and
    /// whether it came after a cursor and has more after it.
    pub fn keyset(
        has_previous_page: bool,
        has_next_page: bool,
        first: Option<&str>,
        last: Option<&str>,
    ) -> Self {
        PageInfo {
            has_next_page,
            has_previous_page,
            start_cursor: first.map(String::from),
            end_cursor: last.map(String::from),
        }
    }

    /// Page info for `len` items of `connection` from `offset` out of `total`.
    pub fn new(connection: &str, offset: usize, len: usize, total: i64) -> Self {
        PageInfo {
            has_next_page: ((offset + len) as i64) < total,
            has_previous_page: offset > 0,
            start_cursor: (len > 0).then(|| scalars::cursor(connection, offset)),
            end_cursor: (len > 0).then(|| scalars::cursor(connection, offset + len - 1)),
        }
    }
}
