# METADATA
# title: EKS cluster runs a Kubernetes version out of standard support
# description: |
#   The cluster's Kubernetes version had left EKS standard support when the snapshot was
#   taken: upstream Kubernetes no longer fixes it, EKS charges extended-support fees for up to
#   twelve more months and then upgrades the control plane itself. Versions are judged against
#   the end-of-standard-support dates of the EKS release calendar held in this policy
#   (versions newer than 1.33 are not judged); every version before 1.23 is long past it.
#   AWS Foundational Security Best Practices EKS.2.
# custom:
#   id: eks-cluster-version-unsupported
#   severity: medium
#   resource_type: AWS::EKS::Cluster
#   scope: compute.eks_clusters
#   needs: [eks:DescribeCluster]
#   remediation: |
#     Upgrade one minor version at a time (`aws eks update-cluster-version --name NAME
#     --kubernetes-version 1.34`), then the node groups and add-ons; check deprecated APIs
#     first (EKS upgrade insights). Terraform: `version` on the `aws_eks_cluster`.
#   references:
#     - https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html
package palisade.eks.cluster_version_unsupported

import rego.v1

# The last day of EKS standard support for each Kubernetes version.
standard_support_ends := {
	"1.23": "2023-10-11",
	"1.24": "2024-01-31",
	"1.25": "2024-05-01",
	"1.26": "2024-06-11",
	"1.27": "2024-07-24",
	"1.28": "2024-11-26",
	"1.29": "2025-03-23",
	"1.30": "2025-07-23",
	"1.31": "2025-11-26",
	"1.32": "2026-03-23",
	"1.33": "2026-07-29",
}

collected_ns := time.parse_rfc3339_ns(input.collected_at)

# When standard support ended, for versions the calendar says have left it.
ended(version) := ends if {
	ends := standard_support_ends[version]
	time.parse_rfc3339_ns(sprintf("%sT23:59:59Z", [ends])) < collected_ns
}

ended(version) := "before 2023" if {
	[major, minor] := split(version, ".")
	major == "1"
	to_number(minor) < 23
}

checked contains c.arn if {
	some c in input.compute.eks_clusters
	is_string(c.version)
}

deny contains result if {
	some c in input.compute.eks_clusters
	ends := ended(c.version)
	result := {
		"arn": c.arn,
		"message": sprintf("EKS cluster %s in %s (account %s) runs Kubernetes %s, out of standard support since %s", [c.name, c.region, c.account_id, c.version, ends]),
		"evidence": {"version": c.version, "standard_support_ended": ends},
	}
}
