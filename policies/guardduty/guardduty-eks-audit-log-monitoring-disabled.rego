# METADATA
# title: GuardDuty EKS Audit Log Monitoring is off in a region with EKS clusters
# description: |
#   GuardDuty is on in the region, but its EKS Audit Log Monitoring plan is not, while the
#   account runs EKS clusters there. The plan analyses the clusters' Kubernetes audit logs
#   (which GuardDuty reads from the control plane itself, whether or not the cluster sends
#   them to CloudWatch Logs) for anonymous access, privileged pods, credential theft and
#   calls from known-malicious addresses; without it nothing reviews that record
#   automatically. Regions without clusters pass. A region without an enabled detector is
#   reported by `guardduty-detector-disabled` instead. AWS Foundational Security Best
#   Practices GuardDuty.5.
# custom:
#   id: guardduty-eks-audit-log-monitoring-disabled
#   severity: low
#   resource_type: AWS::GuardDuty::Detector
#   scope: logging.guardduty_detectors
#   inputs: [compute.eks_clusters]
#   needs: [guardduty:GetDetector]
#   remediation: |
#     `aws guardduty update-detector --detector-id ID --features
#     Name=EKS_AUDIT_LOGS,Status=ENABLED` in each region (or from the delegated
#     administrator, with auto-enable for members). Terraform:
#     `aws_guardduty_detector_feature` with `name = "EKS_AUDIT_LOGS"`.
#   references:
#     - https://docs.aws.amazon.com/guardduty/latest/ug/kubernetes-protection.html
package palisade.guardduty.eks_audit_log_monitoring_disabled

import data.palisade.lib.guardduty
import data.palisade.lib.index
import rego.v1

checked contains d.arn if {
	some d in input.logging.guardduty_detectors
	guardduty.enabled(d)
}

# exposed: for each place where a detector has the plan off, the EKS clusters there.
exposed := {place: guardduty.summary(names) |
	some place in guardduty.places_off("EKS_AUDIT_LOGS")
	names := [c.name | some c in index.lookup("eks_clusters_by_place", place)]
}

deny contains result if {
	some d in input.logging.guardduty_detectors
	result := guardduty.unprotected(d, "EKS_AUDIT_LOGS", "EKS Audit Log Monitoring", "EKS clusters", exposed[[d.account_id, d.region]])
}
