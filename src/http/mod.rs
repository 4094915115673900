//! The HTTP surface (actix-web): `POST /graphql` and `GET /graphql` after the
//! GraphQL-over-HTTP spec, `/health`. Body-size and time limits are applied
//! here. The embedded front end (`/assets/…`), the GraphiQL playground (`/`)
//! and the dashboard (`/people`, `/people/{slug}`) have their own modules,
//! as has each concern that is not a route: admission control, content
//! negotiation, the JSON shape of refusals, the request log, persisted
//! queries.

mod admission;
mod assets;
mod dashboard;
mod error;
mod export;
mod log;
mod negotiation;
mod persisted;
mod playground;

use std::panic::AssertUnwindSafe;

use actix_web::http::header::{self, HeaderValue};
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use async_graphql::parser::types::{DocumentOperations, OperationType};
use async_graphql::{Request, Response, Variables};
use futures_util::FutureExt;
use serde::Deserialize;

use crate::config::Limits;
use crate::graphql::VitaeSchema;
use crate::store::Store;
use crate::Error;
pub use admission::Admission;
pub use error::json_client_errors;
use error::{bad_request, error_response, method_not_allowed, not_acceptable, request_error};
pub use log::log_request;
use negotiation::{is_json_body, response_type, GRAPHQL_RESPONSE};
pub use persisted::PersistedQueries;
use persisted::{Hash, Resolved};

/// Registers the routes. Each path answers the methods it does not serve
/// with 405 and an `Allow` header.
pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(
        refusing_other_methods("/graphql", "GET, POST")
            .route(web::post().to(graphql_post))
            .route(web::get().to(graphql_get)),
    )
    .service(
        refusing_other_methods("/", "GET, HEAD")
            .route(web::get().to(playground::page))
            .route(web::head().to(playground::page)),
    )
    .service(
        refusing_other_methods(assets::ASSETS_PATH, "GET, HEAD")
            .route(web::get().to(assets::asset))
            .route(web::head().to(assets::asset)),
    )
    .service(
        refusing_other_methods("/people", "GET, HEAD")
            .route(web::get().to(dashboard::people))
            .route(web::head().to(dashboard::people)),
    )
    .service(
        refusing_other_methods("/export/people/{file}", "GET")
            .route(web::get().to(export::person_file)),
    )
    .service(
        refusing_other_methods("/export/{file}", "GET").route(web::get().to(export::works_file)),
    )
    .service(
        refusing_other_methods("/people/{slug}", "GET").route(web::get().to(dashboard::person)),
    )
    .service(
        refusing_other_methods("/works/{id}", "GET").route(web::get().to(export::work_negotiated)),
    )
    .service(
        refusing_other_methods("/health", "GET, HEAD")
            .route(web::get().to(health))
            .route(web::head().to(health)),
    );
}

/// A resource that answers any method it has no route for with 405.
fn refusing_other_methods(path: &'static str, allow: &'static str) -> actix_web::Resource {
    web::resource(path).default_service(web::to(move || async move {
        method_not_allowed(allow, &format!("use {allow} on {path}"))
    }))
}

/// Cross-origin access for browser dashboards on other origins: the API is
/// read-only and uses no cookies, so any origin may GET and POST.
pub fn cors() -> actix_cors::Cors {
    actix_cors::Cors::default()
        .allow_any_origin()
        .allowed_methods(["GET", "POST"])
        // Clients add their own headers (Authorization, Apollo's
        // `apollographql-client-name`, Sentry's `sentry-trace` and
        // `baggage`, …); with no credentials allowed, echoing what a
        // preflight asks for exposes nothing.
        .allow_any_header()
        .expose_headers([header::RETRY_AFTER])
        .max_age(3600)
}

/// What every GraphQL request needs besides itself.
struct Server {
    schema: web::Data<VitaeSchema>,
    limits: web::Data<Limits>,
    admission: web::Data<Admission>,
    persisted: web::Data<PersistedQueries>,
}

impl actix_web::FromRequest for Server {
    type Error = actix_web::Error;
    type Future = std::future::Ready<Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut actix_web::dev::Payload) -> Self::Future {
        let data = || {
            Some(Server {
                schema: req.app_data::<web::Data<VitaeSchema>>()?.clone(),
                limits: req.app_data::<web::Data<Limits>>()?.clone(),
                admission: req.app_data::<web::Data<Admission>>()?.clone(),
                persisted: req.app_data::<web::Data<PersistedQueries>>()?.clone(),
            })
        };
        std::future::ready(
            data().ok_or_else(|| actix_web::error::ErrorInternalServerError("app data missing")),
        )
    }
}

