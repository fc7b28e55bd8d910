//! Whole organizations on moto: an Organization of 100 member accounts in organizational units,
//! with SCPs and a few misconfigured accounts, collected by one process and by 4 shards run as
//! separate processes, merged, and scanned: the merged scan must equal the single one (SARIF
//! byte for byte). A shard killed midway leaves nothing behind and its rerun gives the same
//! result; an account in two shards is refused. The single process goes through a proxy that
//! counts its connections: the whole organization shares one connection pool.

use crate::common::{
    json, json_differences, merged_snapshot, palisade, read_request, run, snapshot_documents,
};
use crate::moto::{account_env, sdk, Moto, ACCOUNT};
use std::collections::{BTreeMap, BTreeSet};
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

const MEMBERS: usize = 100;
const SHARDS: u32 = 4;
const ROLE: &str = "OrganizationAccountAccessRole";
/// Member accounts (by creation order) that get an administrator user.
const MISCONFIGURED: [usize; 4] = [3, 17, 42, 77];

struct Org {
    moto: Moto,
    /// Member account ids in creation order (the management account is [`ACCOUNT`]).
    members: Vec<String>,
    dir: tempfile::TempDir,
}

/// Units: Workloads/Prod, Workloads/Dev and Sandbox, accounts spread over them and the root;
/// an SCP on Prod, one on Sandbox, one on a single account.
fn organization() -> Org {
    let moto = crate::moto::start_lean();
    let members = tokio::runtime::Runtime::new().unwrap().block_on(async {
        use aws_sdk_organizations::types::{OrganizationFeatureSet, PolicyType};
        let conf = sdk(&moto.endpoint).await;
        let org = aws_sdk_organizations::Client::new(&conf);
        org.create_organization()
            .feature_set(OrganizationFeatureSet::All)
            .send()
            .await
            .unwrap();
        let root = org.list_roots().send().await.unwrap().roots()[0]
            .id()
            .unwrap()
            .to_string();
        let unit = |parent: String, name: &'static str| {
            let org = org.clone();
            async move {
                org.create_organizational_unit()
                    .parent_id(parent)
                    .name(name)
                    .send()
                    .await
                    .unwrap()
                    .organizational_unit()
                    .unwrap()
                    .id()
                    .unwrap()
                    .to_string()
            }
        };
        let workloads = unit(root.clone(), "Workloads").await;
        let prod = unit(workloads.clone(), "Prod").await;
        let dev = unit(workloads, "Dev").await;
        let sandbox = unit(root.clone(), "Sandbox").await;
        let mut members = Vec::new();
        for i in 0..MEMBERS {
            let created = org
                .create_account()
                .account_name(format!("member-{i:03}"))
                .email(format!("member-{i:03}@example.com"))
                .send()
                .await
                .unwrap();
            let id = created
                .create_account_status()
                .unwrap()
                .account_id()
                .unwrap()
                .to_string();
            let destination = match i % 4 {
                0 => Some(&prod),
                1 => Some(&dev),
                2 => Some(&sandbox),
                _ => None,
            };
            if let Some(destination) = destination {
                org.move_account()
                    .account_id(&id)
                    .source_parent_id(&root)
                    .destination_parent_id(destination)
                    .send()
                    .await
                    .unwrap();
            }
            members.push(id);
        }
        let scp = |name: &'static str, sid: &'static str, action: &'static str| {
            let org = org.clone();
            async move {
                let content = format!(
                    r#"{{"Version":"2012-10-17","Statement":[{{"Sid":"{sid}","Effect":"Deny","Action":"{action}","Resource":"*"}}]}}"#
                );
                org.create_policy()
                    .name(name)
                    .description(name)
                    .r#type(PolicyType::ServiceControlPolicy)
                    .content(content)
                    .send()
                    .await
                    .unwrap()
                    .policy()
                    .unwrap()
                    .policy_summary()
                    .unwrap()
                    .id()
                    .unwrap()
                    .to_string()
            }
        };
        for (policy, target) in [
            (scp("deny-iam-writes", "NoIamWrites", "iam:Create*").await, prod),
            (scp("sandbox-no-kms", "NoKms", "kms:*").await, sandbox),
            (scp("one-account", "NoS3Deletes", "s3:Delete*").await, members[5].clone()),
        ] {
            org.attach_policy()
                .policy_id(policy)
                .target_id(target)
                .send()
                .await
                .unwrap();
        }
        // An administrator user in a few member accounts, seeded with their own credentials.
        let sts = aws_sdk_sts::Client::new(&conf);
        for i in MISCONFIGURED {
            let creds = sts
                .assume_role()
                .role_arn(format!("arn:aws:iam::{}:role/{ROLE}", members[i]))
                .role_session_name("seed")
                .send()
                .await
                .unwrap();
            let c = creds.credentials().unwrap();
            let member_conf = aws_sdk_iam::config::Builder::from(&conf)
                .credentials_provider(aws_sdk_iam::config::Credentials::new(
                    c.access_key_id(),
                    c.secret_access_key(),
                    Some(c.session_token().to_string()),
                    None,
                    "tests",
                ))
                .build();
            let iam = aws_sdk_iam::Client::from_conf(member_conf);
            iam.create_user().user_name("breakglass").send().await.unwrap();
            iam.put_user_policy()
                .user_name("breakglass")
                .policy_name("everything")
                .policy_document(
                    r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#,
                )
                .send()
                .await
                .unwrap();
        }
        members
    });
    Org {
        moto,
        members,
        dir: tempfile::tempdir().unwrap(),
    }
}

