//! The front end, embedded: `web/dist/` (built by Vite from `web/`,
//! committed) is included at compile time, so the playground and the
//! dashboard work offline and `cargo build` needs no Node. Pages come from
//! here by file name (`index.html`, `people.html`, `person.html`) and every
//! script and style at `/assets/<name>`. Asset names carry a hash of their
//! content, so they may be cached for a year; a page is revalidated each
//! time, so a new binary's page names its new assets.

use actix_web::http::header::{self, HeaderValue};
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use include_dir::{include_dir, Dir};

use super::error::request_error;
use crate::domain::quote::quote;

/// Where the assets are served; `web/vite.config.js` builds with this base.
pub const ASSETS_PATH: &str = "/assets/{name}";

static DIST: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/web/dist");

const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// A built page with `status`, revalidated on every load.
pub fn page(status: StatusCode, file: &str) -> HttpResponse {
    let html = DIST
        .get_file(file)
        .expect("the pages of web/vite.config.js are embedded: `npm run build` in web/ makes them")
        .contents();
    HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, HeaderValue::from_static("no-cache")))
        .body(html)
}

/// `GET /assets/{name}`: a built file, or a JSON 404.
pub async fn asset(name: web::Path<String>) -> HttpResponse {
    let name = name.into_inner();
    let Some(file) = DIST.get_file(format!("assets/{name}")) else {
        return request_error(
            StatusCode::NOT_FOUND,
            "NOT_FOUND",
            &format!("the front end has no asset named \"{}\"", quote(&name)),
        );
    };
    HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, content_type(&name)))
        .insert_header((header::CACHE_CONTROL, HeaderValue::from_static(IMMUTABLE)))
        .body(file.contents())
}

/// The media type of a built file, by its extension: Vite emits scripts and
/// styles, and any image or font as a file of its own (`assetsInlineLimit:
/// 0`); the rest is bytes.
fn content_type(name: &str) -> HeaderValue {
    let media = match name.rsplit_once('.').map(|(_, ext)| ext) {
        Some("js" | "mjs") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("woff2") => "font/woff2",
        Some("json") => "application/json",
        _ => "application/octet-stream",
    };
    HeaderValue::from_static(media)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_embedded_asset_has_a_known_media_type() {
        let assets = DIST.get_dir("assets").expect("web/dist/assets is embedded");
        for file in assets.files() {
            let name = file.path().file_name().unwrap().to_string_lossy();
            assert_ne!(content_type(&name), "application/octet-stream", "{name}");
        }
    }

    #[test]
    fn every_page_is_embedded() {
        for file in ["index.html", "people.html", "person.html"] {
            assert!(DIST.get_file(file).is_some(), "{file}");
        }
    }
}
