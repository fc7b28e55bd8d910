//! A real AWS emulator for the tests: moto in server mode on a free loopback port, started once
//! per test binary and stopped when the binary exits. Everything lives in moto's default account
//! (123456789012): moto 5 picks the account from access keys it issued itself, so the seeded
//! state is shared by the tests that read it, and seeded once.
//! `PALISADE_MOTO_ENDPOINT=http://127.0.0.1:PORT` uses an already running server (debugging).

use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

pub struct Moto {
    pub endpoint: String,
    // Held so the wrapper's stdin stays open; when the test binary exits, it closes and the
    // wrapper stops moto.
    _child: std::sync::Mutex<Child>,
}

fn moto_server_path() -> PathBuf {
    if let Some(p) = std::env::var_os("PALISADE_MOTO_SERVER") {
        return PathBuf::from(p);
    }
    let venv = PathBuf::from(std::env::var("HOME").unwrap_or_default())
        .join(".cache/palisade/moto-venv/bin/moto_server");
    if venv.exists() {
        return venv;
    }
    PathBuf::from("moto_server")
}

/// The Python of moto's virtualenv (next to `moto_server`): it has moto's dependencies, such
/// as `cryptography`, for the helpers in `tests/support`.
pub fn python() -> PathBuf {
    moto_server_path().with_file_name("python")
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// The shared moto server (started on first use), holding the seeded account.
pub fn moto() -> &'static Moto {
    static MOTO: OnceLock<Moto> = OnceLock::new();
    MOTO.get_or_init(|| match std::env::var("PALISADE_MOTO_ENDPOINT") {
        Ok(endpoint) => Moto {
            endpoint,
            _child: std::sync::Mutex::new(
                Command::new("true").stdin(Stdio::piped()).spawn().unwrap(),
            ),
        },
        Err(_) => start(),
    })
}

/// A moto server of its own, for a test that changes account-wide state; stopped on drop.
pub fn start() -> Moto {
    start_with(true)
}

/// A moto server without AWS managed policies: moto copies its ~1,500 into every account it
/// touches, which an organization of a hundred accounts pays for a hundred times.
pub fn start_lean() -> Moto {
    start_with(false)
}

fn start_with(managed_policies: bool) -> Moto {
    let port = free_port();
    let server = moto_server_path();
    // moto runs through tests/support/moto_server.py, with the Python of moto's virtualenv
    // (next to moto_server), so that it also answers the CBOR protocol aws-sdk-cloudwatch
    // speaks. `cat` returns when our end of its stdin closes (the Moto was dropped or this
    // process exited), then moto is killed.
    let python = python();
    let bridge = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/support/moto_server.py");
    let script = format!(
        "'{}' '{}' -H 127.0.0.1 -p {port} >/dev/null 2>&1 & pid=$!; echo started; cat >/dev/null; kill $pid",
        python.display(),
        bridge.display()
    );
    let mut child = Command::new("sh")
        .args(["-c", &script])
        .env(
            "MOTO_IAM_LOAD_MANAGED_POLICIES",
            if managed_policies { "true" } else { "false" },
        )
        .env("MOTO_EC2_LOAD_DEFAULT_AMIS", "false")
        // ACM certificates moto issues are "validated" at once rather than 60 s after the
        // request, so two collections of the seeded account see the same status.
        .env("MOTO_ACM_VALIDATION_WAIT", "0")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| {
            panic!(
                "cannot start {} (install: .ci/run does): {e}",
                server.display()
            )
        });
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            Instant::now() < deadline,
            "moto_server did not start on port {port} ({})",
            server.display()
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    Moto {
        endpoint: format!("http://127.0.0.1:{port}"),
        _child: std::sync::Mutex::new(child),
    }
}

/// moto's default account, where everything the tests seed lives.
pub const ACCOUNT: &str = "123456789012";

/// Environment for the palisade binary to read the emulated account.
pub fn account_env(endpoint: &str) -> Vec<(&'static str, String)> {
    vec![
        ("AWS_ACCESS_KEY_ID", "AKIAPALISADETEST0001".to_string()),
        ("AWS_SECRET_ACCESS_KEY", "moto-secret".to_string()),
        ("AWS_REGION", "us-east-1".to_string()),
        ("AWS_ENDPOINT_URL", endpoint.to_string()),
        ("AWS_EC2_METADATA_DISABLED", "true".to_string()),
        ("AWS_CONFIG_FILE", "/dev/null".to_string()),
        ("AWS_SHARED_CREDENTIALS_FILE", "/dev/null".to_string()),
    ]
}

/// An SDK configuration for seeding the emulated account (one call at a time: moto is not safe
/// for parallel writes).
pub async fn sdk(endpoint: &str) -> aws_config::SdkConfig {
    let creds = aws_sdk_iam::config::Credentials::new(
        "AKIAPALISADESEED0001",
        "moto-secret",
        None,
        None,
        "tests",
    );
    aws_config::defaults(aws_config::BehaviorVersion::latest())
        .region(aws_config::Region::new("us-east-1"))
        .endpoint_url(endpoint)
        .credentials_provider(creds)
        .load()
        .await
}
