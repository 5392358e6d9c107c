//! Deterministic demo data: the same seed gives the same jobs, dated relative to the
//! moment of seeding. Covers every job type, status, state and draft combination.

use jobs_api::*;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::progress::Pace;
use crate::store::JobRecord;

const DAY_MS: i64 = 86_400_000;
const MINUTE_MS: i64 = 60_000;

/// A device group and the prefix of its devices' names.
const DEVICE_GROUPS: &[(&str, &str, &str)] = &[
    ("dg-7", "Meters EU-West", "meter-euw"),
    ("dg-8", "Meters EU-North", "meter-eun"),
    ("dg-12", "Gateways APAC", "gw-apac"),
    ("dg-15", "Thermostats NA-East", "thermo-nae"),
    ("dg-21", "EV chargers DACH", "evc-dach"),
    ("dg-22", "Pumps Iberia", "pump-ib"),
    ("dg-30", "Cameras Nordics", "cam-nord"),
    ("dg-31", "Asset trackers LATAM", "trk-latam"),
    ("dg-40", "Sensors Plant 4", "sens-p4"),
    ("dg-41", "Kiosks UK", "kiosk-uk"),
    ("dg-44", "Routers Benelux", "rtr-bnl"),
    ("dg-52", "Street lighting Milano", "light-mil"),
];

const OWNERS: &[(&str, &str)] = &[
    ("u-12", "ana.lopez"),
    ("u-14", "jun.tanaka"),
    ("u-19", "priya.natarajan"),
    ("u-23", "tomasz.kowalski"),
    ("u-31", "amara.okafor"),
    ("u-35", "lukas.meyer"),
    ("u-40", "sofia.rossi"),
    ("u-44", "mei.chen"),
];

const POLICIES: &[(&str, &str, CertificateType)] = &[
    ("cp-3", "Meter bootstrap RSA-2048", CertificateType::Bootstrap),
    ("cp-4", "Gateway operational ECC P-256", CertificateType::Operational),
    ("cp-6", "Thermostat bootstrap ECC P-384", CertificateType::Bootstrap),
    ("cp-9", "Charger operational RSA-3072", CertificateType::Operational),
    ("cp-11", "Camera operational ECC P-256", CertificateType::Operational),
];

const PROFILES: &[(&str, &str)] = &[
    ("ep-101", "Smart meter bootstrap"),
    ("ep-104", "Gateway fleet operational"),
    ("ep-110", "Thermostat onboarding"),
    ("ep-117", "Charger operational renewal"),
];

const DIVISIONS: &[(&str, &str)] =
    &[("div-1", "Metering"), ("div-2", "Building automation"), ("div-3", "Mobility"), ("div-4", "Industrial")];

const RELEASES: &[(&str, &str, &str)] = &[
    ("rel-41", "meter-fw", "4.2.1"),
    ("rel-44", "gateway-os", "2026.10"),
    ("rel-47", "thermo-fw", "1.9.0"),
    ("rel-52", "charger-fw", "3.0.2"),
    ("rel-55", "camera-fw", "7.4.0-lts"),
];

const CERTIFICATE_VALID_DAYS: &[i64] = &[45, 90, 365, 730, 3650];

fn named((id, name): (&str, &str)) -> NamedRef {
    NamedRef { id: id.to_owned(), name: name.to_owned() }
}

fn uuid(rng: &mut ChaCha8Rng) -> String {
    let bytes: [u8; 16] = rng.random();
    let hex: String = bytes.iter().map(|byte| format!("{byte:02x}")).collect();
    format!("{}-{}-4{}-a{}-{}", &hex[0..8], &hex[8..12], &hex[13..16], &hex[17..20], &hex[20..32])
}

/// A batch job's fields that do not depend on its status.
pub struct BatchPlan {
    pub job_type: JobType,
    pub total: u64,
    pub requires_approval: bool,
}

