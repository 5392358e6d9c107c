//! Error bodies. DigiCert pages show two shapes, `{"errors":[{code,message}]}` and
//! `{"error":{code,message}}`; both are read, and anything else yields nothing.

use serde::Serialize;
use serde_json::Value;

/// One error as the API reports it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ApiErrorDetail {
    /// A word (`invalid_state`) or, from Device Trust Manager, a number (`"03"`, `3`).
    pub code: String,
    pub message: String,
}

/// The error body the sandbox sends, in the documented list shape.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ApiErrorBody {
    pub errors: Vec<ApiErrorDetail>,
}

impl ApiErrorBody {
    pub fn single(code: &str, message: impl Into<String>) -> Self {
        Self { errors: vec![ApiErrorDetail { code: code.to_owned(), message: message.into() }] }
    }
}

/// A code or message as text: a string as sent, a number as written, anything else empty.
fn text(detail: &Value, field: &str) -> String {
    detail.get(field).and_then(crate::lenient::json_text).unwrap_or_default()
}

/// The first error in a body of either documented shape; `None` for an empty, non-JSON
/// or unrelated body (the caller then falls back to the HTTP status). Read from the JSON
/// value by hand, as the records are (`lenient::Fields`).
pub fn parse_error_body(body: &str) -> Option<ApiErrorDetail> {
    let parsed = crate::lenient::parse_value(body).ok()?;
    let detail = parsed.get("errors").and_then(|errors| errors.get(0)).or_else(|| parsed.get("error"))?;
    let detail = ApiErrorDetail { code: text(detail, "code"), message: text(detail, "message") };
    (!detail.code.is_empty() || !detail.message.is_empty()).then_some(detail)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_both_documented_shapes() {
        let list = parse_error_body(r#"{"errors":[{"code":"invalid_state","message":"Job is COMPLETE"}]}"#);
        assert_eq!(list.unwrap().code, "invalid_state");
        let single = parse_error_body(r#"{"error":{"code":"access_denied","message":"No permission"}}"#);
        assert_eq!(single.unwrap().message, "No permission");
    }

    #[test]
    fn numeric_codes_read_as_text() {
        let quoted = parse_error_body(r#"{"error":{"code":"03","message":"Resource not found."}}"#).unwrap();
        assert_eq!((quoted.code.as_str(), quoted.message.as_str()), ("03", "Resource not found."));
        assert_eq!(parse_error_body(r#"{"errors":[{"code":3,"message":"x"}]}"#).unwrap().code, "3");
    }

    #[test]
    fn other_bodies_give_nothing() {
        assert_eq!(parse_error_body(""), None);
        assert_eq!(parse_error_body("<html>Bad gateway</html>"), None);
        assert_eq!(parse_error_body(r#"{"errors":[]}"#), None);
        assert_eq!(parse_error_body(r#"{"status":"down"}"#), None);
    }
}
