//! docs/permissions.md gives the scanner's own IAM policy: it must be read-only.

use std::path::Path;

fn documented_policy() -> serde_json::Value {
    let text =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/permissions.md"))
            .unwrap();
    let start = text.find("```json").expect("a ```json block") + "```json".len();
    let end = start + text[start..].find("```").expect("closing fence");
    serde_json::from_str(&text[start..end]).expect("the documented policy is valid JSON")
}

fn is_read_only(action: &str) -> bool {
    let Some((service, name)) = action.split_once(':') else {
        return false;
    };
    let service_ok = !service.is_empty()
        && service
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    // `ec2:SearchTransitGatewayRoutes` and `inspector2:BatchGetAccountStatus` are reads: AWS
    // lists them under the Read access level.
    let verb_ok = ["List", "Get", "Describe", "Search", "BatchGet"]
        .iter()
        .any(|v| name.starts_with(v))
        || (name.starts_with("Generate") && name.ends_with("Report"));
    service_ok && verb_ok && !name.contains('*')
}

/// API Gateway's IAM actions are HTTP verbs: `apigateway:GET` is a read, and on REST APIs and
/// their stages only (never `*`, which would also return API key values).
fn reads_api_definitions_only(action: &str, resource: &serde_json::Value) -> bool {
    action == "apigateway:GET"
        && resource.as_array().is_some_and(|r| {
            !r.is_empty()
                && r.iter().all(|x| {
                    let x = x.as_str().unwrap_or("*");
                    x.starts_with("arn:aws:apigateway:*::/restapis")
                        && !x.contains("apikeys")
                        && (x.ends_with("/restapis") || x.ends_with("/stages"))
                })
        })
}

#[test]
fn scanner_policy_is_read_only() {
    let policy = documented_policy();
    let statements = policy["Statement"].as_array().unwrap();
    assert!(!statements.is_empty());
    for s in statements {
        assert_eq!(s["Effect"], "Allow");
        for a in s["Action"].as_array().unwrap() {
            let a = a.as_str().unwrap();
            assert!(
                is_read_only(a) || reads_api_definitions_only(a, &s["Resource"]),
                "{a} is not a read-only action (on {})",
                s["Resource"]
            );
        }
    }
}

#[test]
fn the_check_rejects_write_actions() {
    assert!(is_read_only("iam:GenerateCredentialReport"));
    assert!(!is_read_only("iam:CreateUser"));
    assert!(!is_read_only("s3:PutBucketPolicy"));
    assert!(!is_read_only("ec2:*"));
    assert!(is_read_only("ec2:SearchTransitGatewayRoutes"));
    assert!(is_read_only("inspector2:BatchGetAccountStatus"));
    assert!(!is_read_only(
        "inspector2:BatchUpdateMemberEc2DeepInspectionStatus"
    ));
    assert!(!is_read_only("iam:GenerateServiceLastAccessedDetails"));
    assert!(!is_read_only("apigateway:GET"));
    assert!(!reads_api_definitions_only(
        "apigateway:GET",
        &serde_json::json!("*")
    ));
    assert!(!reads_api_definitions_only(
        "apigateway:GET",
        &serde_json::json!(["arn:aws:apigateway:*::/apikeys/*"])
    ));
    assert!(reads_api_definitions_only(
        "apigateway:GET",
        &serde_json::json!(["arn:aws:apigateway:*::/restapis/*/stages"])
    ));
    assert!(!reads_api_definitions_only(
        "apigateway:DELETE",
        &serde_json::json!(["arn:aws:apigateway:*::/restapis"])
    ));
}