/// A new batch job in its first status: waiting for approval, or (auto-approved) queued.
pub fn new_batch_job(rng: &mut ChaCha8Rng, plan: &BatchPlan, now_ms: i64, pace: Pace) -> JobRecord {
    let &(group_id, group_name, prefix) = DEVICE_GROUPS.choose(rng).unwrap_or(&DEVICE_GROUPS[0]);
    let (policy_id, policy_name, certificate_type) = POLICIES.choose(rng).unwrap_or(&POLICIES[0]).clone();
    let &owner = OWNERS.choose(rng).unwrap_or(&OWNERS[0]);
    let &profile = PROFILES.choose(rng).unwrap_or(&PROFILES[0]);
    let &division = DIVISIONS.choose(rng).unwrap_or(&DIVISIONS[0]);
    let format = [CertificateFormat::Pem, CertificateFormat::Pem, CertificateFormat::Der, CertificateFormat::Json]
        .choose(rng)
        .cloned()
        .unwrap_or(CertificateFormat::Pem);
    let month = jobs_api::timestamp::format_utc_millis(now_ms)[..7].to_owned();
    // A job that waits for approval was requested when it was created, and runs from then:
    // the inbox orders by run date and shows the request time, which must agree.
    let drawn_minutes_ago = rng.random_range(1..30);
    let prepared_minutes_ago = if plan.requires_approval { 0 } else { drawn_minutes_ago };
    let mut job = JobRecord {
        id: uuid(rng),
        job_type: plan.job_type.clone(),
        requires_approval: plan.requires_approval,
        total: plan.total,
        device_group: Some(named((group_id, group_name))),
        device_prefix: prefix.to_owned(),
        owner: Some(named(owner)),
        run_date_ms: Some(now_ms),
        created_at_ms: now_ms - prepared_minutes_ago * MINUTE_MS,
        updated_at_ms: now_ms,
        certificate_policy: Some(named((policy_id, policy_name))),
        certificate_type: Some(certificate_type),
        certificate_valid_days: CERTIFICATE_VALID_DAYS.choose(rng).copied(),
        batch_csv: Some(BatchCsv {
            file_name: format!("{prefix}-{month}.csv"),
            file_size: Some((plan.total * rng.random_range(180..420) + 64).into()),
            download_format: Some(if format == CertificateFormat::Der { "DER zipped" } else { "Base64.PEM zipped" }.to_owned()),
        }),
        enrollment_profile: Some(named(profile)),
        division: Some(named(division)),
        certificate_format: Some(format),
        failure_per_mille: if rng.random_bool(0.3) { 0 } else { rng.random_range(1..25) },
        ..Default::default()
    };
    if plan.requires_approval {
        job.set_batch_status(&BatchStatus::PendingApproval);
    } else {
        job.set_batch_status(&BatchStatus::Approved);
        job.progress_started_ms = Some(now_ms + pace.queue_ms());
        job.progress_ends_ms = Some(now_ms + pace.queue_ms() + pace.processing_ms(plan.total));
    }
    job
}

fn batch_total(rng: &mut ChaCha8Rng) -> u64 {
    match rng.random_range(0..10) {
        0 => rng.random_range(2_000..6_000),
        1..=3 => rng.random_range(300..2_000),
        _ => rng.random_range(10..300),
    }
}

/// A batch job somewhere in its life, run `age_ms` before `now_ms`.
fn seeded_batch_job(rng: &mut ChaCha8Rng, job_type: JobType, now_ms: i64, age_ms: i64, pace: Pace) -> JobRecord {
    let requires_approval = rng.random_bool(0.5);
    let plan = BatchPlan { job_type, total: batch_total(rng), requires_approval };
    let run_ms = now_ms - age_ms;
    let mut job = new_batch_job(rng, &plan, run_ms, pace);
    job.progress_started_ms = None;
    job.progress_ends_ms = None;
    let approver = OWNERS.choose(rng).map(|owner| owner.1.to_owned());
    let roll = rng.random_range(0..100);
    let status = match roll {
        0..=9 if requires_approval => BatchStatus::PendingApproval,
        10..=15 if requires_approval => BatchStatus::Rejected,
        13..=19 => BatchStatus::InProgress,
        20..=24 => BatchStatus::Failed,
        _ => BatchStatus::Complete,
    };
    if requires_approval && status != BatchStatus::PendingApproval {
        // Requested, then decided, then run.
        job.created_at_ms = run_ms - 20 * MINUTE_MS;
        job.decided_by = approver;
        job.decided_at_ms = Some(run_ms);
    }
    match status {
        BatchStatus::PendingApproval => {
            // Waiting jobs are recent: nobody leaves one for months.
            job.run_date_ms = Some(now_ms - rng.random_range(5..4 * 24 * 60) * MINUTE_MS);
            job.created_at_ms = job.run_date_ms.unwrap_or(run_ms);
        }
        BatchStatus::Rejected => {}
        BatchStatus::InProgress => {
            // Started a while ago, finishing over the coming minutes to hours.
            job.run_date_ms = Some(now_ms - rng.random_range(2..90) * MINUTE_MS);
            job.progress_started_ms = job.run_date_ms;
            job.progress_ends_ms = Some(now_ms + pace.processing_ms(job.total) * rng.random_range(4..120));
            job.set_batch_status(&BatchStatus::InProgress);
            crate::progress::advance(&mut job, now_ms);
        }
        BatchStatus::Failed => {
            job.failure_per_mille = 1000;
            job.failed = job.total;
        }
        _ => {
            job.failed = job.total * job.failure_per_mille / 1000;
            job.successful = job.total - job.failed;
        }
    }
    if !matches!(status, BatchStatus::InProgress) {
        job.set_batch_status(&status);
    }
    job.updated_at_ms = job.run_date_ms.unwrap_or(run_ms);
    job
}

