//! Nothing is retained per request (issue 7). A second test binary because
//! it needs a global allocator of its own: `dhat`'s, which counts the bytes
//! live on the heap, so the test can run the whole-CV query many times over the real
//! store and schema and see whether the heap grows with the number of
//! requests. (rusqlite 0.39 freed each `rarray` parameter as an `Rc<c_void>`
//! and so never freed the ids inside: every loader batch leaked its ids, about
//! 5 KB per whole-CV request, and a server's heap grew without bound.)

#![allow(clippy::unwrap_used)]

use vitae::config::Limits;
use vitae::store::Store;

#[global_allocator]
static ALLOCATOR: dhat::Alloc = dhat::Alloc;

const WHOLE_CV: &str = include_str!("../bench/whole_cv.graphql");

async fn whole_cv(schema: &vitae::graphql::VitaeSchema) -> usize {
    let request = async_graphql::Request::new(WHOLE_CV).variables(
        async_graphql::Variables::from_json(serde_json::json!({ "slug": "qi-lei" })),
    );
    let response = vitae::graphql::run(schema, request).await;
    assert!(response.errors.is_empty(), "{:?}", response.errors);
    let data = response.data.into_json().unwrap();
    assert_eq!(data["person"]["name"], "Qi Lei");
    data["person"]["works"]["edges"].as_array().unwrap().len()
}

#[tokio::test]
async fn the_whole_cv_query_retains_nothing_per_request() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("memory.db")).unwrap();
    vitae::startup::load_seeds(&store).unwrap();
    let schema = vitae::graphql::build_schema(store, Limits::default());
    // Warm up: every statement prepared and cached on every read connection,
    // every pool and thread started.
    for _ in 0..30 {
        assert_eq!(whole_cv(&schema).await, 74);
    }
    // Counting starts here. The first requests replace the statement
    // cache's keys allocated before (a bounded churn: dhat counts the new
    // keys but not the freeing of the old); after them, the heap must stay
    // level.
    let _profiler = dhat::Profiler::builder().testing().build();
    for _ in 0..50 {
        whole_cv(&schema).await;
    }
    let level = dhat::HeapStats::get().curr_bytes as i64;
    const REQUESTS: i64 = 100;
    for _ in 0..REQUESTS {
        whole_cv(&schema).await;
    }
    let grown = dhat::HeapStats::get().curr_bytes as i64 - level;
    // The leak this guards against kept a few KB per request on the seeds;
    // 16 KB in all leaves room for a buffer that grows once, not for a
    // per-request leak.
    assert!(
        grown < 16 * 1024,
        "the heap grew by {grown} bytes over {REQUESTS} requests ({} per request)",
        grown / REQUESTS
    );
}
