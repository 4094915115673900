//! The dashboard's pages: `/people`, everyone with a search, and
//! `/people/{slug}`, a profile. Both are static pages of the embedded front
//! end (`web/src/dashboard/`) that read everything through the public
//! GraphQL API, so the dashboard shows what any client can get, and proves
//! it. `/people/{slug}` is also where exports are negotiated (`Accept:
//! application/x-bibtex`, `export.rs`): a client that ranks HTML first gets
//! the page; one that ranks an export format first gets the export.

use actix_web::http::header::{self, Header, Quality};
use actix_web::http::StatusCode;
use actix_web::mime;
use actix_web::{web, HttpRequest, HttpResponse};

use super::assets;
use super::error::error_response;
use super::export;
use super::negotiation::{accepted, JSON};
use crate::export::Format;
use crate::store::{self, Store};

/// `GET /people`: the people index.
pub async fn people() -> HttpResponse {
    assets::page(StatusCode::OK, "people.html")
}

/// `GET /people/{slug}`: the profile page when `Accept` prefers HTML (a
/// browser), with 404 when nobody has the slug; else the export it asks for
/// (406 when it asks for nothing Vitae serves).
pub async fn person(
    req: HttpRequest,
    store: web::Data<Store>,
    slug: web::Path<String>,
) -> HttpResponse {
    if !prefers_page(&req) {
        return export::person_negotiated(req, store, slug).await;
    }
    let slug = slug.into_inner();
    let known = store
        .read_async(move |c| Ok(store::person::by_slug(c, &slug)?.is_some()))
        .await;
    match known {
        Ok(true) => assets::page(StatusCode::OK, "person.html"),
        // The page itself says "not found": it asks the API, which answers
        // `person: null`.
        Ok(false) => assets::page(StatusCode::NOT_FOUND, "person.html"),
        Err(e) => error_response(&e, JSON),
    }
}

/// Whether the client ranks the HTML page above every export: going down
/// its `Accept` ranges by quality, then specificity, then order (`q=0`
/// refuses a type), a page type (`text/html`, `application/xhtml+xml`) or a
/// wildcard that covers HTML comes before any range an export serves. No
/// `Accept`, or `*/*` alone (curl), gets the page, as doi.org sends such a
/// request to a work's landing page: an export is had by naming its type.
/// A malformed `Accept` gets the export rules, hence 406.
fn prefers_page(req: &HttpRequest) -> bool {
    if req.headers().get(header::ACCEPT).is_none() {
        return true;
    }
    let Ok(accept) = header::Accept::parse(req) else {
        return false;
    };
    let html_refused = accept
        .iter()
        .any(|r| r.quality == Quality::ZERO && r.item.essence_str() == "text/html");
    for mime in accepted(&accept) {
        let essence = mime.essence_str();
        if essence == "text/html" || essence == "application/xhtml+xml" {
            return true;
        }
        let wildcard = mime.type_() == mime::STAR
            || (mime.type_() == mime::TEXT && mime.subtype() == mime::STAR);
        if wildcard {
            return !html_refused;
        }
        let style = mime.get_param("style").map(|s| s.as_str().to_string());
        if Format::ALL
            .iter()
            .any(|f| f.serves(essence, style.as_deref()))
        {
            return false;
        }
    }
    false
}