impl Org {
    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// `palisade collect --org` with `extra` arguments, as a command to run or spawn.
    fn collect(&self, extra: &[&str], output: &Path) -> Command {
        self.collect_at(&self.moto.endpoint, extra, output)
    }

    /// The same, with `endpoint` in front of moto.
    fn collect_at(&self, endpoint: &str, extra: &[&str], output: &Path) -> Command {
        let mut cmd = Command::new(assert_cmd::cargo::cargo_bin("palisade"));
        cmd.envs(account_env(endpoint))
            .env("NO_COLOR", "1")
            .env_remove("PALISADE_LOG")
            .env_remove("JOB_COMPLETION_INDEX")
            .env_remove("AWS_BATCH_JOB_ARRAY_INDEX")
            .args([
                "collect",
                "--region",
                "us-east-1",
                "--org",
                "--role-name",
                ROLE,
            ])
            .args(extra)
            .arg("-o")
            .arg(output)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        cmd
    }

    /// The SARIF and the JSON report (collection time removed) of a scan of `snapshots`.
    fn scan(&self, snapshots: &[&Path]) -> (String, serde_json::Value) {
        let sarif = self.path("scan.sarif");
        let mut cmd = palisade();
        cmd.args(["scan", "--format", "json", "--fail-on", "none", "--sarif"])
            .arg(&sarif);
        for s in snapshots {
            cmd.arg("--snapshot").arg(s);
        }
        let (code, out, err) = run(&mut cmd);
        assert_eq!(code, 0, "{err}");
        let mut report = json(&out);
        report["snapshot"]
            .as_object_mut()
            .unwrap()
            .remove("collected_at");
        (std::fs::read_to_string(&sarif).unwrap(), report)
    }
}

/// Connections clients opened through a [`counting_proxy`], and the roles they assumed.
#[derive(Default)]
struct Connections {
    opened: AtomicUsize,
    open: AtomicUsize,
    /// The most open at once.
    peak: AtomicUsize,
    /// `sts:AssumeRole` requests.
    assume_role: AtomicUsize,
}

/// An HTTP/1.1 proxy on a free loopback port in front of `upstream` (`http://host:port`) that
/// counts the connections its clients hold. It keeps them open between requests, as AWS does:
/// moto closes every connection after one answer (`Connection: close`), which would hide how
/// a client reuses its connections. It lives as long as the test binary.
fn counting_proxy(upstream: &str) -> (String, Arc<Connections>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let upstream = upstream.trim_start_matches("http://").to_string();
    let connections = Arc::new(Connections::default());
    let count = connections.clone();
    std::thread::spawn(move || {
        for client in listener.incoming().flatten() {
            count.opened.fetch_add(1, Ordering::SeqCst);
            let open = count.open.fetch_add(1, Ordering::SeqCst) + 1;
            count.peak.fetch_max(open, Ordering::SeqCst);
            let (upstream, count) = (upstream.clone(), count.clone());
            std::thread::spawn(move || {
                keep_alive(client, &upstream, &count);
                count.open.fetch_sub(1, Ordering::SeqCst);
            });
        }
    });
    (format!("http://{addr}"), connections)
}

