//! Fault injection: a small HTTP proxy in front of moto answers a share of requests with
//! throttling (HTTP 503) and chosen operations with AccessDenied. Throttling that eventually
//! succeeds must change nothing; denied operations must become gaps and `not-evaluated`.

use crate::common::{json, json_differences, palisade, read_request, run};
use crate::moto::{account_env, moto};
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

struct Faults {
    /// Every n-th request is throttled (0: none).
    throttle_every: u64,
    /// Operations answered with AccessDenied.
    deny: Vec<&'static str>,
    seen: AtomicU64,
    throttled: AtomicU64,
}

/// The API operation of a request: `Action=` for query protocols, `X-Amz-Target` for JSON.
fn operation(head: &str, body: &[u8]) -> String {
    if let Some(target) = head.lines().find_map(|l| {
        l.to_ascii_lowercase()
            .starts_with("x-amz-target:")
            .then(|| l.to_string())
    }) {
        return target.rsplit('.').next().unwrap_or("").trim().to_string();
    }
    let body = String::from_utf8_lossy(body);
    body.split('&')
        .find_map(|kv| kv.strip_prefix("Action="))
        .unwrap_or("")
        .to_string()
}

fn respond(stream: &mut TcpStream, status: &str, content_type: &str, body: &str) {
    let response = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nx-amzn-requestid: fault\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    send_and_close(stream, response.as_bytes());
}

/// Writes a whole response, then closes gracefully: our side first, then waiting for the
/// client's. Dropping the socket at once can reset the connection before the client has read
/// the body, and the SDK then sees a bare HTTP status instead of the error code.
fn send_and_close(stream: &mut TcpStream, response: &[u8]) {
    let _ = stream.write_all(response);
    let _ = stream.shutdown(std::net::Shutdown::Write);
    let _ = stream.set_read_timeout(Some(std::time::Duration::from_secs(2)));
    let mut sink = [0u8; 512];
    while matches!(stream.read(&mut sink), Ok(n) if n > 0) {}
}

fn handle(mut client: TcpStream, upstream: &str, faults: &Faults) {
    let Some((head, body)) = read_request(&mut client) else {
        return;
    };
    let n = faults.seen.fetch_add(1, Ordering::SeqCst) + 1;
    let op = operation(&head, &body);
    let json_protocol = head.to_ascii_lowercase().contains("x-amz-target:");
    if faults.deny.contains(&op.as_str()) {
        if json_protocol {
            respond(
                &mut client,
                "400 Bad Request",
                "application/x-amz-json-1.1",
                r#"{"__type":"AccessDeniedException","message":"denied by the fault proxy"}"#,
            );
        } else if head.contains("ec2")
            || String::from_utf8_lossy(&body).contains("Version=2016-11-15")
        {
            respond(&mut client, "403 Forbidden", "text/xml", "<Response><Errors><Error><Code>UnauthorizedOperation</Code><Message>denied by the fault proxy</Message></Error></Errors><RequestID>fault</RequestID></Response>");
        } else {
            respond(&mut client, "403 Forbidden", "text/xml", "<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>denied by the fault proxy</Message></Error><RequestId>fault</RequestId></ErrorResponse>");
        }
        return;
    }
    if faults.throttle_every > 0 && n.is_multiple_of(faults.throttle_every) {
        faults.throttled.fetch_add(1, Ordering::SeqCst);
        if json_protocol {
            respond(
                &mut client,
                "400 Bad Request",
                "application/x-amz-json-1.1",
                r#"{"__type":"ThrottlingException","message":"Rate exceeded"}"#,
            );
        } else {
            respond(&mut client, "503 Service Unavailable", "text/xml", "<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>");
        }
        return;
    }
    // Forward, one request per connection.
    let Ok(mut up) = TcpStream::connect(upstream) else {
        return;
    };
    let head = head.replacen("\r\n\r\n", "", 1);
    let head: String = head
        .split("\r\n")
        .filter(|l| !l.to_ascii_lowercase().starts_with("connection:"))
        .map(|l| format!("{l}\r\n"))
        .collect();
    let _ = up.write_all(format!("{head}Connection: close\r\n\r\n").as_bytes());
    let _ = up.write_all(&body);
    let mut response = Vec::new();
    let _ = up.read_to_end(&mut response);
    send_and_close(&mut client, &response);
}

/// Starts the proxy on a free loopback port; it lives as long as the test binary.
fn proxy(faults: Faults) -> (String, Arc<Faults>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let upstream = moto().endpoint.trim_start_matches("http://").to_string();
    let faults = Arc::new(faults);
    let shared = faults.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let f = shared.clone();
            let up = upstream.clone();
            std::thread::spawn(move || handle(stream, &up, &f));
        }
    });
    (format!("http://{addr}"), faults)
}

