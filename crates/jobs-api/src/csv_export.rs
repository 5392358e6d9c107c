//! Reports as CSV (RFC 4180): a header row, fields quoted when they must be, CRLF line
//! ends, and instants in ISO 8601 UTC. One row format per record type, shared by every
//! export, tested here without a browser.

use crate::i18n::{text, Key};
use crate::timestamp::{format_utc_millis, parse_utc_millis};
use crate::types::{JobCertificate, JobFailure, JobSummary};

/// A field as RFC 4180 writes it: in double quotes (with inner quotes doubled) when it
/// holds a comma, a quote or a line break.
pub fn field(text: &str) -> String {
    if text.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}

/// The header row of a record type: in the operator's language, or in English for
/// scripts that read the columns by name.
pub fn header<T: CsvRecord>(english: bool) -> String {
    let headings: Vec<&str> = T::HEADER.iter().map(|key| if english { key.english() } else { text(key) }).collect();
    line(&headings)
}

/// One record's line, CRLF-terminated.
pub fn line<S: AsRef<str>>(fields: &[S]) -> String {
    let mut line = fields.iter().map(|text| field(text.as_ref())).collect::<Vec<_>>().join(",");
    line.push_str("\r\n");
    line
}

/// An instant in ISO 8601 UTC (`2026-11-20T09:30:00Z`); text that is no instant stays as
/// it came, and an absent one is empty.
fn instant(text: Option<&str>) -> String {
    match text {
        Some(text) => parse_utc_millis(text).map(format_utc_millis).unwrap_or_else(|| text.to_owned()),
        None => String::new(),
    }
}

/// A record type that exports as CSV rows.
pub trait CsvRecord {
    /// The columns' headings, as keys of the catalogues (the tables' own headings).
    const HEADER: &'static [Key];
    fn fields(&self) -> Vec<String>;
}

impl CsvRecord for JobCertificate {
    const HEADER: &'static [Key] = &[
        Key::new("column.serial_number"),
        Key::new("column.common_name"),
        Key::new("column.device"),
        Key::new("column.valid_from"),
        Key::new("column.valid_to"),
        Key::new("column.status"),
    ];
    fn fields(&self) -> Vec<String> {
        vec![
            self.serial_number.clone(),
            self.common_name.clone(),
            self.device.as_ref().map(|device| device.name.clone()).unwrap_or_default(),
            instant(self.valid_from.as_deref()),
            instant(self.valid_to.as_deref()),
            self.status.as_ref().map(|status| status.label().to_owned()).unwrap_or_default(),
        ]
    }
}

impl CsvRecord for JobSummary {
    const HEADER: &'static [Key] = &[
        Key::new("column.job_id"),
        Key::new("column.job_type"),
        Key::new("column.job_state"),
        Key::new("column.failed"),
        Key::new("column.successful"),
        Key::new("column.total"),
        Key::new("column.device_group"),
        Key::new("column.owner"),
        Key::new("column.job_run_date"),
    ];
    fn fields(&self) -> Vec<String> {
        vec![
            self.id.clone(),
            self.job_type.label().to_owned(),
            self.state_label().to_owned(),
            self.result.failed.to_string(),
            self.result.successful.to_string(),
            self.result.total.to_string(),
            self.device_group.as_ref().map(|group| group.name.clone()).unwrap_or_default(),
            self.owner.as_ref().map(|owner| owner.name.clone()).unwrap_or_default(),
            instant(self.run_date.as_deref()),
        ]
    }
}

impl CsvRecord for JobFailure {
    const HEADER: &'static [Key] =
        &[Key::new("column.device"), Key::new("column.reason_code"), Key::new("column.reason"), Key::new("column.date")];
    fn fields(&self) -> Vec<String> {
        vec![
            self.device.as_ref().map(|device| device.name.clone()).unwrap_or_default(),
            self.reason_code.clone(),
            self.message.clone().unwrap_or_default(),
            instant(self.date.as_deref()),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::NamedRef;

    #[test]
    fn fields_are_quoted_only_when_they_must_be() {
        assert_eq!(field("meter-00001"), "meter-00001");
        assert_eq!(field("Meters, EU"), "\"Meters, EU\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("two\nlines"), "\"two\nlines\"");
        assert_eq!(line(&["a", "b,c", ""]), "a,\"b,c\",\r\n");
    }

    #[test]
    fn records_export_with_iso_utc_instants() {
        let certificate = JobCertificate {
            serial_number: "1a2b".into(),
            common_name: "meter-00001".into(),
            device: Some(NamedRef { id: "d-1".into(), name: "meter, basement".into() }),
            valid_from: Some("2026-11-20T09:30:00.250Z".into()),
            valid_to: Some("not a date".into()),
            status: None,
        };
        assert_eq!(line(&certificate.fields()), "1a2b,meter-00001,\"meter, basement\",2026-11-20T09:30:00Z,not a date,\r\n");
        assert_eq!(header::<JobCertificate>(true), "Serial number,Common name,Device,Valid from,Valid to,Status\r\n");
        let job: JobSummary =
            crate::lenient::from_json_text(r#"{"id":"J-1","job_type":"DEPLOYMENT","status":"EXECUTED","state":"COMPLETED","result":{"failed":1,"successful":2,"total":3}}"#)
                .unwrap();
        assert_eq!(line(&job.fields()), "J-1,Deployments,Completed,1,2,3,,,\r\n");
    }
}
