//! Refusals in the one JSON error shape (`errors[0].extensions.code`): the
//! handlers' own 4xx, the 4xx actix-web produces itself, and a request ended
//! by an `Error` (the one place a variant gets its HTTP status), so a client
//! can always read a code, whichever layer said no.

use actix_web::dev::ServiceResponse;
use actix_web::http::header::{self, HeaderValue};
use actix_web::http::StatusCode;
use actix_web::middleware::ErrorHandlerResponse;
use actix_web::HttpResponse;

use crate::Error;

/// The response to a GraphQL request that `err` ended before it could
/// answer (a full queue, the time limit, a panic), as `media`.
pub fn error_response(err: &Error, media: &'static str) -> HttpResponse {
    let body = serde_json::json!({
        "errors": [{ "message": err.to_string(), "extensions": { "code": err.code() } }]
    });
    let mut res = HttpResponse::build(status(err))
        .insert_header((header::CONTENT_TYPE, HeaderValue::from_static(media)))
        .body(body.to_string());
    if matches!(err, Error::Busy) {
        // Overload passes in about the time one request takes.
        res.headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
    }
    res
}

/// The HTTP status of each kind of error.
pub fn status(err: &Error) -> StatusCode {
    match err {
        Error::NotFound { .. } => StatusCode::NOT_FOUND,
        Error::BadInput { .. } => StatusCode::BAD_REQUEST,
        Error::Conflict(_) => StatusCode::CONFLICT,
        Error::Timeout(_) => StatusCode::GATEWAY_TIMEOUT,
        Error::Busy => StatusCode::SERVICE_UNAVAILABLE,
        Error::Store { .. } | Error::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

/// 405 with the methods that are allowed.
pub fn method_not_allowed(allow: &'static str, message: &str) -> HttpResponse {
    let mut res = request_error(
        StatusCode::METHOD_NOT_ALLOWED,
        "METHOD_NOT_ALLOWED",
        message,
    );
    res.headers_mut()
        .insert(header::ALLOW, HeaderValue::from_static(allow));
    res
}

/// 406: the client accepts neither JSON media type.
pub fn not_acceptable() -> HttpResponse {
    request_error(
        StatusCode::NOT_ACCEPTABLE,
        "NOT_ACCEPTABLE",
        "accept application/json or application/graphql-response+json",
    )
}

/// 400: a request that is not a well-formed GraphQL-over-HTTP request.
pub fn bad_request(message: &str) -> HttpResponse {
    request_error(StatusCode::BAD_REQUEST, "BAD_REQUEST", message)
}

/// A response holding only request errors.
pub fn request_error(status: StatusCode, code: &str, message: &str) -> HttpResponse {
    HttpResponse::build(status).json(serde_json::json!({
        "errors": [{ "message": message, "extensions": { "code": code } }]
    }))
}

/// Gives every 4xx that actix-web itself produces (unknown path, body over
/// the size limit, a malformed query string) the JSON error shape that the
/// GraphQL handlers use, so that a client can always read `errors[0]
/// .extensions.code`. Responses that already are JSON pass through, as do
/// the pages a handler answers with a 4xx (the dashboard's 404 profile).
pub fn json_client_errors<B>(
    res: ServiceResponse<B>,
) -> actix_web::Result<ErrorHandlerResponse<B>> {
    let ours = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("json") || v.starts_with("text/html"));
    if ours {
        return Ok(ErrorHandlerResponse::Response(res.map_into_left_body()));
    }
    let status = res.status();
    let (code, message) = match status {
        StatusCode::NOT_FOUND => ("NOT_FOUND", "no such path: the API is at /graphql"),
        StatusCode::PAYLOAD_TOO_LARGE => (
            "PAYLOAD_TOO_LARGE",
            "the request body is over the size limit",
        ),
        StatusCode::METHOD_NOT_ALLOWED => ("METHOD_NOT_ALLOWED", "method not allowed"),
        _ => ("BAD_REQUEST", "the HTTP request is malformed"),
    };
    let (req, _) = res.into_parts();
    let res = ServiceResponse::new(req, request_error(status, code, message));
    Ok(ErrorHandlerResponse::Response(res.map_into_right_body()))
}
