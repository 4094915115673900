//! Automatic persisted queries, Apollo's protocol: a client sends only the
//! sha256 of its document (`extensions.persistedQuery`); the first time the
//! server answers `PERSISTED_QUERY_NOT_FOUND` and the client sends the
//! document with its hash, which the server checks and keeps. After that a
//! GET of the hash alone is a short URL a CDN can cache.
//!
//! It is a transport convention, so it lives in `http/`, before the request
//! reaches GraphQL: an async-graphql extension would send every field
//! through its slow resolve path (ARCHITECTURE.md). The cache is bounded in
//! bytes of query text and forgets the least recently used documents; a
//! document is kept only once it has run without a request error, so a
//! flood of broken documents cannot push the good ones out.

use std::sync::{Arc, Mutex, PoisonError};

use lru::LruCache;
use serde::Deserialize;
use sha2::{Digest, Sha256};

/// How many bytes of query text the cache holds at most.
pub const CACHE_BYTES: usize = 16 * 1024 * 1024;

/// A sha256 digest.
pub type Hash = [u8; 32];

/// The `persistedQuery` entry of a request's `extensions`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Extension {
    version: serde_json::Value,
    sha256_hash: String,
}

/// What to do with a request that names a persisted query.
#[derive(Debug, PartialEq)]
pub enum Resolved {
    /// The document was sent with a hash that matches it: run it, then
    /// keep it under `hash`.
    Register(Hash),
    /// The hash alone was sent and is known: run this document.
    Known(Arc<str>),
    /// The hash alone was sent and is not known (the client should resend
    /// with the document).
    NotFound,
}

/// Persisted documents by hash, least recently used first out.
pub struct PersistedQueries {
    inner: Mutex<Inner>,
}

struct Inner {
    documents: LruCache<Hash, Arc<str>>,
    bytes: usize,
    max_bytes: usize,
}

impl Default for PersistedQueries {
    fn default() -> Self {
        Self::new(CACHE_BYTES)
    }
}

impl PersistedQueries {
    /// A cache of at most `max_bytes` of query text.
    pub fn new(max_bytes: usize) -> Self {
        PersistedQueries {
            inner: Mutex::new(Inner {
                documents: LruCache::unbounded(),
                bytes: 0,
                max_bytes,
            }),
        }
    }

    /// Reads the `persistedQuery` extension (if any) against `query`, the
    /// document sent with it (empty when none was). `Ok(None)`: the request
    /// names no persisted query. `Err`: a malformed extension or a hash that
    /// is not the document's, a message for a 400.
    pub fn resolve(
        &self,
        extension: Option<&serde_json::Value>,
        query: &str,
    ) -> Result<Option<Resolved>, String> {
        let Some(extension) = extension else {
            return Ok(None);
        };
        let ext = Extension::deserialize(extension).map_err(|e| {
            format!("`extensions.persistedQuery` must be {{version, sha256Hash}}: {e}")
        })?;
        if ext.version != serde_json::json!(1) {
            return Err("unsupported persisted query version: use version 1".into());
        }
        let mut hash: Hash = [0; 32];
        hex::decode_to_slice(&ext.sha256_hash, &mut hash)
            .map_err(|_| "`sha256Hash` must be 64 hexadecimal digits".to_string())?;
        if !query.is_empty() {
            if Sha256::digest(query.as_bytes()).as_slice() != hash {
                return Err("`sha256Hash` is not the sha256 of the query".into());
            }
            return Ok(Some(Resolved::Register(hash)));
        }
        Ok(Some(match self.lock().documents.get(&hash) {
            Some(doc) => Resolved::Known(doc.clone()),
            None => Resolved::NotFound,
        }))
    }

    /// Keeps `query` under `hash`, forgetting the least recently used
    /// documents beyond the byte budget. A document larger than the whole
    /// budget is not kept.
    pub fn insert(&self, hash: Hash, query: &str) {
        if query.len() > self.lock().max_bytes {
            return;
        }
        let mut inner = self.lock();
        if let Some(old) = inner.documents.put(hash, Arc::from(query)) {
            inner.bytes -= old.len();
        }
        inner.bytes += query.len();
        while inner.bytes > inner.max_bytes {
            match inner.documents.pop_lru() {
                Some((_, doc)) => inner.bytes -= doc.len(),
                None => break,
            }
        }
    }

    /// How many documents are kept.
    #[cfg(test)]
    fn len(&self) -> usize {
        self.lock().documents.len()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        // The cache is consistent after any panic between its statements.
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ext(hash: &str) -> serde_json::Value {
        serde_json::json!({ "version": 1, "sha256Hash": hash })
    }

    fn hash_of(q: &str) -> String {
        hex::encode(Sha256::digest(q.as_bytes()))
    }

    #[test]
    fn a_hash_is_known_after_its_document_is_registered() {
        let pq = PersistedQueries::new(1024);
        let q = "{ people { totalCount } }";
        let e = ext(&hash_of(q));
        assert_eq!(pq.resolve(Some(&e), ""), Ok(Some(Resolved::NotFound)));
        let Ok(Some(Resolved::Register(h))) = pq.resolve(Some(&e), q) else {
            panic!("not a registration");
        };
        pq.insert(h, q);
        assert_eq!(
            pq.resolve(Some(&e), ""),
            Ok(Some(Resolved::Known(q.into())))
        );
    }

    #[test]
    fn a_wrong_hash_or_version_is_refused() {
        let pq = PersistedQueries::new(1024);
        let wrong = ext(&hash_of("{ a }"));
        assert!(pq.resolve(Some(&wrong), "{ b }").is_err());
        assert!(pq.resolve(Some(&ext("xyz")), "").is_err());
        let v2 = serde_json::json!({ "version": 2, "sha256Hash": hash_of("{ a }") });
        assert!(pq.resolve(Some(&v2), "").is_err());
        assert_eq!(pq.resolve(None, "{ a }"), Ok(None));
    }

    #[test]
    fn the_least_recently_used_documents_go_beyond_the_budget() {
        let pq = PersistedQueries::new(30);
        let docs = ["{ aaaaaaaaa }", "{ bbbbbbbbb }", "{ ccccccccc }"];
        let hashes: Vec<Hash> = docs
            .iter()
            .map(|d| Sha256::digest(d.as_bytes()).into())
            .collect();
        pq.insert(hashes[0], docs[0]);
        pq.insert(hashes[1], docs[1]);
        // Reading the first makes the second the least recently used.
        let first = ext(&hash_of(docs[0]));
        assert!(matches!(
            pq.resolve(Some(&first), ""),
            Ok(Some(Resolved::Known(_)))
        ));
        pq.insert(hashes[2], docs[2]);
        assert_eq!(pq.len(), 2);
        let second = ext(&hash_of(docs[1]));
        assert_eq!(pq.resolve(Some(&second), ""), Ok(Some(Resolved::NotFound)));
        pq.insert([0; 32], &"x".repeat(31));
        assert_eq!(pq.len(), 2, "a document over the budget is not kept");
    }
}
