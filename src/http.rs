//! The HTTP surface (actix-web): `POST /graphql` and `GET /graphql` after the
//! GraphQL-over-HTTP spec, GraphiQL at `/`, `/health`. Body-size and time
//! limits are applied here; one log line per request with status and time.

use std::time::Instant;

use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderValue};
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use async_graphql::{Request, Response, ServerError, Variables};
use serde::Deserialize;

use crate::config::Limits;
use crate::graphql::VitaeSchema;
use crate::store::Store;

const GRAPHQL_RESPONSE: &str = "application/graphql-response+json";
const GRAPHIQL: &str = include_str!("graphiql.html");

/// Registers the routes.
pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.route("/graphql", web::post().to(graphql_post))
        .route("/graphql", web::get().to(graphql_get))
        .route("/", web::get().to(graphiql))
        .route("/health", web::get().to(health));
}

/// Which media type the client gets, from its `Accept` header; `None` when
/// it accepts neither JSON type (406).
fn response_type(req: &HttpRequest) -> Option<&'static str> {
    let Some(accept) = req
        .headers()
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
    else {
        return Some("application/json");
    };
    if accept.contains(GRAPHQL_RESPONSE) {
        Some(GRAPHQL_RESPONSE)
    } else if accept.contains("application/json")
        || accept.contains("*/*")
        || accept.contains("application/*")
    {
        Some("application/json")
    } else {
        None
    }
}

/// A response holding only request errors.
fn request_error(status: StatusCode, code: &str, message: &str) -> HttpResponse {
    HttpResponse::build(status).json(serde_json::json!({
        "errors": [{ "message": message, "extensions": { "code": code } }]
    }))
}

async fn graphql_post(
    req: HttpRequest,
    body: web::Bytes,
    schema: web::Data<VitaeSchema>,
    limits: web::Data<Limits>,
) -> HttpResponse {
    let Some(media) = response_type(&req) else {
        return request_error(
            StatusCode::NOT_ACCEPTABLE,
            "NOT_ACCEPTABLE",
            "accept application/json or application/graphql-response+json",
        );
    };
    let content_type = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if !content_type.starts_with("application/json") {
        return request_error(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "UNSUPPORTED_MEDIA_TYPE",
            "send the request as application/json",
        );
    }
    let request: Request = match serde_json::from_slice(&body) {
        Ok(r) => r,
        Err(e) => {
            return request_error(
                StatusCode::BAD_REQUEST,
                "BAD_REQUEST",
                &format!("the body is not a GraphQL request: {e}"),
            )
        }
    };
    execute(&schema, &limits, request, media).await
}

/// Query-string parameters of `GET /graphql`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct GetParams {
    query: Option<String>,
    operation_name: Option<String>,
    variables: Option<String>,
}

async fn graphql_get(
    req: HttpRequest,
    schema: web::Data<VitaeSchema>,
    limits: web::Data<Limits>,
) -> HttpResponse {
    let Some(media) = response_type(&req) else {
        return request_error(
            StatusCode::NOT_ACCEPTABLE,
            "NOT_ACCEPTABLE",
            "accept application/json or application/graphql-response+json",
        );
    };
    let params = match web::Query::<GetParams>::from_query(req.query_string()) {
        Ok(p) => p.into_inner(),
        Err(e) => return request_error(StatusCode::BAD_REQUEST, "BAD_REQUEST", &e.to_string()),
    };
    let Some(query) = params.query else {
        return request_error(
            StatusCode::BAD_REQUEST,
            "BAD_REQUEST",
            "the `query` parameter is missing",
        );
    };
    let mut request = Request::new(query);
    if let Some(name) = params.operation_name {
        request = request.operation_name(name);
    }
    if let Some(vars) = params.variables {
        match serde_json::from_str::<serde_json::Value>(&vars) {
            Ok(v) => request = request.variables(Variables::from_json(v)),
            Err(e) => {
                return request_error(
                    StatusCode::BAD_REQUEST,
                    "BAD_REQUEST",
                    &format!("`variables` is not JSON: {e}"),
                )
            }
        }
    }
    execute(&schema, &limits, request, media).await
}

async fn execute(
    schema: &VitaeSchema,
    limits: &Limits,
    request: Request,
    media: &'static str,
) -> HttpResponse {
    let timeout = limits.request_timeout;
    let response = match tokio::time::timeout(timeout, schema.execute(request)).await {
        Ok(r) => r,
        Err(_) => {
            let err = crate::Error::Timeout(timeout.as_millis() as u64);
            tracing::warn!("request stopped after {} ms", timeout.as_millis());
            let mut e = ServerError::new(err.to_string(), None);
            e.extensions
                .get_or_insert_with(Default::default)
                .set("code", err.code());
            return respond(
                Response::from_errors(vec![e]),
                media,
                StatusCode::GATEWAY_TIMEOUT,
            );
        }
    };
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
    respond(response, media, status)
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

async fn graphiql() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .body(GRAPHIQL)
}

async fn health(store: web::Data<Store>) -> HttpResponse {
    let ok = store
        .read_async(|c| Ok(c.query_row("SELECT count(*) FROM person", [], |r| r.get::<_, i64>(0))?))
        .await;
    match ok {
        Ok(people) => {
            HttpResponse::Ok().json(serde_json::json!({ "status": "ok", "people": people }))
        }
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

/// Logs one line per request: method, path, status, duration; and, when
/// statement counting is on, how many SQL statements the request ran (as the
/// `x-vitae-sql-statements` header, for the N+1 test).
pub async fn log_request(
    req: ServiceRequest,
    next: actix_web::middleware::Next<impl actix_web::body::MessageBody + 'static>,
) -> Result<ServiceResponse<impl actix_web::body::MessageBody>, actix_web::Error> {
    let started = Instant::now();
    let before = crate::store::statements_run();
    let (method, path) = (req.method().clone(), req.path().to_string());
    let mut res = next.call(req).await?;
    let status = res.status().as_u16();
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    tracing::info!(%method, %path, status, ms = format!("{ms:.1}"), "request");
    if crate::store::counting_statements() {
        let n = crate::store::statements_run() - before;
        if let Ok(v) = HeaderValue::from_str(&n.to_string()) {
            res.headers_mut()
                .insert(header::HeaderName::from_static("x-vitae-sql-statements"), v);
        }
    }
    Ok(res)
}