async fn graphql_post(req: HttpRequest, body: web::Bytes, server: Server) -> HttpResponse {
    let Some(media) = response_type(&req) else {
        return not_acceptable();
    };
    if !is_json_body(&req) {
        return request_error(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "UNSUPPORTED_MEDIA_TYPE",
            "send the request as application/json",
        );
    }
    if body.trim_ascii_start().starts_with(b"[") {
        return bad_request("batched requests are not supported: send one operation per request");
    }
    let mut request: Request = match serde_json::from_slice(&body) {
        Ok(r) => r,
        Err(e) => return bad_request(&format!("the body is not a GraphQL request: {e}")),
    };
    let extension = request
        .extensions
        .get("persistedQuery")
        .and_then(|v| v.clone().into_json().ok());
    let register = match persisted_query(&server.persisted, extension, &mut request.query, media) {
        Ok(register) => register,
        Err(refusal) => return *refusal,
    };
    if missing_query(&request.query) {
        return bad_request("the `query` parameter is missing");
    }
    server.execute(request, media, register).await
}

/// Whether a request has no `query` (async-graphql reads a missing one as
/// empty) and names no known persisted one: a malformed request, 400,
/// rather than a document that fails to parse.
fn missing_query(query: &str) -> bool {
    query.trim().is_empty()
}

/// Puts a known persisted query's document in `query`; the hash to keep a
/// registered one under once it has run. A hash the server does not know is
/// `PERSISTED_QUERY_NOT_FOUND` with status 200 and no caching, whatever the
/// media type (Apollo's `PersistedQueryLink` stops using persisted queries
/// after a 400); a malformed extension or a wrong hash is a 400.
fn persisted_query(
    persisted: &PersistedQueries,
    extension: Option<serde_json::Value>,
    query: &mut String,
    media: &'static str,
) -> Result<Option<Hash>, Box<HttpResponse>> {
    match persisted.resolve(extension.as_ref(), query) {
        Ok(None) => Ok(None),
        Ok(Some(Resolved::Register(hash))) => Ok(Some(hash)),
        Ok(Some(Resolved::Known(document))) => {
            *query = document.to_string();
            Ok(None)
        }
        Ok(Some(Resolved::NotFound)) => {
            let body = serde_json::json!({ "errors": [{
                "message": "PersistedQueryNotFound",
                "extensions": { "code": "PERSISTED_QUERY_NOT_FOUND" },
            }]});
            Err(Box::new(
                HttpResponse::Ok()
                    .insert_header((header::CONTENT_TYPE, HeaderValue::from_static(media)))
                    .insert_header((
                        header::CACHE_CONTROL,
                        HeaderValue::from_static("private, no-cache, must-revalidate"),
                    ))
                    .body(body.to_string()),
            ))
        }
        Err(message) => Err(Box::new(bad_request(&message))),
    }
}

/// Query-string parameters of `GET /graphql`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct GetParams {
    query: Option<String>,
    operation_name: Option<String>,
    variables: Option<String>,
    extensions: Option<String>,
}

async fn graphql_get(req: HttpRequest, server: Server) -> HttpResponse {
    let Some(media) = response_type(&req) else {
        return not_acceptable();
    };
    let params = match web::Query::<GetParams>::from_query(req.query_string()) {
        Ok(p) => p.into_inner(),
        Err(e) => return bad_request(&e.to_string()),
    };
    let extension = match params.extensions.as_deref().map(serde_json::from_str) {
        None => None,
        Some(Ok(serde_json::Value::Object(mut ext))) => ext.remove("persistedQuery"),
        Some(_) => return bad_request("`extensions` is not a JSON object"),
    };
    let mut query = params.query.unwrap_or_default();
    let register = match persisted_query(&server.persisted, extension, &mut query, media) {
        Ok(register) => register,
        Err(refusal) => return *refusal,
    };
    if missing_query(&query) {
        return bad_request("the `query` parameter is missing");
    }
    if is_mutation(&query, params.operation_name.as_deref()) {
        return method_not_allowed("POST", "mutations are sent with POST");
    }
    let mut request = Request::new(query);
    if let Some(name) = params.operation_name {
        request = request.operation_name(name);
    }
    if let Some(vars) = params.variables {
        match serde_json::from_str::<serde_json::Value>(&vars) {
            Ok(v) => request = request.variables(Variables::from_json(v)),
            Err(e) => return bad_request(&format!("`variables` is not JSON: {e}")),
        }
    }
    server.execute(request, media, register).await
}

