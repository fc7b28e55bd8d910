# METADATA
# title: EKS cluster does not send audit logs to CloudWatch Logs
# description: |
#   The cluster's control-plane `audit` log type is off: who read which secret, who created a
#   privileged pod or bound `cluster-admin`, what a stolen token did, is recorded nowhere you
#   can read. The other log types the cluster sends are listed in the finding. AWS
#   Foundational Security Best Practices EKS.8.
# custom:
#   id: eks-cluster-audit-logging-disabled
#   severity: medium
#   resource_type: AWS::EKS::Cluster
#   scope: compute.eks_clusters
#   needs: [eks:DescribeCluster]
#   remediation: |
#     `aws eks update-cluster-config --name NAME --logging
#     '{"clusterLogging":[{"types":["api","audit","authenticator"],"enabled":true}]}'`, and
#     give the `/aws/eks/NAME/cluster` log group a retention. Terraform:
#     `enabled_cluster_log_types = ["api", "audit", "authenticator"]` on the `aws_eks_cluster`.
#   references:
#     - https://docs.aws.amazon.com/eks/latest/userguide/control-plane-logs.html
package palisade.eks.cluster_audit_logging_disabled

import rego.v1

checked contains c.arn if some c in input.compute.eks_clusters

deny contains result if {
	some c in input.compute.eks_clusters
	enabled := object.get(c, "enabled_log_types", [])
	not "audit" in enabled
	result := {
		"arn": c.arn,
		"message": sprintf("EKS cluster %s in %s (account %s) does not send audit logs (control-plane log types enabled: %s)", [c.name, c.region, c.account_id, types_text(enabled)]),
		"evidence": {"enabled_log_types": enabled},
	}
}

types_text(types) := "none" if count(types) == 0

types_text(types) := concat(", ", types) if count(types) > 0
