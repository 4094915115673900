//! Response fields in the order the query asks for them. async-graphql 7.2
//! resolves the fields of an object concurrently and inserts each one when it
//! completes, so `{ coauthors works }` can come back as `{ works coauthors }`;
//! and a field whose resolver failed is left out instead of being `null`. The
//! GraphQL spec asks for query order ("Serialized Map Ordering") and for `null`
//! next to a field error. `put_response_in_order` takes the request's parsed
//! document and, after execution, puts every object of `data` back in query
//! order, with `null` where a field failed. It runs after execution, not as
//! an async-graphql extension: any extension sends every field of every
//! request through a slower resolve path.

use std::collections::HashSet;

use async_graphql::indexmap::IndexMap;
use async_graphql::parser::types::{
    DocumentOperations, ExecutableDocument, Field, FragmentDefinition, Selection, SelectionSet,
};
use async_graphql::{Name, PathSegment, Positioned, Response, Value};

type Fragments = std::collections::HashMap<Name, Positioned<FragmentDefinition>>;

/// Puts the objects of `response.data` in the order `document` (the
/// request's parsed query) asks for them, with `null` where a field failed.
pub fn put_response_in_order(
    response: &mut Response,
    document: &ExecutableDocument,
    operation_name: Option<&str>,
) {
    let operation = match (&document.operations, operation_name) {
        (DocumentOperations::Single(op), _) => Some(op),
        (DocumentOperations::Multiple(ops), Some(name)) => ops.get(name),
        (DocumentOperations::Multiple(ops), None) if ops.len() == 1 => ops.values().next(),
        _ => None,
    };
    if let Some(op) = operation {
        let failed: Vec<Vec<PathSegment>> =
            response.errors.iter().map(|e| e.path.clone()).collect();
        let sets = [&op.node.selection_set.node];
        let mut plans = Plans::new();
        put_in_order(
            &mut response.data,
            &sets,
            &document.fragments,
            &mut plans,
            &mut Vec::new(),
            &failed,
        );
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

/// What to do with the objects one group of selection sets selects: their
/// keys in query order, and the selection sets below each key.
struct Plan<'a> {
    keys: Vec<&'a Name>,
    below: std::collections::HashMap<&'a Name, Vec<&'a SelectionSet>>,
}

/// Plans by the selection sets they are for (by address): every item of a
/// list shares one.
type Plans<'a> = std::collections::HashMap<Vec<usize>, std::rc::Rc<Plan<'a>>>;

fn plan<'a>(
    sets: &[&'a SelectionSet],
    fragments: &'a Fragments,
    plans: &mut Plans<'a>,
) -> std::rc::Rc<Plan<'a>> {
    let id: Vec<usize> = sets
        .iter()
        .map(|s| *s as *const SelectionSet as usize)
        .collect();
    plans
        .entry(id)
        .or_insert_with(|| {
            let mut keys = Vec::new();
            let mut below: std::collections::HashMap<&Name, Vec<&SelectionSet>> =
                std::collections::HashMap::new();
            for field in fields_of(sets, fragments) {
                let key = &field.response_key().node;
                let sub = below.entry(key).or_default();
                if sub.is_empty() && !keys.contains(&key) {
                    keys.push(key);
                }
                sub.push(&field.selection_set.node);
            }
            std::rc::Rc::new(Plan { keys, below })
        })
        .clone()
}

/// Puts `value` (what `sets` selected) in query order. `path` is tracked
/// only when some field failed (`failed` holds the errors' paths).
fn put_in_order<'a>(
    value: &mut Value,
    sets: &[&'a SelectionSet],
    fragments: &'a Fragments,
    plans: &mut Plans<'a>,
    path: &mut Vec<PathSegment>,
    failed: &[Vec<PathSegment>],
) {
    let tracking = !failed.is_empty();
    match value {
        Value::List(items) => {
            for (i, item) in items.iter_mut().enumerate() {
                if tracking {
                    path.push(PathSegment::Index(i));
                }
                put_in_order(item, sets, fragments, plans, path, failed);
                if tracking {
                    path.pop();
                }
            }
        }
        Value::Object(map) => {
            let plan = plan(sets, fragments, plans);
            let in_order = {
                let mut expected = plan.keys.iter();
                map.keys().all(|k| expected.any(|e| *e == k))
            };
            if in_order && !tracking {
                for (key, v) in map.iter_mut() {
                    if let Some(sub) = plan.below.get(key) {
                        put_in_order(v, sub, fragments, plans, path, failed);
                    }
                }
                return;
            }
            let mut ordered = IndexMap::with_capacity(map.len());
            for &key in &plan.keys {
                if let Some(v) = map.swap_remove(key) {
                    ordered.insert(key.clone(), v);
                } else if tracking {
                    path.push(PathSegment::Field(key.to_string()));
                    if failed.iter().any(|p| p == path) {
                        ordered.insert(key.clone(), Value::Null);
                    }
                    path.pop();
                }
            }
            ordered.extend(map.drain(..));
            for (key, v) in ordered.iter_mut() {
                let Some(sub) = plan.below.get(key) else {
                    continue;
                };
                if tracking {
                    path.push(PathSegment::Field(key.to_string()));
                }
                put_in_order(v, sub, fragments, plans, path, failed);
                if tracking {
                    path.pop();
                }
            }
            *map = ordered;
        }
        _ => {}
    }
}
