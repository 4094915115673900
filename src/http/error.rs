//! Refusals in the one JSON error shape (`errors[0].extensions.code`): the
//! handlers' own 4xx, and the 4xx actix-web produces itself, so a client can
//! always read a code, whichever layer said no.

use actix_web::dev::ServiceResponse;
use actix_web::http::header::{self, HeaderValue};
use actix_web::http::StatusCode;
use actix_web::middleware::ErrorHandlerResponse;
use actix_web::HttpResponse;

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

/// A response holding only request errors.
pub fn request_error(status: StatusCode, code: &str, message: &str) -> HttpResponse {
    HttpResponse::build(status).json(serde_json::json!({
        "errors": [{ "message": message, "extensions": { "code": code } }]
    }))
}

/// Gives every 4xx that actix-web itself produces (unknown path, body over
/// the size limit, a malformed query string) the JSON error shape that the
/// GraphQL handlers use, so that a client can always read `errors[0]
/// .extensions.code`. Responses that already are JSON pass through.
pub fn json_client_errors<B>(
    res: ServiceResponse<B>,
) -> actix_web::Result<ErrorHandlerResponse<B>> {
    let is_json = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("json"));
    if is_json {
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
