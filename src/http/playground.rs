//! The GraphiQL playground at `/`: `web/dist/index.html` and its assets,
//! embedded (`assets.rs`), so the page works offline.

use actix_web::http::StatusCode;
use actix_web::HttpResponse;

use super::assets;

/// `GET /` and `HEAD /`: the page, revalidated on every load.
pub async fn page() -> HttpResponse {
    assets::page(StatusCode::OK, "index.html")
}
