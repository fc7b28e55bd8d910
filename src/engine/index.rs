//! `input.index`: a few collections grouped by the key policies join them on, built once per
//! scan. The CloudWatch monitoring policies look up, for every account, its trails, each
//! trail's log group, the alarms of the group's account and Region and the SNS topics the
//! alarms notify; scanning each collection for each account made them quadratic in the
//! accounts (2 to 3 s per policy at 400 accounts). With the index each lookup is one map
//! access. Elements are shared with their collections (regorus values are reference-counted),
//! not copied.
//!
//! Policies look elements up with `data.palisade.lib.index.lookup`, which scans the collection
//! where an input has no index (the policies' Rego tests give their own `input`); the
//! differential tests hold both ways to the same findings (`pipeline::differential`).

use regorus::Value;

/// Each index: its name under `input.index`, the collection, and the key fields, one level of
/// nesting per field (`metric_alarms_by_place[account_id][region]`). `policies/lib/index.rego`
/// repeats this list for inputs without an index; the differential tests catch a difference.
const INDEXES: &[(&str, &str, &[&str])] = &[
    (
        "credential_reports_by_account",
        "iam.credential_reports",
        &["account_id"],
    ),
    (
        "ecr_repositories_by_place",
        "compute.ecr_repositories",
        &["account_id", "region"],
    ),
    (
        "eks_clusters_by_place",
        "compute.eks_clusters",
        &["account_id", "region"],
    ),
    (
        "instances_by_place",
        "network.instances",
        &["account_id", "region"],
    ),
    (
        "lambda_functions_by_place",
        "compute.lambda_functions",
        &["account_id", "region"],
    ),
    ("log_groups_by_arn", "logging.log_groups", &["arn"]),
    (
        "metric_alarms_by_place",
        "logging.metric_alarms",
        &["account_id", "region"],
    ),
    (
        "s3_buckets_by_place",
        "storage.s3_buckets",
        &["account_id", "region"],
    ),
    ("sns_topics_by_arn", "messaging.sns_topics", &["arn"]),
    ("trails_by_account", "logging.trails", &["account_id"]),
    ("trails_by_s3_bucket", "logging.trails", &["s3_bucket"]),
];

/// Adds `index` to the input document (an object; anything else is left alone). An element
/// whose key field is not a string is left out: no lookup by a string could find it, and no
/// scan comparing that field with a string would either.
pub fn add(doc: &mut Value) {
    let mut index = Value::new_object();
    for (name, path, keys) in INDEXES {
        let mut grouped = Value::new_object();
        for item in super::collection::collection_items(doc, path) {
            let key: Option<Vec<Value>> = keys
                .iter()
                .map(|k| {
                    let v = &item[*k];
                    matches!(v, Value::String(_)).then(|| v.clone())
                })
                .collect();
            if let Some(key) = key {
                push(&mut grouped, &key, item);
            }
        }
        if let Ok(obj) = index.as_object_mut() {
            obj.insert(Value::from(*name), grouped);
        }
    }
    if let Ok(obj) = doc.as_object_mut() {
        obj.insert(Value::from("index"), index);
    }
}

/// Appends `item` to the array at `keys` in the nested objects of `node`, making them as needed.
fn push(node: &mut Value, keys: &[Value], item: Value) {
    let Some((first, rest)) = keys.split_first() else {
        if let Ok(items) = node.as_array_mut() {
            items.push(item);
        }
        return;
    };
    let Ok(obj) = node.as_object_mut() else {
        return;
    };
    if !obj.contains_key(first) {
        let empty = if rest.is_empty() {
            Value::new_array()
        } else {
            Value::new_object()
        };
        obj.insert(first.clone(), empty);
    }
    if let Some(child) = obj.get_mut(first) {
        push(child, rest, item);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_by_key_and_leaves_out_elements_without_one() {
        let mut doc = Value::from_json_str(
            r#"{"logging": {"metric_alarms": [
                {"name": "a", "account_id": "1", "region": "r1"},
                {"name": "b", "account_id": "1", "region": "r1"},
                {"name": "c", "account_id": "1", "region": "r2"},
                {"name": "d", "account_id": null, "region": "r1"}],
              "log_groups": [{"arn": "g1"}, {"arn": "g1"}, {"name": "no arn"}]}}"#,
        )
        .unwrap();
        add(&mut doc);
        let index = &doc["index"];
        let names = |v: &Value| -> Vec<String> {
            v.as_array()
                .unwrap()
                .iter()
                .map(|a| {
                    a["name"]
                        .as_string()
                        .map(|s| s.to_string())
                        .unwrap_or_default()
                })
                .collect()
        };
        assert_eq!(
            names(&index["metric_alarms_by_place"]["1"]["r1"]),
            ["a", "b"]
        );
        assert_eq!(names(&index["metric_alarms_by_place"]["1"]["r2"]), ["c"]);
        assert_eq!(
            index["log_groups_by_arn"]["g1"].as_array().unwrap().len(),
            2
        );
        assert_eq!(
            index["metric_alarms_by_place"].as_object().unwrap().len(),
            1,
            "the alarm without an account is left out"
        );
        // Collections the input lacks give empty indexes.
        assert!(index["sns_topics_by_arn"].as_object().unwrap().is_empty());
    }
}
