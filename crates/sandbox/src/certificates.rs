//! A job's certificates. The records are derived from the job (one per successful
//! enrollment), so listing thousands costs nothing; downloads sign real X.509
//! certificates under the sandbox CA with exactly the serials and validity listed.

use std::io::{Cursor, Write};

use jobs_api::timestamp::format_utc_millis;
use jobs_api::{CertificateStatus, JobCertificate, JobType, NamedRef};
use rcgen::{BasicConstraints, CertificateParams, DistinguishedName, DnType, IsCa, Issuer, KeyPair, KeyUsagePurpose, SerialNumber};

use crate::store::JobRecord;

const DAY_MS: i64 = 86_400_000;

pub(crate) fn fnv1a(seed: u64, text: &str, index: u64) -> u64 {
    let mut hash = 0xcbf2_9ce4_8422_2325 ^ seed;
    for byte in text.bytes().chain(index.to_le_bytes()) {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// 16 bytes derived from the job and index, positive as X.509 wants.
fn serial_bytes(job_id: &str, index: u64) -> [u8; 16] {
    let mut bytes = [0u8; 16];
    bytes[..8].copy_from_slice(&fnv1a(1, job_id, index).to_be_bytes());
    bytes[8..].copy_from_slice(&fnv1a(2, job_id, index).to_be_bytes());
    bytes[0] = (bytes[0] & 0x7f) | 0x10;
    bytes
}

/// How many certificates the job has issued so far.
pub fn issued_count(job: &JobRecord) -> u64 {
    if job.draft || job.job_type == JobType::Deployment {
        0
    } else {
        job.successful
    }
}

/// The validity window of certificate `index`, in epoch milliseconds.
fn validity(job: &JobRecord, index: u64) -> (i64, i64) {
    let issued_from = job.progress_started_ms.or(job.run_date_ms).unwrap_or(job.created_at_ms);
    let valid_from = (issued_from + index as i64 * 1000) / 1000 * 1000;
    (valid_from, valid_from + job.certificate_valid_days.unwrap_or(365) * DAY_MS)
}

pub fn record(job: &JobRecord, index: u64, now_ms: i64) -> JobCertificate {
    let common_name = format!("{}-{:05}", job.device_prefix, index + 1);
    let serial: String = serial_bytes(&job.id, index).iter().map(|byte| format!("{byte:02x}")).collect();
    let (valid_from, valid_to) = validity(job, index);
    JobCertificate {
        serial_number: serial,
        device: Some(NamedRef { id: format!("dev-{}", &common_name), name: common_name.clone() }),
        common_name,
        valid_from: Some(format_utc_millis(valid_from)),
        valid_to: Some(format_utc_millis(valid_to)),
        status: Some(if valid_to <= now_ms { CertificateStatus::Expired } else { CertificateStatus::Issued }),
    }
}

pub fn records(job: &JobRecord, limit: u64, offset: u64, now_ms: i64) -> (u64, Vec<JobCertificate>) {
    let total = issued_count(job);
    let end = offset.saturating_add(limit).min(total);
    (total, (offset.min(end)..end).map(|index| record(job, index, now_ms)).collect())
}

/// The sandbox's issuing CA: a P-256 key kept in the database, so certificates issued
/// before a restart still chain to it.
pub struct SandboxCa {
    issuer: Issuer<'static, KeyPair>,
    pub certificate_pem: String,
}

fn ca_params() -> CertificateParams {
    let mut params = CertificateParams::default();
    let mut name = DistinguishedName::new();
    name.push(DnType::CommonName, "jobs-console sandbox IoT CA");
    name.push(DnType::OrganizationName, "jobs-console sandbox");
    params.distinguished_name = name;
    params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    params.not_before = time::macros::datetime!(2020-01-01 0:00 UTC);
    params.not_after = time::macros::datetime!(2050-01-01 0:00 UTC);
    params
}

impl SandboxCa {
    /// The CA whose key PEM is given, or a new one when there is none.
    pub fn load_or_create(key_pem: Option<&str>) -> Result<(Self, String), rcgen::Error> {
        let key = match key_pem {
            Some(pem) => KeyPair::from_pem(pem)?,
            None => KeyPair::generate()?,
        };
        let key_pem = key.serialize_pem();
        let params = ca_params();
        let certificate_pem = params.self_signed(&key)?.pem();
        Ok((Self { issuer: Issuer::new(params, key), certificate_pem }, key_pem))
    }

    /// Signs certificate `index` of the job; returns its common name with it.
    fn issue(&self, job: &JobRecord, index: u64) -> Result<(String, rcgen::Certificate), rcgen::Error> {
        let entry = record(job, index, 0);
        let (valid_from, valid_to) = validity(job, index);
        let mut params = CertificateParams::default();
        let mut name = DistinguishedName::new();
        name.push(DnType::CommonName, entry.common_name.as_str());
        params.distinguished_name = name;
        params.serial_number = Some(SerialNumber::from_slice(&serial_bytes(&job.id, index)));
        params.not_before = to_datetime(valid_from);
        params.not_after = to_datetime(valid_to);
        params.key_usages = vec![KeyUsagePurpose::DigitalSignature];
        Ok((entry.common_name, params.signed_by(&KeyPair::generate()?, &self.issuer)?))
    }

    /// Every issued certificate of the job as `(common name, PEM, DER)`.
    pub fn issue_all(&self, job: &JobRecord) -> Result<Vec<(String, String, Vec<u8>)>, rcgen::Error> {
        (0..issued_count(job))
            .map(|index| {
                let (common_name, certificate) = self.issue(job, index)?;
                Ok((common_name, certificate.pem(), certificate.der().to_vec()))
            })
            .collect()
    }
}

fn to_datetime(millis: i64) -> time::OffsetDateTime {
    time::OffsetDateTime::from_unix_timestamp(millis / 1000).unwrap_or(time::OffsetDateTime::UNIX_EPOCH)
}

/// A zip of the named files, deflated.
pub fn zip(files: impl IntoIterator<Item = (String, Vec<u8>)>) -> zip::result::ZipResult<Vec<u8>> {
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, contents) in files {
        writer.start_file(name, options)?;
        writer.write_all(&contents)?;
    }
    Ok(writer.finish()?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn job(successful: u64) -> JobRecord {
        JobRecord {
            id: "b-1".into(),
            job_type: JobType::BatchDeviceRegistration,
            device_prefix: "meter-euw".into(),
            successful,
            total: successful,
            run_date_ms: Some(1_790_000_000_000),
            certificate_valid_days: Some(90),
            ..Default::default()
        }
    }

    #[test]
    fn records_page_through_the_issued_certificates() {
        let (total, page) = records(&job(2500), 100, 2400, 0);
        assert_eq!((total, page.len()), (2500, 100));
        assert_eq!(page[0].common_name, "meter-euw-02401");
        assert_eq!(records(&job(2500), 100, 2450, 0).1.len(), 50);
        assert!(records(&job(2500), 100, 9999, 0).1.is_empty());
        let first = record(&job(3), 0, 0);
        assert_eq!(first, record(&job(3), 0, 0), "records are stable");
        assert_eq!(first.serial_number.len(), 32);
        assert_eq!(
            (first.valid_from.as_deref().unwrap(), first.valid_to.as_deref().unwrap()),
            ("2026-09-21T14:13:20Z", "2026-12-20T14:13:20Z")
        );
    }

    #[test]
    fn expired_certificates_say_so() {
        let job = job(1);
        let valid_to = jobs_api::timestamp::parse_utc_millis(record(&job, 0, 0).valid_to.as_deref().unwrap()).unwrap();
        assert_eq!(record(&job, 0, valid_to - 1).status, Some(CertificateStatus::Issued));
        assert_eq!(record(&job, 0, valid_to).status, Some(CertificateStatus::Expired));
    }

    #[test]
    fn issued_certificates_carry_the_listed_serial() {
        let (ca, key_pem) = SandboxCa::load_or_create(None).unwrap();
        let (again, _) = SandboxCa::load_or_create(Some(&key_pem)).unwrap();
        let issued = again.issue_all(&job(2)).unwrap();
        assert_eq!(issued.len(), 2);
        assert!(issued[0].1.starts_with("-----BEGIN CERTIFICATE-----"));
        let serial = serial_bytes("b-1", 0);
        assert!(issued[0].2.windows(serial.len()).any(|window| window == serial), "serial in the DER");
        assert!(ca.certificate_pem.contains("BEGIN CERTIFICATE"));
    }
}
