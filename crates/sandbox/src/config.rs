//! Command-line options and the API keys the sandbox accepts.

use std::net::IpAddr;
use std::path::PathBuf;

use clap::Parser;

/// What a key may do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// May read everything and approve or reject batch jobs.
    Approver,
    /// May read everything; approving or rejecting answers 403.
    ReadOnly,
}

/// An accepted `x-api-key` value and who it belongs to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiKey {
    pub key: String,
    pub role: Role,
    pub user: String,
}

pub const DEMO_APPROVER_KEY: &str = "demo-approver-key";
pub const DEMO_READ_ONLY_KEY: &str = "demo-readonly-key";

/// The keys accepted when none is given on the command line.
pub fn demo_keys() -> Vec<ApiKey> {
    vec![
        ApiKey { key: DEMO_APPROVER_KEY.into(), role: Role::Approver, user: "sandbox.approver".into() },
        ApiKey { key: DEMO_READ_ONLY_KEY.into(), role: Role::ReadOnly, user: "sandbox.viewer".into() },
    ]
}

/// Parses `KEY:ROLE[:USER]`, ROLE being `approver` or `read-only`.
pub fn parse_api_key(text: &str) -> Result<ApiKey, String> {
    let mut parts = text.splitn(3, ':');
    let key = parts.next().filter(|key| !key.is_empty()).ok_or("the key is empty")?;
    let role = match parts.next() {
        Some("approver") => Role::Approver,
        Some("read-only") => Role::ReadOnly,
        _ => return Err("write KEY:approver or KEY:read-only, optionally followed by :USER".into()),
    };
    if !key.bytes().all(|byte| byte.is_ascii_graphic()) {
        return Err("a key may contain only visible ASCII characters (an HTTP header carries nothing else)".into());
    }
    let user = parts.next().map(str::to_owned).unwrap_or_else(|| format!("key-{}", &key[..key.len().min(6)]));
    Ok(ApiKey { key: key.to_owned(), role, user })
}

/// A local server that speaks the DigiCert ONE job and batch-enrollment API.
#[derive(Clone, Debug, Parser)]
#[command(name = "jobs-sandbox", version)]
pub struct Options {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1")]
    pub host: IpAddr,
    /// Port to listen on; 0 picks a free one (the chosen URL is printed).
    #[arg(long, default_value_t = 8787)]
    pub port: u16,
    /// SQLite file that keeps the state across restarts; a fresh one under target/ if omitted.
    #[arg(long)]
    pub db: Option<PathBuf>,
    /// Seed of the generated data (used only when the database is empty).
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// Number of jobs to generate into an empty database.
    #[arg(long, default_value_t = 300)]
    pub jobs: usize,
    /// How fast jobs move: 10 makes approval-to-complete ten times quicker.
    #[arg(long, default_value_t = 1.0)]
    pub speed: f64,
    /// Delay added to every API response, in milliseconds.
    #[arg(long, default_value_t = 0)]
    pub latency_ms: u64,
    /// An accepted key as KEY:approver or KEY:read-only[:USER]; repeatable. Without any,
    /// the demo keys `demo-approver-key` and `demo-readonly-key` work.
    #[arg(long = "api-key", value_parser = parse_api_key)]
    pub api_keys: Vec<ApiKey>,
    /// Let anyone who can reach a non-loopback `--host` use the `/_sandbox/` control
    /// endpoints (create jobs, arm faults). Without it, or a control token, they answer 403 there.
    #[arg(long)]
    pub allow_remote_control: bool,
    /// Require this value in the `x-sandbox-control-token` header on every `/_sandbox/` request.
    #[arg(long)]
    pub control_token: Option<String>,
    /// Percent of API requests (after authentication) that get a random fault: 5xx, 429,
    /// slow, malformed or a dropped connection. For soak runs; 0 (the default) for none.
    #[arg(long, default_value_t = 0.0)]
    pub random_faults: f64,
    /// Four-eyes: the user who requested a batch job may not approve it (403). `--four-eyes
    /// false` lets them.
    #[arg(long, default_value_t = true, action = clap::ArgAction::Set)]
    pub four_eyes: bool,
    /// Serve the endpoints the contract marks inferred (every Device Trust Manager job path,
    /// `GET batch-enroll/{id}`, `user/me`). `--inferred-endpoints false` answers them 404
    /// in DigiCert's singular error shape, as a tenant with only the documented API would.
    #[arg(long, default_value_t = true, action = clap::ArgAction::Set)]
    pub inferred_endpoints: bool,
    /// Answer in the shapes DigiCert documents elsewhere (lower-case enum values, the import
    /// job's `COMPLETED` and counter names, pages without `total`, bare arrays, DTM's
    /// singular error shape with a numeric code), so the console's decoding meets them.
    #[arg(long)]
    pub wire_variants: bool,
    /// Serve the answers `scripts/record-api` recorded into this folder instead of the
    /// sandbox's own (what was not recorded answers 404).
    #[arg(long)]
    pub replay: Option<PathBuf>,
    /// The most certificates one download signs; a larger job's download answers 400.
    #[arg(long, default_value_t = 5_000)]
    pub max_certificates_per_download: u64,
}

/// Who may use the `/_sandbox/` control endpoints.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ControlAccess {
    /// Anyone who reaches the server: it listens on loopback, or the operator allowed it.
    Open,
    /// Requests carrying this token.
    Token(String),
    /// Nobody: the server listens beyond loopback and no token or flag was given.
    Closed,
}

impl Options {
    pub fn control_access(&self) -> ControlAccess {
        match &self.control_token {
            Some(token) => ControlAccess::Token(token.clone()),
            None if self.host.is_loopback() || self.allow_remote_control => ControlAccess::Open,
            None => ControlAccess::Closed,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_parse_with_roles() {
        let key = parse_api_key("s3cret:read-only:ops.viewer").unwrap();
        assert_eq!((key.key.as_str(), key.role, key.user.as_str()), ("s3cret", Role::ReadOnly, "ops.viewer"));
        assert_eq!(parse_api_key("abc:approver").unwrap().role, Role::Approver);
        assert!(parse_api_key("abc").is_err());
        assert!(parse_api_key(":approver").is_err());
        assert!(parse_api_key("abc:admin").is_err());
        assert!(parse_api_key("clé€:approver").is_err(), "a multi-byte key is an error, not a panic");
        assert!(parse_api_key("€€€€€€€€:approver").is_err());
    }

    #[test]
    fn control_endpoints_open_only_on_loopback_unless_allowed() {
        let parse = |args: &[&str]| Options::try_parse_from([&["jobs-sandbox"], args].concat()).unwrap().control_access();
        assert_eq!(parse(&[]), ControlAccess::Open);
        assert_eq!(parse(&["--host", "::1"]), ControlAccess::Open);
        assert_eq!(parse(&["--host", "0.0.0.0"]), ControlAccess::Closed);
        assert_eq!(parse(&["--host", "0.0.0.0", "--allow-remote-control"]), ControlAccess::Open);
        assert_eq!(parse(&["--host", "0.0.0.0", "--control-token", "t"]), ControlAccess::Token("t".into()));
    }
}