fn seeded_deployment(rng: &mut ChaCha8Rng, now_ms: i64, age_ms: i64, number: usize, pace: Pace) -> JobRecord {
    let &(group_id, group_name, prefix) = DEVICE_GROUPS.choose(rng).unwrap_or(&DEVICE_GROUPS[0]);
    let &(release_id, release_name, version) = RELEASES.choose(rng).unwrap_or(&RELEASES[0]);
    let &owner = OWNERS.choose(rng).unwrap_or(&OWNERS[0]);
    let total = rng.random_range(5..800);
    let run_ms = now_ms - age_ms;
    let created_at_ms = run_ms - rng.random_range(10..3 * 24 * 60) * MINUTE_MS;
    let mut job = JobRecord {
        // Named after the day it was created, as the console's job ids are.
        id: format!("J-{}-{:04}", jobs_api::timestamp::format_utc_millis(created_at_ms)[..10].replace('-', ""), number),
        job_type: JobType::Deployment,
        total,
        device_group: Some(named((group_id, group_name))),
        device_prefix: prefix.to_owned(),
        owner: Some(named(owner)),
        run_date_ms: Some(run_ms),
        created_at_ms,
        updated_at_ms: run_ms,
        release: Some(Release { id: release_id.into(), name: release_name.into(), version: Some(version.into()) }),
        failure_per_mille: rng.random_range(0..40),
        ..Default::default()
    };
    let (status, state) = match rng.random_range(0..100) {
        0..=9 => {
            job.run_date_ms = Some(now_ms + rng.random_range(1..21) * DAY_MS + rng.random_range(0..24 * 60) * MINUTE_MS);
            (JobStatus::Pending, JobState::Scheduled)
        }
        10..=19 => {
            job.run_date_ms = Some(now_ms - rng.random_range(2..240) * MINUTE_MS);
            job.progress_started_ms = job.run_date_ms;
            job.progress_ends_ms = Some(now_ms + pace.processing_ms(total) * rng.random_range(4..120));
            (JobStatus::InProgress, JobState::Active)
        }
        20..=34 => {
            job.failed = total * job.failure_per_mille / 1000;
            job.successful = rng.random_range(0..=(total - job.failed));
            (JobStatus::Terminated, JobState::Aborted)
        }
        _ => {
            job.failed = total * job.failure_per_mille / 1000;
            job.successful = total - job.failed;
            (JobStatus::Executed, JobState::Completed)
        }
    };
    job.status = status;
    job.state = Some(state);
    crate::progress::advance(&mut job, now_ms);
    job
}

/// A job saved but never started.
fn seeded_draft(rng: &mut ChaCha8Rng, now_ms: i64, age_ms: i64, number: usize, pace: Pace) -> JobRecord {
    let job_type = [JobType::BatchDeviceRegistration, JobType::BatchCertificateIssuance, JobType::Deployment]
        .choose(rng)
        .cloned()
        .unwrap_or(JobType::Deployment);
    let mut job = if job_type == JobType::Deployment {
        seeded_deployment(rng, now_ms, age_ms, number, pace)
    } else {
        let plan = BatchPlan { job_type, total: batch_total(rng), requires_approval: false };
        new_batch_job(rng, &plan, now_ms - age_ms, pace)
    };
    job.draft = true;
    job.status = JobStatus::Pending;
    job.state = None;
    job.batch_status = None;
    job.run_date_ms = None;
    job.progress_started_ms = None;
    job.progress_ends_ms = None;
    job.successful = 0;
    job.failed = 0;
    job
}

