//! The job log table: downloads, newest first.

use jobs_api::timestamp::format_utc_millis;
use jobs_api::*;
use rusqlite::{params, Connection};

pub fn append_log(connection: &Connection, job_id: &str, entry: &JobLogEntry, date_ms: i64) -> rusqlite::Result<()> {
    connection.execute(
        "INSERT INTO job_log (job_id, action, downloaded_from, user, date_ms) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![job_id, entry.action.as_wire(), entry.downloaded_from.as_wire(), entry.user, date_ms],
    )?;
    Ok(())
}

pub fn job_log(connection: &Connection, job_id: &str, limit: u64, offset: u64) -> rusqlite::Result<(u64, Vec<JobLogEntry>)> {
    let total = connection.query_row("SELECT COUNT(*) FROM job_log WHERE job_id = ?1", [job_id], |row| row.get(0))?;
    let mut statement = connection.prepare_cached(
        "SELECT seq, action, downloaded_from, user, date_ms FROM job_log WHERE job_id = ?1
         ORDER BY date_ms DESC, seq DESC LIMIT ?2 OFFSET ?3",
    )?;
    let rows = statement.query_map(params![job_id, limit as i64, offset.min(i64::MAX as u64) as i64], |row| {
        let action: String = row.get(1)?;
        let source: String = row.get(2)?;
        let date_ms: i64 = row.get(4)?;
        Ok(JobLogEntry {
            id: format!("log-{}", row.get::<_, i64>(0)?),
            action: LogAction::from_wire(&action),
            downloaded_from: DownloadSource::from_wire(&source),
            user: row.get(3)?,
            date: Some(format_utc_millis(date_ms)),
        })
    })?;
    Ok((total, rows.collect::<rusqlite::Result<_>>()?))
}
