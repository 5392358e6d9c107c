//! Rules for the API key a user enters and where it may be sent: a key must be a valid
//! header value, and it belongs to the origin it was entered for.

/// The key, trimmed, if a header can carry it: visible ASCII only. Anything else
/// (accents, control characters, line breaks, inner spaces) is refused with a reason.
pub fn validate_api_key(key: &str) -> Result<&str, String> {
    let key = key.trim();
    if key.is_empty() {
        return Err(crate::t!("api_key.missing").into());
    }
    match key.chars().find(|c| !c.is_ascii_graphic()) {
        None => Ok(key),
        Some(c) if c.is_whitespace() || c.is_control() => Err(crate::t!("api_key.whitespace").into()),
        Some(c) => Err(crate::t!("api_key.not_ascii", character = c)),
    }
}

/// The origin (`scheme://host[:port]`) requests to `base_url` go to; an empty base URL
/// is the page's own origin.
pub fn origin_of(base_url: &str, page_origin: &str) -> String {
    if base_url.is_empty() {
        return page_origin.to_owned();
    }
    let (scheme, rest) = base_url.split_once("://").unwrap_or(("", base_url));
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let authority = authority.rsplit('@').next().unwrap_or_default();
    format!("{}://{}", scheme.to_ascii_lowercase(), authority.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_a_header_cannot_carry_are_refused() {
        assert_eq!(validate_api_key("  demo-approver-key \n"), Ok("demo-approver-key"));
        assert!(validate_api_key("").is_err());
        assert!(validate_api_key("abc\ndef").unwrap_err().contains("line break"));
        assert!(validate_api_key("abc def").is_err());
        assert!(validate_api_key("abc\u{7}").is_err());
        assert!(validate_api_key("clé").unwrap_err().contains("'é'"));
        assert!(validate_api_key("key\u{200b}").is_err());
    }

    #[test]
    fn origins() {
        assert_eq!(origin_of("", "http://127.0.0.1:8080"), "http://127.0.0.1:8080");
        assert_eq!(origin_of("https://One.DigiCert.com/api", "x"), "https://one.digicert.com");
        assert_eq!(origin_of("http://localhost:8787", "x"), "http://localhost:8787");
        assert_ne!(origin_of("http://localhost:8787", "x"), origin_of("http://127.0.0.1:8787", "x"));
    }
}
