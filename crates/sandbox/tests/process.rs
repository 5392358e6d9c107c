//! The `jobs-sandbox` binary as users run it: it prints its URL, and its state survives
//! being killed with SIGKILL.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};

struct Running {
    child: Child,
    address: String,
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(db: &std::path::Path) -> Running {
    let mut child = Command::new(env!("CARGO_BIN_EXE_jobs-sandbox"))
        .args(["--port", "0", "--jobs", "30", "--db"])
        .arg(db)
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let address = line.split("http://").nth(1).and_then(|rest| rest.split_whitespace().next()).unwrap().to_owned();
    Running { child, address }
}

/// One HTTP/1.1 request; returns the status code and the body.
fn request(address: &str, method: &str, path: &str, body: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(address).unwrap();
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: {address}\r\nx-api-key: demo-approver-key\r\ncontent-type: application/json\r\n\
         content-length: {}\r\nconnection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).unwrap();
    let status = response[9..12].parse().unwrap();
    let body = response.split_once("\r\n\r\n").map(|(_, body)| body.to_owned()).unwrap_or_default();
    (status, body)
}

#[test]
fn approval_survives_kill_9() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("state.sqlite3");
    let first = start(&db);
    let (status, created) = request(&first.address, "POST", "/_sandbox/jobs", "{\"total\": 5}");
    assert_eq!(status, 201);
    let id = serde_json::from_str::<serde_json::Value>(&created).unwrap()["id"].as_str().unwrap().to_owned();
    assert_eq!(request(&first.address, "PUT", &jobs_api::paths::approve_batch_job(&id), "").0, 204);
    drop(first); // SIGKILL: no chance to flush anything

    let second = start(&db);
    let (status, job) = request(&second.address, "GET", &jobs_api::paths::batch_job(&id), "");
    assert_eq!(status, 200);
    let status = serde_json::from_str::<serde_json::Value>(&job).unwrap()["status"].as_str().unwrap().to_owned();
    assert!(["APPROVED", "IN_PROGRESS"].contains(&status.as_str()), "{status}");
}
