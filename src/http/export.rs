//! Exports over HTTP: a file per person or list of works by extension
//! (`/export/people/qi-lei.bib`, `/export/works.csl.json?author=qi-lei`),
//! and content negotiation on `/people/{slug}` and `/works/{id}` as DOI
//! resolvers do it (`Accept: application/x-bibtex`). The bytes are those of
//! `vitae export` and `Person.export`: all three call `export::…`.

use actix_web::http::header::{self, Header};
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use serde::Deserialize;

use super::error::{error_response, request_error};
use super::negotiation::JSON;
use crate::export::{self, Exported, Format, WorksFilter};
use crate::store::Store;
use crate::{Error, Result};

/// `GET /export/people/{slug}.{ext}`.
pub async fn person_file(store: web::Data<Store>, file: web::Path<String>) -> HttpResponse {
    let Some((slug, format)) = Format::by_file_name(&file) else {
        return unknown_extension(&file);
    };
    let slug = slug.to_string();
    respond(
        store
            .read_async(move |c| export::person(c, &slug, format))
            .await,
    )
}

/// The query string of `/export/works.{ext}`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct WorksParams {
    author: Option<String>,
    year_from: Option<i32>,
    year_to: Option<i32>,
    /// Kinds, comma-separated (`preprint,thesis`).
    kind: Option<String>,
}

/// `GET /export/works.{ext}?author=…&yearFrom=…&yearTo=…&kind=…`.
pub async fn works_file(
    store: web::Data<Store>,
    file: web::Path<String>,
    params: web::Query<WorksParams>,
) -> HttpResponse {
    let format = match Format::by_file_name(&file) {
        Some(("works", f)) => f,
        _ => return unknown_extension(&file),
    };
    let p = params.into_inner();
    let filter = WorksFilter {
        author: p.author,
        year_from: p.year_from,
        year_to: p.year_to,
        kinds: p
            .kind
            .map(|k| k.split(',').map(|s| s.trim().to_string()).collect())
            .unwrap_or_default(),
    };
    respond(
        store
            .read_async(move |c| export::works(c, &filter, format))
            .await,
    )
}

/// `GET /people/{slug}` when `Accept` does not prefer the dashboard's page
/// (`dashboard::person`): the person in the format it asks for; 406 for any
/// other.
pub async fn person_negotiated(
    req: HttpRequest,
    store: web::Data<Store>,
    slug: web::Path<String>,
) -> HttpResponse {
    let Some(format) = negotiated(&req) else {
        return not_acceptable(&["text/html"]);
    };
    let slug = slug.into_inner();
    respond(
        store
            .read_async(move |c| export::person(c, &slug, format))
            .await,
    )
}

/// `GET /works/{id}` (a `Work.id`): the work in the format the `Accept`
/// header asks for; 406 for any other.
pub async fn work_negotiated(
    req: HttpRequest,
    store: web::Data<Store>,
    id: web::Path<String>,
) -> HttpResponse {
    let Some(format) = negotiated(&req) else {
        return not_acceptable(&[]);
    };
    let row = match crate::graphql::scalars::parse_global_id(&id) {
        Ok((kind, row)) if kind == "Work" => row,
        _ => {
            return error_response(
                &Error::NotFound {
                    kind: "work with id",
                    key: id.into_inner(),
                },
                JSON,
            )
        }
    };
    respond(
        store
            .read_async(move |c| export::work(c, row, format))
            .await,
    )
}

/// The format the client ranks highest among those it accepts (`q` > 0)
/// that a format serves; a bibliography takes its style from `style`
/// (APA when none is named).
fn negotiated(req: &HttpRequest) -> Option<Format> {
    let accept = header::Accept::parse(req).ok()?;
    super::negotiation::accepted(&accept)
        .iter()
        .find_map(|mime| {
            let style = mime.get_param("style").map(|s| s.as_str().to_string());
            Format::ALL
                .iter()
                .copied()
                .find(|f| f.serves(mime.essence_str(), style.as_deref()))
        })
}

fn respond(result: Result<Exported>) -> HttpResponse {
    match result {
        Ok(e) => HttpResponse::Ok()
            .insert_header((header::CONTENT_TYPE, e.content_type))
            .insert_header((
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{}\"", e.file_name),
            ))
            .body(e.text),
        Err(e) => {
            if matches!(e, Error::Store { .. } | Error::Internal(_)) {
                tracing::error!(error = %e.for_operator(), "export failed");
            }
            error_response(&e, JSON)
        }
    }
}

fn unknown_extension(file: &str) -> HttpResponse {
    let known: Vec<String> = Format::ALL
        .iter()
        .map(|f| format!(".{}", f.extension()))
        .collect();
    request_error(
        StatusCode::NOT_FOUND,
        "NOT_FOUND",
        &format!(
            "no export named `{}`: the extension must be one of {}",
            crate::domain::quote::quote(file),
            known.join(", ")
        ),
    )
}

/// 406, naming every type served: the export formats' and `pages` (the
/// dashboard's `text/html` on `/people/{slug}`).
fn not_acceptable(pages: &[&'static str]) -> HttpResponse {
    let served: Vec<&str> = pages
        .iter()
        .copied()
        .chain(Format::ALL.iter().filter_map(|f| f.negotiable_media_type()))
        .collect();
    request_error(
        StatusCode::NOT_ACCEPTABLE,
        "NOT_ACCEPTABLE",
        &format!("accept one of: {}", served.join(", ")),
    )
}
