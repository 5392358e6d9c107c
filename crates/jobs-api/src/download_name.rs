//! The name a downloaded file is saved under: taken from `Content-Disposition` when the
//! server gives one, reduced to a safe base name, with an extension that fits its type.

/// The file name in a `Content-Disposition` header: `filename*=UTF-8''…` (RFC 5987)
/// when present, else `filename=`, quoted or not.
pub fn disposition_file_name(header: &str) -> Option<String> {
    let mut plain = None;
    for parameter in header.split(';').map(str::trim) {
        let Some((key, value)) = parameter.split_once('=') else { continue };
        match key.trim().to_ascii_lowercase().as_str() {
            "filename*" => {
                let (charset, rest) = value.trim().split_once('\'')?;
                let encoded = rest.split_once('\'').map(|(_, encoded)| encoded)?;
                let bytes = percent_decode(encoded);
                let name = if charset.eq_ignore_ascii_case("utf-8") {
                    String::from_utf8_lossy(&bytes).into_owned()
                } else {
                    bytes.iter().map(|byte| char::from(*byte)).collect()
                };
                return Some(name);
            }
            "filename" => plain = Some(value.trim().trim_matches('"').to_owned()),
            _ => {}
        }
    }
    plain
}

fn percent_decode(text: &str) -> Vec<u8> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        let hex = bytes.get(index + 1..index + 3).and_then(|hex| std::str::from_utf8(hex).ok());
        match (bytes[index], hex.and_then(|hex| u8::from_str_radix(hex, 16).ok())) {
            (b'%', Some(byte)) => {
                out.push(byte);
                index += 3;
            }
            (byte, _) => {
                out.push(byte);
                index += 1;
            }
        }
    }
    out
}

/// The extension a saved file of this content type should carry.
pub fn extension_for(content_type: &str) -> Option<&'static str> {
    let essence = content_type.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
    match essence.as_str() {
        "application/zip" => Some("zip"),
        "application/json" => Some("json"),
        "application/pkcs7-mime" | "application/x-pkcs7-certificates" => Some("p7b"),
        "application/pgp-encrypted" => Some("pgp"),
        "application/x-pem-file" => Some("pem"),
        _ => None,
    }
}

/// A name safe to save under: no directories, no control or reserved characters, no
/// leading dots, at most 120 characters, ending in the extension that fits the type.
pub fn safe_file_name(suggested: Option<&str>, content_type: &str, fallback_stem: &str) -> String {
    let clean = |text: &str| -> String {
        let base = text.rsplit(['/', '\\']).next().unwrap_or_default();
        let kept: String =
            base.chars().map(|c| if c.is_control() || matches!(c, '<' | '>' | ':' | '"' | '|' | '?' | '*') { '_' } else { c }).collect();
        kept.trim().trim_start_matches('.').trim_end_matches(['.', ' ']).chars().take(120).collect()
    };
    let mut name = suggested.map(clean).filter(|name| !name.is_empty()).unwrap_or_else(|| clean(fallback_stem));
    if name.is_empty() {
        name = "download".into();
    }
    if let Some(extension) = extension_for(content_type) {
        let has_it = name.rsplit_once('.').is_some_and(|(_, existing)| existing.eq_ignore_ascii_case(extension));
        if !has_it {
            name = format!("{name}.{extension}");
        }
    }
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_forms_of_the_header_are_read() {
        assert_eq!(disposition_file_name("attachment; filename=\"J-1-certificates.zip\"").as_deref(), Some("J-1-certificates.zip"));
        assert_eq!(disposition_file_name("attachment; filename=plain.zip").as_deref(), Some("plain.zip"));
        assert_eq!(
            disposition_file_name("attachment; filename=\"fallback.zip\"; filename*=UTF-8''M%C3%BCnchen%20meters.p7b").as_deref(),
            Some("München meters.p7b")
        );
        assert_eq!(disposition_file_name("inline"), None);
    }

    #[test]
    fn names_are_reduced_to_a_safe_base_name() {
        let zip = "application/zip";
        assert_eq!(safe_file_name(Some("../../etc/passwd"), zip, "x"), "passwd.zip");
        assert_eq!(safe_file_name(Some("..\\..\\win.ini"), "", "x"), "win.ini");
        assert_eq!(safe_file_name(Some(".bashrc"), "", "x"), "bashrc");
        assert_eq!(safe_file_name(Some("a\nb\u{0}c.zip"), zip, "x"), "a_b_c.zip");
        assert_eq!(safe_file_name(Some(".."), zip, "J-1-certificates"), "J-1-certificates.zip");
        assert_eq!(safe_file_name(None, "application/pkcs7-mime", "J-1-certificates"), "J-1-certificates.p7b");
        assert_eq!(safe_file_name(Some("certs.bin"), "application/pgp-encrypted", "x"), "certs.bin.pgp");
        assert_eq!(safe_file_name(Some("certs.P7B"), "application/pkcs7-mime; smime-type=certs-only", "x"), "certs.P7B");
        assert_eq!(safe_file_name(Some(&"n".repeat(500)), zip, "x").len(), 124);
    }
}
