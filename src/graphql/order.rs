//! Response fields in the order the query asks for them. async-graphql 7.2
//! resolves the fields of an object concurrently and inserts each one when it
//! completes, so `{ coauthors works }` can come back as `{ works coauthors }`;
//! and a field whose resolver failed is left out instead of being `null`. The
//! GraphQL spec asks for query order ("Serialized Map Ordering") and for `null`
//! next to a field error. The `FieldOrder` extension keeps each request's
//! parsed document and, after execution, puts every object of `data` back in
//! query order, with `null` where a field failed.

use std::collections::HashSet;
use std::sync::{Arc, Mutex};

use async_graphql::extensions::{
    Extension, ExtensionContext, ExtensionFactory, NextExecute, NextParseQuery,
};
use async_graphql::indexmap::IndexMap;
use async_graphql::parser::types::{
    DocumentOperations, ExecutableDocument, Field, FragmentDefinition, Selection, SelectionSet,
};
use async_graphql::{Name, PathSegment, Positioned, Response, ServerResult, Value, Variables};

type Fragments = std::collections::HashMap<Name, Positioned<FragmentDefinition>>;

/// The extension (one instance per request).
pub struct FieldOrder;

impl ExtensionFactory for FieldOrder {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(FieldOrderRun::default())
    }
}

#[derive(Default)]
struct FieldOrderRun {
    document: Mutex<Option<ExecutableDocument>>,
}

#[async_graphql::async_trait::async_trait]
impl Extension for FieldOrderRun {
    async fn parse_query(
        &self,
        ctx: &ExtensionContext<'_>,
        query: &str,
        variables: &Variables,
        next: NextParseQuery<'_>,
    ) -> ServerResult<ExecutableDocument> {
        let document = next.run(ctx, query, variables).await?;
        if let Ok(mut slot) = self.document.lock() {
            *slot = Some(document.clone());
        }
        Ok(document)
    }

    async fn execute(
        &self,
        ctx: &ExtensionContext<'_>,
        operation_name: Option<&str>,
        next: NextExecute<'_>,
    ) -> Response {
        let mut response = next.run(ctx, operation_name).await;
        let document = self.document.lock().ok().and_then(|mut d| d.take());
        let Some(document) = document else {
            return response;
        };
        let operation = match (&document.operations, operation_name) {
            (DocumentOperations::Single(op), _) => Some(op),
            (DocumentOperations::Multiple(ops), Some(name)) => ops.get(name),
            (DocumentOperations::Multiple(ops), None) if ops.len() == 1 => ops.values().next(),
            _ => None,
        };
        if let Some(op) = operation {
            let failed: Vec<Vec<PathSegment>> =
                response.errors.iter().map(|e| e.path.clone()).collect();
            let mut path = Vec::new();
            let sets = [&op.node.selection_set.node];
            put_in_order(
                &mut response.data,
                &sets,
                &document.fragments,
                &mut path,
                &failed,
            );
        }
        response
    }
}

/// The fields `sets` select, in query order, through fragments.
fn fields_of<'a>(sets: &[&'a SelectionSet], fragments: &'a Fragments) -> Vec<&'a Field> {
    fn walk<'a>(
        set: &'a SelectionSet,
        fragments: &'a Fragments,
        seen: &mut HashSet<&'a str>,
        out: &mut Vec<&'a Field>,
    ) {
        for item in &set.items {
            match &item.node {
                Selection::Field(f) => out.push(&f.node),
                Selection::InlineFragment(f) => {
                    walk(&f.node.selection_set.node, fragments, seen, out)
                }
                Selection::FragmentSpread(s) => {
                    let name = s.node.fragment_name.node.as_str();
                    if let Some(def) = fragments.get(name) {
                        if seen.insert(name) {
                            walk(&def.node.selection_set.node, fragments, seen, out);
                        }
                    }
                }
            }
        }
    }
    let mut out = Vec::new();
    for set in sets {
        walk(set, fragments, &mut HashSet::new(), &mut out);
    }
    out
}

fn put_in_order(
    value: &mut Value,
    sets: &[&SelectionSet],
    fragments: &Fragments,
    path: &mut Vec<PathSegment>,
    failed: &[Vec<PathSegment>],
) {
    match value {
        Value::List(items) => {
            for (i, item) in items.iter_mut().enumerate() {
                path.push(PathSegment::Index(i));
                put_in_order(item, sets, fragments, path, failed);
                path.pop();
            }
        }
        Value::Object(map) => {
            let fields = fields_of(sets, fragments);
            let mut ordered = IndexMap::with_capacity(map.len());
            for field in &fields {
                let key = &field.response_key().node;
                if ordered.contains_key(key) {
                    continue;
                }
                path.push(PathSegment::Field(key.to_string()));
                if let Some(v) = map.shift_remove(key) {
                    ordered.insert(key.clone(), v);
                } else if failed.iter().any(|p| p == path) {
                    ordered.insert(key.clone(), Value::Null);
                }
                path.pop();
            }
            ordered.extend(map.drain(..));
            for (key, v) in ordered.iter_mut() {
                let sub: Vec<&SelectionSet> = fields
                    .iter()
                    .filter(|f| &f.response_key().node == key)
                    .map(|f| &f.selection_set.node)
                    .collect();
                path.push(PathSegment::Field(key.to_string()));
                put_in_order(v, &sub, fragments, path, failed);
                path.pop();
            }
            *map = ordered;
        }
        _ => {}
    }
}
