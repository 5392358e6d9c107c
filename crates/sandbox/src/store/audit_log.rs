//! The audit log [documented fields]: the sandbox's decisions (kept on the job's row) and
//! downloads (the job log), newest first, as DigiCert's IoT audit log lists them. At the
//! same millisecond a download sorts above a decision: it can only follow one.

use jobs_api::audit_log::AuditRecord;
use jobs_api::timestamp::format_utc_millis;
use jobs_api::{BatchStatus, LogAction};
use rusqlite::{params, Connection};

pub fn audit_log(connection: &Connection, limit: u64, offset: u64) -> rusqlite::Result<(u64, Vec<AuditRecord>)> {
    let total = connection.query_row(
        "SELECT (SELECT COUNT(*) FROM jobs WHERE decided_at_ms IS NOT NULL) + (SELECT COUNT(*) FROM job_log)",
        [],
        |row| row.get(0),
    )?;
    let mut statement = connection.prepare_cached(
        "SELECT kind, seq, job_id, detail, user, date_ms FROM (
             SELECT 'decision' AS kind, seq, id AS job_id, batch_status AS detail, decided_by AS user, decided_at_ms AS date_ms
             FROM jobs WHERE decided_at_ms IS NOT NULL
             UNION ALL
             SELECT 'download', seq, job_id, action, user, date_ms FROM job_log)
         ORDER BY date_ms DESC, kind DESC, seq DESC LIMIT ?1 OFFSET ?2",
    )?;
    let rows = statement.query_map(params![limit as i64, offset.min(i64::MAX as u64) as i64], |row| {
        let kind: String = row.get(0)?;
        let seq: i64 = row.get(1)?;
        let job_id: String = row.get(2)?;
        let detail: Option<String> = row.get(3)?;
        let user: Option<String> = row.get(4)?;
        let created_at = format_utc_millis(row.get(5)?);
        let user = user.unwrap_or_default();
        Ok(if kind == "decision" {
            let outcome = if BatchStatus::from_wire(detail.as_deref().unwrap_or_default()).is_rejection() {
                BatchStatus::Rejected
            } else {
                BatchStatus::Approved
            };
            AuditRecord { id: Some(format!("audit-decision-{seq}")), ..AuditRecord::of_decision(&job_id, &outcome, &user, created_at) }
        } else {
            let action = LogAction::from_wire(detail.as_deref().unwrap_or_default());
            AuditRecord {
                id: Some(format!("audit-download-{seq}")),
                resource_type: Some("job".into()),
                resource_name: Some(job_id.clone()),
                resource: Some(job_id.clone()),
                authentication_type: Some("user".into()),
                authentication: Some(user),
                action: Some("download".into()),
                description: Some(format!("{} of job {job_id}", action.label())),
                status: Some("success".into()),
                created_at: Some(created_at),
                ..Default::default()
            }
        })
    })?;
    Ok((total, rows.collect::<rusqlite::Result<_>>()?))
}