fn collect(endpoint: &str, dir: &std::path::Path, name: &str) -> (serde_json::Value, String) {
    let path = dir.join(name);
    let (code, _, err) = run(palisade().envs(account_env(endpoint)).args([
        "collect",
        "--region",
        "us-east-1",
        "--max-attempts",
        "10",
        "-o",
        path.to_str().unwrap(),
    ]));
    assert_eq!(code, 0, "{err}");
    let mut snap = json(&std::fs::read_to_string(path).unwrap());
    snap.as_object_mut().unwrap().remove("collected_at");
    // What the run did (calls, retries, wall time) is the point of the faults.
    snap.as_object_mut().unwrap().remove("runs");
    // The credential report's generation time changes between runs.
    for r in snap["iam"]["credential_reports"].as_array_mut().unwrap() {
        r.as_object_mut().unwrap().remove("generated");
    }
    // moto builds a queue's URL from the endpoint it was asked on, which is the proxy's port.
    for q in snap["messaging"]["sqs_queues"].as_array_mut().unwrap() {
        q.as_object_mut().unwrap().remove("url");
    }
    // A call that fails in both runs (moto does not implement it) is a gap in both; its error
    // is whatever the last attempt got, which under throttling may be the proxy's 503.
    for g in snap["gaps"].as_array_mut().unwrap() {
        let g = g.as_object_mut().unwrap();
        g.remove("error");
        g.remove("message");
    }
    (snap, err)
}

#[test]
fn throttling_that_succeeds_changes_nothing() {
    crate::live::seeded();
    let dir = tempfile::tempdir().unwrap();
    let (direct, _) = collect(&moto().endpoint, dir.path(), "direct.json");
    let (endpoint, faults) = proxy(Faults {
        throttle_every: 3,
        deny: vec![],
        seen: AtomicU64::new(0),
        throttled: AtomicU64::new(0),
    });
    let (throttled, err) = collect(&endpoint, dir.path(), "throttled.json");
    assert!(
        faults.throttled.load(Ordering::SeqCst) > 10,
        "the proxy throttled requests"
    );
    assert!(!err.contains(" 0 retries"), "retries are counted: {err}");
    let differences = json_differences(&direct, &throttled, "direct", "throttled");
    assert!(
        differences.is_empty(),
        "the throttled snapshot differs from the direct one:\n{}",
        differences.join("\n")
    );
}

#[test]
fn denied_operations_become_gaps_and_not_evaluated() {
    crate::live::seeded();
    let (endpoint, _) = proxy(Faults {
        throttle_every: 0,
        deny: vec!["ListKeys", "GetAccountSummary", "DescribeFlowLogs"],
        seen: AtomicU64::new(0),
        throttled: AtomicU64::new(0),
    });
    let (code, out, err) = run(palisade().envs(account_env(&endpoint)).args([
        "scan",
        "--region",
        "us-east-1",
        "--format",
        "json",
    ]));
    assert_eq!(code, 1, "{err}");
    let report = json(&out);
    let gaps = report["gaps"].as_array().unwrap();
    for (svc, op, code) in [
        ("kms", "ListKeys", "AccessDeniedException"),
        ("iam", "GetAccountSummary", "AccessDenied"),
        ("ec2", "DescribeFlowLogs", "UnauthorizedOperation"),
    ] {
        assert!(
            gaps.iter()
                .any(|g| g["service"] == svc && g["operation"] == op && g["error"] == code),
            "no gap for {svc}:{op} ({code}): {gaps:?}"
        );
    }
    let statuses = |policy: &str| -> Vec<String> {
        report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["policy_id"] == policy)
            .map(|f| f["status"].as_str().unwrap().to_string())
            .collect()
    };
    for policy in [
        "kms-key-rotation-disabled",
        "kms-key-policy-open-to-any-principal",
        "iam-root-mfa-disabled",
        "iam-root-access-key-present",
        "ec2-vpc-flow-logs-disabled",
    ] {
        let s = statuses(policy);
        assert!(
            !s.is_empty() && s.iter().all(|x| x == "not-evaluated"),
            "{policy}: {s:?}"
        );
    }
    // Untouched data is still judged.
    assert!(statuses("iam-user-console-without-mfa")
        .iter()
        .any(|s| s == "fail"));
    assert!(
        err.contains("gap: kms:ListKeys"),
        "gaps are reported at the end of the run: {err}"
    );
}
