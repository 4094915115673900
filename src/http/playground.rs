//! The GraphiQL playground, served from the binary: `web/dist/` (built by
//! Vite from `web/`, committed) is embedded at compile time, so the page
//! works offline and `cargo build` needs no Node. `GET /` is the page and
//! `/playground/assets/<name>` its scripts and styles. Asset names carry a
//! hash of their content, so they may be cached for a year; the page itself
//! is revalidated each time, so a new binary's page names its new assets.

use actix_web::http::header::{self, HeaderValue};
use actix_web::http::StatusCode;
use actix_web::{web, HttpResponse};
use include_dir::{include_dir, Dir};

use super::error::request_error;
use crate::domain::quote::quote;

/// Where the assets are served; `web/vite.config.js` builds with this base.
pub const ASSETS_PATH: &str = "/playground/assets/{name}";

static DIST: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/web/dist");

const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// `GET /` and `HEAD /`: the page, revalidated on every load.
pub async fn page() -> HttpResponse {
    let html = DIST
        .get_file("index.html")
        .expect("web/dist/index.html is embedded: `npm run build` in web/ makes it")
        .contents();
    HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, HeaderValue::from_static("no-cache")))
        .body(html)
}

/// `GET /playground/assets/{name}`: a built file, or a JSON 404.
pub async fn asset(name: web::Path<String>) -> HttpResponse {
    let name = name.into_inner();
    let Some(file) = DIST.get_file(format!("assets/{name}")) else {
        return request_error(
            StatusCode::NOT_FOUND,
            "NOT_FOUND",
            &format!("the playground has no asset named \"{}\"", quote(&name)),
        );
    };
    HttpResponse::Ok()
        .insert_header((header::CONTENT_TYPE, content_type(&name)))
        .insert_header((header::CACHE_CONTROL, HeaderValue::from_static(IMMUTABLE)))
        .body(file.contents())
}

/// The media type of a built file, by its extension: Vite emits scripts and
/// styles (fonts and images are inlined into them), the rest is bytes.
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
}
