//! Content negotiation for `/graphql`: which media type a client gets back
//! (from `Accept`, with q-values) and whether it sent JSON. Kept apart from
//! the handlers because the rules (RFC 9110 and GraphQL-over-HTTP) are their
//! own small world.

use actix_web::http::header::{self, Header, Quality};
use actix_web::mime::Mime;
use actix_web::{mime, HttpMessage, HttpRequest};

/// The media type of GraphQL-over-HTTP responses.
pub const GRAPHQL_RESPONSE: &str = "application/graphql-response+json";
/// The legacy JSON media type.
pub const JSON: &str = "application/json";

/// Which media type the client gets, from its `Accept` header; `None` when
/// it accepts neither JSON type (406). Each type takes the quality of the
/// most specific range that matches it (RFC 9110 §12.5.1) and `q=0` refuses
/// it. On a tie `application/graphql-response+json` wins only when the
/// client names it: wildcards (`*/*` from curl) get the legacy JSON.
pub fn response_type(req: &HttpRequest) -> Option<&'static str> {
    if req.headers().get(header::ACCEPT).is_none() {
        return Some(JSON);
    }
    let Ok(accept) = header::Accept::parse(req) else {
        return Some(JSON);
    };
    let quality = |media: &str| -> (Quality, u8) {
        let (ty, _) = media.split_once('/').unwrap_or((media, ""));
        accept
            .iter()
            .filter_map(|range| {
                let r = &range.item;
                let specificity = if r.type_() == mime::STAR {
                    0
                } else if r.type_().as_str() != ty {
                    return None;
                } else if r.subtype() == mime::STAR {
                    1
                } else if r.essence_str() == media {
                    2
                } else {
                    return None;
                };
                Some((specificity, range.quality))
            })
            .max_by_key(|(specificity, _)| *specificity)
            .map_or((Quality::ZERO, 0), |(specificity, q)| (q, specificity))
    };
    let ((ours, named), (json, _)) = (quality(GRAPHQL_RESPONSE), quality(JSON));
    if ours > Quality::ZERO && (ours > json || (ours == json && named == 2)) {
        Some(GRAPHQL_RESPONSE)
    } else if json > Quality::ZERO {
        Some(JSON)
    } else {
        None
    }
}

/// The media ranges an `Accept` header takes, best first (by quality,
/// then specificity, then order), without those it refuses (`q=0`):
/// actix's `ranked` keeps them. The one walk the page-or-export choice
/// (`dashboard.rs`) and the export formats (`export.rs`) share.
pub fn accepted(accept: &header::Accept) -> Vec<Mime> {
    let refused: Vec<&Mime> = accept
        .iter()
        .filter(|r| r.quality == Quality::ZERO)
        .map(|r| &r.item)
        .collect();
    accept
        .ranked()
        .into_iter()
        .filter(|m| !refused.contains(&m))
        .collect()
}

/// Whether the request body is declared as JSON (media types are
/// case-insensitive; parameters such as `charset` are allowed).
pub fn is_json_body(req: &HttpRequest) -> bool {
    matches!(req.mime_type(), Ok(Some(m)) if m.essence_str() == JSON)
}