/// Serves one client connection's requests, one after another, each on a new connection to
/// `upstream`; every answer is framed by its length, so the client's connection stays open.
fn keep_alive(mut client: TcpStream, upstream: &str, count: &Connections) {
    // Header lines other than the ones that frame a message or end a connection.
    let kept = |head: &str| -> String {
        head.split("\r\n")
            .filter(|l| !l.is_empty())
            .filter(|l| {
                let l = l.to_ascii_lowercase();
                ![
                    "connection:",
                    "content-length:",
                    "transfer-encoding:",
                    "keep-alive:",
                ]
                .iter()
                .any(|h| l.starts_with(h))
            })
            .map(|l| format!("{l}\r\n"))
            .collect()
    };
    while let Some((head, body)) = read_request(&mut client) {
        if body
            .split(|b| *b == b'&')
            .any(|kv| kv == b"Action=AssumeRole")
        {
            count.assume_role.fetch_add(1, Ordering::SeqCst);
        }
        let Ok(mut up) = TcpStream::connect(upstream) else {
            return;
        };
        let request = format!(
            "{}Content-Length: {}\r\nConnection: close\r\n\r\n",
            kept(&head),
            body.len()
        );
        let mut response = Vec::new();
        if up.write_all(request.as_bytes()).is_err()
            || up.write_all(&body).is_err()
            || up.read_to_end(&mut response).is_err()
        {
            return;
        }
        let Some(end) = response.windows(4).position(|w| w == b"\r\n\r\n") else {
            return;
        };
        let answer = format!(
            "{}Content-Length: {}\r\n\r\n",
            kept(&String::from_utf8_lossy(&response[..end])),
            response.len() - end - 4
        );
        if client.write_all(answer.as_bytes()).is_err()
            || client.write_all(&response[end + 4..]).is_err()
        {
            return;
        }
    }
}

fn finish(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "{err}");
    err
}