/// Log entries for a finished batch job: downloads after it completed.
pub fn seeded_log(rng: &mut ChaCha8Rng, job: &JobRecord, now_ms: i64) -> Vec<(JobLogEntry, i64)> {
    if job.batch_status != Some(BatchStatus::Complete) {
        return Vec::new();
    }
    let start = job.updated_at_ms + 5 * MINUTE_MS;
    let count = rng.random_range(0..6);
    (0..count)
        .filter_map(|_| {
            let date = rng.random_range(start..=start.max(now_ms));
            let registration = job.job_type == JobType::BatchDeviceRegistration;
            let action =
                if registration && rng.random_bool(0.4) { LogAction::ConfigurationDownload } else { LogAction::CertificateDownload };
            let source = if rng.random_bool(0.5) { DownloadSource::DigicertOne } else { DownloadSource::Api };
            let user = OWNERS.choose(rng).map(|owner| owner.1.to_owned());
            (date <= now_ms).then(|| (JobLogEntry { id: String::new(), action, downloaded_from: source, user, date: None }, date))
        })
        .collect()
}

/// `count` jobs for `seed`, with run dates over the last six months (and some ahead).
pub fn jobs(seed: u64, count: usize, now_ms: i64, pace: Pace) -> Vec<(JobRecord, Vec<(JobLogEntry, i64)>)> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    (0..count)
        .map(|number| {
            let age_ms = rng.random_range(0..180 * DAY_MS);
            let job = match rng.random_range(0..100) {
                0..=9 => seeded_draft(&mut rng, now_ms, age_ms, number, pace),
                10..=39 => seeded_batch_job(&mut rng, JobType::BatchDeviceRegistration, now_ms, age_ms, pace),
                40..=64 => seeded_batch_job(&mut rng, JobType::BatchCertificateIssuance, now_ms, age_ms, pace),
                _ => seeded_deployment(&mut rng, now_ms, age_ms, number, pace),
            };
            let log = seeded_log(&mut rng, &job, now_ms);
            (job, log)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    const NOW: i64 = 1_795_000_000_000;

    #[test]
    fn the_same_seed_gives_the_same_jobs() {
        let pace = Pace { speed: 1.0 };
        let first: Vec<_> = jobs(7, 50, NOW, pace).into_iter().map(|(job, _)| job).collect();
        let second: Vec<_> = jobs(7, 50, NOW, pace).into_iter().map(|(job, _)| job).collect();
        assert_eq!(first, second);
        let other: Vec<_> = jobs(8, 50, NOW, pace).into_iter().map(|(job, _)| job).collect();
        assert_ne!(first, other);
    }

    #[test]
    fn the_default_data_covers_every_combination_operators_meet() {
        let seeded = jobs(42, 300, NOW, Pace { speed: 1.0 });
        let seen: HashSet<_> = seeded
            .iter()
            .map(|(job, _)| (job.job_type.clone(), job.status.clone(), job.state.clone(), job.batch_status.clone(), job.draft))
            .collect();
        let has = |job_type: &str, status: &str, state: Option<&str>, batch: Option<&str>, draft: bool| {
            let wanted = (
                JobType::from_wire(job_type),
                JobStatus::from_wire(status),
                state.map(JobState::from_wire),
                batch.map(BatchStatus::from_wire),
                draft,
            );
            seen.contains(&wanted)
        };
        for job_type in ["BATCH_DEVICE_REGISTRATION", "BATCH_CERTIFICATE_ISSUANCE"] {
            assert!(has(job_type, "PENDING", None, Some("PENDING_APPROVAL"), false), "{job_type} waiting");
            assert!(has(job_type, "IN_PROGRESS", Some("ACTIVE"), Some("IN_PROGRESS"), false), "{job_type} active");
            assert!(has(job_type, "EXECUTED", Some("SUCCESS"), Some("COMPLETE"), false), "{job_type} success");
            assert!(has(job_type, "TERMINATED", Some("FAILED"), Some("FAILED"), false), "{job_type} failed");
            assert!(has(job_type, "REJECTED", None, Some("REJECTED"), false), "{job_type} rejected");
            assert!(has(job_type, "PENDING", None, None, true), "{job_type} draft");
        }
        for state in ["SCHEDULED", "ACTIVE", "COMPLETED", "ABORTED"] {
            assert!(
                seeded
                    .iter()
                    .any(|(job, _)| job.job_type == JobType::Deployment && job.state == Some(JobState::from_wire(state)) && !job.draft),
                "{state}"
            );
        }
        assert!(has("DEPLOYMENT", "PENDING", None, None, true));
        let auto_approved = seeded.iter().filter(|(job, _)| job.is_batch() && !job.requires_approval).count();
        assert!(auto_approved > 20);
        assert!(seeded.iter().any(|(job, _)| job.successful >= 2000), "a job with thousands of certificates");
        assert!(seeded.iter().filter(|(_, log)| !log.is_empty()).count() > 10);
        let ids: HashSet<_> = seeded.iter().map(|(job, _)| job.id.clone()).collect();
        assert_eq!(ids.len(), 300, "ids are unique");
    }
}
