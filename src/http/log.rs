//! One log line per request (method, path, status, milliseconds), and the
//! statement count header that the N+1 test reads.

use std::time::Instant;

use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderValue};

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