fn account_ids(snapshot: &serde_json::Value) -> BTreeSet<String> {
    snapshot["accounts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap().to_string())
        .collect()
}

fn assert_same_scan(left: &(String, serde_json::Value), right: &(String, serde_json::Value)) {
    let differences = json_differences(&left.1, &right.1, "single", "merged");
    assert!(differences.is_empty(), "{}", differences.join("\n"));
    assert!(left.0 == right.0, "the SARIF differs");
}

#[test]
fn sharded_collection_merges_into_the_single_process_scan() {
    let org = organization();
    let everyone: BTreeSet<String> = std::iter::once(ACCOUNT.to_string())
        .chain(org.members.iter().cloned())
        .collect();

    // One process, through a proxy that counts its connections.
    let single = org.path("single.json");
    let (endpoint, connections) = counting_proxy(&org.moto.endpoint);
    let started = Instant::now();
    let err = finish(&mut org.collect_at(&endpoint, &[], &single));
    let single_wall = started.elapsed();
    let whole = merged_snapshot(&single);
    assert_eq!(account_ids(&whole), everyone);
    // Every account, service and region shares one connection pool, and at most
    // --concurrency (32) calls are in flight, role assumptions included: the connections open
    // at once stay near 32 (a pool may open one more while another is on its way back). With
    // a pool per service client, every account in the window (all 101 here) would keep one
    // per service: thousands. More are opened in all than are open at once: the SDK drops a
    // connection after a 5xx answer, which moto gives for the operations it lacks.
    let calls: usize = err
        .lines()
        .find_map(|l| l.split(" API calls").next()?.parse().ok())
        .unwrap_or_else(|| panic!("no call count in: {err}"));
    let (peak, opened) = (
        connections.peak.load(Ordering::SeqCst),
        connections.opened.load(Ordering::SeqCst),
    );
    assert!(calls > 20 * everyone.len(), "{calls} calls");
    // One role assumption per member account, whatever the number of its service clients:
    // every account here is in the window at once, more than a shared credentials cache's 64.
    assert_eq!(
        connections.assume_role.load(Ordering::SeqCst),
        org.members.len()
    );
    assert!(
        (1..=64).contains(&peak),
        "{peak} connections open at once ({opened} in all) for {calls} calls over {} accounts",
        everyone.len()
    );

    // 4 shards as separate processes, at once; shard 3 takes its index from the environment
    // as in a Kubernetes Indexed Job.
    let shard_path = |k: u32| org.path(&format!("shard-{k}.json.gz"));
    let children: Vec<_> = (0..SHARDS)
        .map(|k| {
            let (arg, env) = if k == 3 {
                (format!("auto/{SHARDS}"), Some(k.to_string()))
            } else {
                (format!("{k}/{SHARDS}"), None)
            };
            let mut cmd = org.collect(&["--shard", &arg], &shard_path(k));
            if let Some(index) = env {
                cmd.env("JOB_COMPLETION_INDEX", index);
            }
            cmd.spawn().unwrap()
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let shards: Vec<serde_json::Value> = (0..SHARDS)
        .map(|k| merged_snapshot(&shard_path(k)))
        .collect();
    let mut seen = BTreeSet::new();
    for (k, shard) in shards.iter().enumerate() {
        let ids = account_ids(shard);
        assert!(seen.is_disjoint(&ids), "shard {k} repeats an account");
        // Written as it went: a document per account, then the run's own.
        let documents = snapshot_documents(&shard_path(k as u32));
        assert_eq!(documents.len(), ids.len() + 1, "shard {k}");
        // Balanced: 101 accounts over 4 shards by hash.
        assert!((10..=45).contains(&ids.len()), "shard {k}: {}", ids.len());
        seen.extend(ids);
        // Each shard says what it did; only shard 0 read the organization.
        assert_eq!(shard["runs"][0]["shard"], format!("{k}/{SHARDS}"));
        assert_eq!(shard["organization"].is_object(), k == 0, "shard {k}");
        assert!(shard["runs"][0]["api_calls"].as_u64().unwrap() > 0);
    }
    assert_eq!(seen, everyone);

    // The organization as shard 0 read it: every account placed in its unit, SCPs by level.
    let structure = &shards[0]["organization"];
    let place: BTreeMap<&str, Vec<&str>> = structure["accounts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            let units = a["units"].as_array().unwrap_or_else(|| panic!("{a}"));
            (
                a["id"].as_str().unwrap(),
                units.iter().map(|u| u["name"].as_str().unwrap()).collect(),
            )
        })
        .collect();
    assert_eq!(place[org.members[0].as_str()], ["Workloads", "Prod"]);
    assert_eq!(place[org.members[1].as_str()], ["Workloads", "Dev"]);
    assert_eq!(place[org.members[2].as_str()], ["Sandbox"]);
    assert!(place[org.members[3].as_str()].is_empty());

    // Merged, and given as several --snapshot: the same scan as the single process.
    let merged = org.path("merged.json.gz");
    let (code, _, err) = run(palisade()
        .arg("merge")
        .args((0..SHARDS).map(shard_path))
        .arg("-o")
        .arg(&merged));
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("101 account(s)"), "{err}");
    let joined = merged_snapshot(&merged);
    assert_eq!(joined["runs"].as_array().unwrap().len(), 4);
    // The member in Prod got the root's policy, Prod's guardrail and nothing of its own.
    let prod_member = joined["accounts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == org.members[0].as_str())
        .unwrap();
    let levels: Vec<Vec<&str>> = prod_member["organization"]["service_control_policies"]
        .as_array()
        .unwrap_or_else(|| panic!("{prod_member}"))
        .iter()
        .map(|l| {
            l.as_array()
                .unwrap()
                .iter()
                .map(|p| p["name"].as_str().unwrap())
                .collect()
        })
        .collect();
    // (AWS attaches FullAWSAccess to every root, unit and account; so does moto.)
    assert_eq!(levels.len(), 4, "{levels:?}");
    assert!(levels[2].contains(&"deny-iam-writes"), "{levels:?}");
    assert_eq!(levels[3], ["FullAWSAccess"], "{levels:?}");

    let single_scan = org.scan(&[&single]);
    let merged_scan = org.scan(&[&merged]);
    assert_same_scan(&single_scan, &merged_scan);
    // The summary per unit (the management account sits under the root).
    let (code, markdown, err) = run(palisade()
        .args([
            "scan",
            "--format",
            "markdown",
            "--fail-on",
            "none",
            "--snapshot",
        ])
        .arg(&merged));
    assert_eq!(code, 0, "{err}");
    for row in [
        "### By organizational unit (4)",
        "| Root | 26 |",
        "| Sandbox | 25 |",
        "| Workloads / Dev | 25 |",
        "| Workloads / Prod | 25 |",
        "### By account (101)",
    ] {
        assert!(markdown.contains(row), "{row} not in\n{markdown}");
    }
    let paths: Vec<PathBuf> = (0..SHARDS).map(shard_path).collect();
    let direct = org.scan(&paths.iter().map(PathBuf::as_path).collect::<Vec<_>>());
    assert_same_scan(&single_scan, &direct);

    // The seeded administrators are found, in their own accounts.
    let failing_accounts: BTreeSet<&str> = single_scan.1["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| {
            f["status"] == "fail"
                && f["resource"]["arn"]
                    .as_str()
                    .is_some_and(|r| r.ends_with(":user/breakglass"))
        })
        .map(|f| f["resource"]["account_id"].as_str().unwrap_or_default())
        .collect();
    let expected: BTreeSet<&str> = MISCONFIGURED
        .iter()
        .map(|i| org.members[*i].as_str())
        .collect();
    assert_eq!(failing_accounts, expected);

    // A shard killed midway leaves no snapshot (at most a named partial file); run again, it
    // gives the same merged result.
    let victim = shard_path(2);
    std::fs::remove_file(&victim).unwrap();
    let dir = victim.parent().unwrap().to_path_buf();
    let names = || -> BTreeSet<String> {
        std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect()
    };
    let before = names();
    let mut child = org
        .collect(&["--shard", "2/4", "--concurrency", "1"], &victim)
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(1500));
    child.kill().unwrap();
    let _ = child.wait();
    assert!(!victim.exists(), "a killed shard left a snapshot behind");
    for left in names().difference(&before) {
        assert!(
            left.starts_with(".palisade-partial-"),
            "a killed shard left {left} behind"
        );
        std::fs::remove_file(dir.join(left)).unwrap();
    }
    finish(&mut org.collect(&["--shard", "2/4"], &victim));
    let rerun = org.scan(&paths.iter().map(PathBuf::as_path).collect::<Vec<_>>());
    assert_same_scan(&single_scan, &rerun);

    // An account in two shards is refused, naming both files.
    let copy = org.path("shard-1-again.json.gz");
    std::fs::copy(shard_path(1), &copy).unwrap();
    let (code, _, err) = run(palisade()
        .arg("merge")
        .arg(shard_path(1))
        .arg(&copy)
        .arg("-o")
        .arg(org.path("bad.json")));
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("shard-1.json.gz") && err.contains("shard-1-again.json.gz"),
        "{err}"
    );
    assert!(!org.path("bad.json").exists());
    eprintln!(
        "single-process collection of {} accounts: {single_wall:?}",
        everyone.len()
    );
}