/// Whether the operation that `query` would run is a mutation (GET may only
/// read). A query that does not parse is left to the executor to report.
fn is_mutation(query: &str, operation_name: Option<&str>) -> bool {
    let Ok(doc) = async_graphql::parser::parse_query(query) else {
        return false;
    };
    let op = match (&doc.operations, operation_name) {
        (DocumentOperations::Single(op), _) => Some(op),
        (DocumentOperations::Multiple(ops), Some(name)) => ops.get(name),
        (DocumentOperations::Multiple(ops), None) => ops.values().next(),
    };
    op.is_some_and(|op| op.node.ty == OperationType::Mutation)
}

impl Server {
    /// Runs `request` once admitted, within the request's time limit (waiting
    /// for admission included); keeps its document under `register` when it
    /// ran without a request error.
    async fn execute(
        &self,
        request: Request,
        media: &'static str,
        register: Option<Hash>,
    ) -> HttpResponse {
        let timeout = self.limits.request_timeout;
        let registered = register.map(|hash| (hash, request.query.clone()));
        let admitted_run = async {
            let _running = self.admission.admit().await?;
            AssertUnwindSafe(crate::graphql::run(&self.schema, request))
                .catch_unwind()
                .await
                // The panic hook has logged what and where (see `main`).
                .map_err(|_| Error::internal("a request panicked"))
        };
        let response = match tokio::time::timeout(timeout, admitted_run).await {
            Ok(Ok(r)) => r,
            Ok(Err(err)) => return error_response(&err, media),
            Err(_) => {
                tracing::warn!("request stopped after {} ms", timeout.as_millis());
                let err = Error::Timeout(timeout.as_millis() as u64);
                return error_response(&err, media);
            }
        };
        // async-graphql can report one validation error from two rules, and a
        // few of its request errors (an unknown operation name) carry no code.
        let mut response = response;
        response.errors.dedup();
        for e in &mut response.errors {
            let ext = e.extensions.get_or_insert_with(Default::default);
            if ext.get("code").is_none() {
                let code = if e.message.starts_with("Unknown operation")
                    || e.message.starts_with("Operation name required")
                {
                    "OPERATION_RESOLUTION_FAILURE"
                } else {
                    "BAD_REQUEST"
                };
                ext.set("code", code);
            }
        }
        // Under application/graphql-response+json a request error (nothing
        // executed: parse, validation, limits) is a 400; under application/json
        // every well-formed request gets a 200, as the spec asks.
        let request_failed = response.data == async_graphql::Value::Null
            && !response.errors.is_empty()
            && response.errors.iter().all(|e| e.path.is_empty());
        let status = if media == GRAPHQL_RESPONSE && request_failed {
            StatusCode::BAD_REQUEST
        } else {
            StatusCode::OK
        };
        if let (Some((hash, query)), false) = (registered, request_failed) {
            self.persisted.insert(hash, &query);
        }
        if request_failed {
            // Nothing ran, so the result has no `data` entry (GraphQL spec,
            // "Response Format").
            let body = serde_json::json!({ "errors": response.errors });
            return HttpResponse::build(status)
                .insert_header((header::CONTENT_TYPE, HeaderValue::from_static(media)))
                .body(body.to_string());
        }
        respond(response, media, status)
    }
}

fn respond(response: Response, media: &'static str, status: StatusCode) -> HttpResponse {
    match serde_json::to_vec(&response) {
        Ok(body) => HttpResponse::build(status)
            .insert_header((header::CONTENT_TYPE, HeaderValue::from_static(media)))
            .body(body),
        Err(e) => {
            tracing::error!(error = %e, "cannot serialize a response");
            request_error(
                StatusCode::INTERNAL_SERVER_ERROR,
                "INTERNAL_SERVER_ERROR",
                "internal error",
            )
        }
    }
}

/// The store's answer and the server's load; never held back by admission
/// control, so a load balancer can tell "busy" from "down".
async fn health(store: web::Data<Store>, admission: web::Data<Admission>) -> HttpResponse {
    let ok = store
        .read_async(|c| Ok(c.query_row("SELECT count(*) FROM person", [], |r| r.get::<_, i64>(0))?))
        .await;
    match ok {
        Ok(people) => HttpResponse::Ok().json(serde_json::json!({
            "status": "ok",
            "people": people,
            "running": admission.running(),
            "queued": admission.queued(),
        })),
        Err(e) => {
            tracing::error!(error = ?e, "health check failed");
            request_error(
                StatusCode::SERVICE_UNAVAILABLE,
                "UNAVAILABLE",
                "the store is not reachable",
            )
        }
    }
}
