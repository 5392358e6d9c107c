//! `--wire-variants`: the sandbox answers in the shapes DigiCert documents elsewhere, so the
//! console's decoding meets them: enum values in lower case, the import job's `COMPLETED`
//! and `total_certificates`/`failed_certificates`, pages without `total`, a list that fits
//! one page as a bare array, and errors in Device Trust Manager's singular shape with a
//! numeric code. One rewrite of every JSON answer, after the handlers wrote it.

use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::http::header;
use axum::middleware::Next;
use axum::response::Response;
use serde_json::{Map, Value};

/// An upper snake case word: an enum value, not an id, a name or a date.
fn is_enum_value(text: &str) -> bool {
    text.len() > 1 && text.bytes().all(|byte| byte.is_ascii_uppercase() || byte == b'_')
}

/// The answer `value` in the documented variants.
pub fn rewrite(value: Value) -> Value {
    match value {
        Value::String(text) if text == "COMPLETE" => Value::String("completed".into()),
        Value::String(text) if is_enum_value(&text) => Value::String(text.to_ascii_lowercase()),
        Value::Array(items) => Value::Array(items.into_iter().map(rewrite).collect()),
        Value::Object(object) => rewrite_object(object),
        other => other,
    }
}

fn rewrite_object(object: Map<String, Value>) -> Value {
    if let Some(Value::Array(errors)) = object.get("errors") {
        let first = errors.first().cloned().unwrap_or_default();
        let code = match first.get("code").and_then(Value::as_str) {
            Some("not_found") => "03".to_owned(),
            Some(code) => code.to_owned(),
            None => String::new(),
        };
        return serde_json::json!({ "error": { "code": code, "message": first.get("message").cloned().unwrap_or_default() } });
    }
    let is_page = ["total", "limit", "offset", "records"].iter().all(|field| object.contains_key(*field));
    let mut rewritten = Map::new();
    for (key, value) in object {
        let key = match key.as_str() {
            "total_enrollments" => "total_certificates".to_owned(),
            "failed_enrollments" => "failed_certificates".to_owned(),
            _ => key,
        };
        // Every value is rewritten: only an upper snake case string changes (`is_enum_value`).
        rewritten.insert(key, rewrite(value));
    }
    if is_page {
        let whole = rewritten.get("offset").and_then(Value::as_u64) == Some(0)
            && rewritten.get("total").and_then(Value::as_u64) <= rewritten.get("limit").and_then(Value::as_u64);
        if whole {
            return rewritten.remove("records").unwrap_or_default();
        }
        rewritten.remove("total");
    }
    Value::Object(rewritten)
}

/// The middleware: JSON answers are rewritten when the switch is on.
pub async fn answer_in_variants(State(on): State<bool>, request: Request, next: Next) -> Response {
    let response = next.run(request).await;
    let json = response.headers().get(header::CONTENT_TYPE).is_some_and(|value| value.as_bytes().starts_with(b"application/json"));
    if !on || !json {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = to_bytes(body, usize::MAX).await else { return Response::from_parts(parts, Body::empty()) };
    let Ok(value) = serde_json::from_slice::<Value>(&bytes) else { return Response::from_parts(parts, Body::from(bytes)) };
    let rewritten = serde_json::to_vec(&rewrite(value)).unwrap_or_else(|_| bytes.to_vec());
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(rewritten))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn answers_are_rewritten_into_the_documented_variants() {
        let page = json!({ "total": 2, "limit": 20, "offset": 0, "records": [
            { "id": "b-1", "status": "COMPLETE", "total_enrollments": 4, "failed_enrollments": 1, "owner": { "name": "ANA" } },
            { "id": "j-2", "job_type": "BATCH_DEVICE_REGISTRATION", "run_date": "2026-11-20T09:12:44Z" } ] });
        assert_eq!(
            rewrite(page),
            json!([
                { "id": "b-1", "status": "completed", "total_certificates": 4, "failed_certificates": 1, "owner": { "name": "ana" } },
                { "id": "j-2", "job_type": "batch_device_registration", "run_date": "2026-11-20T09:12:44Z" } ]),
            "a whole list is a bare array (a name in capitals reads as a value: acceptable in a sandbox)"
        );
        let partial = rewrite(json!({ "total": 50, "limit": 20, "offset": 20, "records": [] }));
        assert_eq!(partial, json!({ "limit": 20, "offset": 20, "records": [] }), "a page of a longer list has no total");
        let error = rewrite(json!({ "errors": [{ "code": "not_found", "message": "No job." }] }));
        assert_eq!(error, json!({ "error": { "code": "03", "message": "No job." } }));
    }
}
