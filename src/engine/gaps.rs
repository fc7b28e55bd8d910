//! Collection gaps turn results into `not-evaluated`: a check that could not read its data
//! neither passes nor fails.

use super::finding::{Finding, Status};
use super::input::gap_affects;
use super::set::Policy;
use crate::inventory::{Gap, ResourceRef};
use foldhash::{HashMap, HashSet};
use std::sync::Arc;

/// Is this resource inside the part of the inventory the gap left incomplete?
fn in_scope(gap: &Gap, r: &ResourceRef) -> bool {
    if let Some(res) = &gap.resource {
        return res == &r.arn;
    }
    if let Some(acct) = &gap.account_id {
        if !r.account_id.is_empty() && acct != &r.account_id {
            return false;
        }
    }
    // A global resource (an account, a user) is judged from data across regions.
    gap.region == "global" || r.region == "global" || r.region == gap.region
}

/// Does the policy read what this per-resource gap left out? Without a `needs` list it is
/// assumed to read everything about the resource.
fn needs(policy: &Policy, gap: &Gap) -> bool {
    policy.meta.needs.is_empty() || names(policy, gap)
}

/// Does the policy's `needs` list name the gap's call?
fn names(policy: &Policy, gap: &Gap) -> bool {
    policy.meta.needs.iter().any(|n| {
        n.split_once(':').is_some_and(|(svc, op)| {
            svc.eq_ignore_ascii_case(&gap.service) && op.eq_ignore_ascii_case(&gap.operation)
        })
    })
}

/// A gap with what every policy it blinds says of it, built once per scan and shared by the
/// results of every such policy: its evidence (the gap itself, as JSON), its description,
/// and the resource that stands for the scope it left unchecked.
pub struct Prepared<'a> {
    gap: &'a Gap,
    /// The gap's call among the scan's distinct calls ([`Gaps::calls`]).
    call: usize,
    evidence: Arc<str>,
    why: Arc<str>,
    scope: Arc<ResourceRef>,
}

/// The scan's gaps, prepared. What a policy makes of a gap depends only on the gap's call
/// (service and operation), and a large estate has tens of thousands of gaps from a handful
/// of calls, so each policy judges each call once.
pub struct Gaps<'a> {
    gaps: Vec<Prepared<'a>>,
    calls: usize,
}

pub fn prepare(gaps: &[Gap]) -> Gaps<'_> {
    let mut calls: HashMap<(&str, &str), usize> = HashMap::default();
    let gaps = gaps
        .iter()
        .map(|gap| {
            let next = calls.len();
            Prepared {
                gap,
                call: *calls
                    .entry((gap.service.as_str(), gap.operation.as_str()))
                    .or_insert(next),
                evidence: Arc::from(serde_json::to_string(gap).unwrap_or_else(|_| "null".into())),
                why: Arc::from(gap.describe()),
                scope: Arc::new(scope_of(gap)),
            }
        })
        .collect();
    Gaps {
        gaps,
        calls: calls.len(),
    }
}

/// The resource a scope result names: the gap's resource, or its call in its region and
/// account.
fn scope_of(gap: &Gap) -> ResourceRef {
    let region = if gap.region == "global" {
        ""
    } else {
        gap.region.as_str()
    };
    let account = gap.account_id.as_deref().unwrap_or("");
    let arn = gap.resource.clone().unwrap_or_else(|| {
        format!(
            "arn:aws:{}:{region}:{account}:{}",
            gap.service, gap.operation
        )
    });
    let mut resource = ResourceRef::from_arn(&arn, "Palisade::CollectionGap");
    resource.name = format!("{} {}", gap.service, gap.operation);
    resource
}

/// Does this gap blind the policy? A gap blinds the collections its call fills; a call that
/// fills only optional fields blinds just the policies that name it in `needs`; a gap about
/// one resource blinds only policies that need what its call reads.
fn blinds(policy: &Policy, gap: &Gap) -> bool {
    (policy.meta.collections().any(|c| gap_affects(gap, c)) || names(policy, gap))
        && (gap.resource.is_none() || needs(policy, gap))
}