#[test]
fn planning_lists_every_account_with_its_shard() {
    let org = organization();
    let (code, out, err) = run(palisade().envs(account_env(&org.moto.endpoint)).args([
        "accounts",
        "--org",
        "--role-name",
        ROLE,
        "--shards",
        "4",
        "--format",
        "json",
    ]));
    assert_eq!(code, 0, "{err}");
    let plan = json(&out);
    let accounts = plan["accounts"].as_array().unwrap();
    assert_eq!(accounts.len(), MEMBERS + 1);
    assert!(plan["organization"].as_str().unwrap().starts_with("o-"));
    let used: BTreeSet<u64> = accounts
        .iter()
        .map(|a| a["shard"].as_u64().unwrap())
        .collect();
    let matrix: BTreeSet<u64> = plan["matrix"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k.as_u64().unwrap())
        .collect();
    assert!(matrix.contains(&0) && used.is_subset(&matrix), "{plan}");
    // The shard `accounts` shows is the shard `collect --shard` reads: only 2/4's accounts.
    let two: BTreeSet<String> = accounts
        .iter()
        .filter(|a| a["shard"] == 2)
        .map(|a| a["id"].as_str().unwrap().to_string())
        .collect();
    let wanted: Vec<String> = two.iter().take(2).cloned().collect();
    let part = org.path("two.json");
    let err = finish(&mut org.collect(&["--accounts", &wanted.join(",")], &part));
    assert!(err.contains("collected 2 account(s)"), "{err}");
    assert_eq!(
        account_ids(&merged_snapshot(&part)),
        wanted.into_iter().collect()
    );

    // Organization-level data alone.
    let only = org.path("org-only.json");
    finish(&mut org.collect(&["--org-only"], &only));
    let structure = merged_snapshot(&only);
    assert!(account_ids(&structure).is_empty());
    assert_eq!(
        structure["organization"]["accounts"]
            .as_array()
            .unwrap()
            .len(),
        MEMBERS + 1
    );

    // Mistakes are refused before anything is read.
    let out = org
        .collect(&["--accounts", "999999999999"], &org.path("x.json"))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("999999999999"), "{err}");
    let out = org
        .collect(&["--shard", "auto/4"], &org.path("x.json"))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("JOB_COMPLETION_INDEX"), "{err}");
}