/// Marks results in each affected scope `not-evaluated`; where a gap touched no result, records
/// one `not-evaluated` result for the scope itself so the gap shows in every report.
pub fn apply(policy: &Policy, findings: &mut Vec<Finding>, gaps: &Gaps) {
    // What this policy makes of the gaps: asked once per call, and whether the gap is about
    // one resource (the only other thing `blinds` reads of a gap).
    let mut verdicts: Vec<[Option<bool>; 2]> = vec![[None; 2]; gaps.calls];
    let relevant: Vec<&Prepared> = gaps
        .gaps
        .iter()
        .filter(|p| {
            let slot = &mut verdicts[p.call][usize::from(p.gap.resource.is_some())];
            *slot.get_or_insert_with(|| blinds(policy, p.gap))
        })
        .collect();
    if relevant.is_empty() {
        return;
    }
    // The resources the per-resource gaps name, and (built on the first such gap, so that an
    // account with thousands of per-resource gaps does not cost gaps x findings) the results
    // about them by position.
    let named: HashSet<&str> = relevant
        .iter()
        .filter_map(|p| p.gap.resource.as_deref())
        .collect();
    let mut by_arn: Option<HashMap<&str, Vec<usize>>> = None;
    for Prepared {
        gap,
        evidence,
        why,
        scope,
        ..
    } in relevant
    {
        let mut touched = false;
        let candidates: Vec<usize> = match &gap.resource {
            Some(arn) => {
                let index = by_arn.get_or_insert_with(|| {
                    let mut m: HashMap<&str, Vec<usize>> = HashMap::default();
                    for (i, f) in findings.iter().enumerate() {
                        if let Some(arn) = named.get(f.resource.arn.as_str()) {
                            m.entry(arn).or_default().push(i);
                        }
                    }
                    m
                });
                index.get(arn.as_str()).cloned().unwrap_or_default()
            }
            None => (0..findings.len()).collect(),
        };
        for i in candidates {
            let f = &mut findings[i];
            if f.status == Status::Error || !in_scope(gap, &f.resource) {
                continue;
            }
            touched = true;
            if f.status == Status::NotEvaluated {
                f.append_message(why);
            } else {
                f.status = Status::NotEvaluated;
                let message = format!(
                    "not evaluated: {why}, so the data {} needs for {} is incomplete",
                    policy.meta.id, f.resource.name
                );
                f.set_message(message);
            }
        }
        if !touched {
            let result = Finding::blinded_scope(policy.rule.clone(), scope.clone(), why.clone());
            findings.push(result.with_shared_evidence(evidence.clone()));
            if let (Some(index), Some(arn)) = (by_arn.as_mut(), named.get(scope.arn.as_str())) {
                index.entry(arn).or_default().push(findings.len() - 1);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gap(region: &str, account: Option<&str>, resource: Option<&str>) -> Gap {
        Gap {
            service: "ec2".into(),
            region: region.into(),
            operation: "DescribeFlowLogs".into(),
            error: "AccessDenied".into(),
            account_id: account.map(String::from),
            resource: resource.map(String::from),
            message: None,
        }
    }

    fn res(arn: &str) -> ResourceRef {
        ResourceRef::from_arn(arn, "AWS::EC2::VPC")
    }

    #[test]
    fn scope_is_region_account_or_resource() {
        let vpc = res("arn:aws:ec2:us-east-1:111122223333:vpc/vpc-1");
        assert!(in_scope(&gap("us-east-1", None, None), &vpc));
        assert!(!in_scope(&gap("eu-west-1", None, None), &vpc));
        assert!(in_scope(&gap("global", None, None), &vpc));
        assert!(!in_scope(
            &gap("us-east-1", Some("444455556666"), None),
            &vpc
        ));
        assert!(in_scope(
            &gap("us-east-1", Some("111122223333"), None),
            &vpc
        ));
        let other = "arn:aws:ec2:us-east-1:111122223333:vpc/vpc-2";
        assert!(!in_scope(&gap("us-east-1", None, Some(other)), &vpc));
    }

    #[test]
    fn account_wide_resources_are_in_every_regions_scope() {
        let account = res("arn:aws:iam::111122223333:root");
        assert!(in_scope(
            &gap("eu-west-1", Some("111122223333"), None),
            &account
        ));
    }
}
