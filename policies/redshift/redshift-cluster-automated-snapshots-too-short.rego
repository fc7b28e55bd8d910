# METADATA
# title: Redshift cluster keeps automated snapshots for less than 7 days
# description: |
#   The cluster's automated snapshots are off (retention 0) or kept for fewer than 7 days, so
#   data dropped or corrupted by a bad load, a faulty migration or an attacker cannot be
#   recovered once it is noticed a few days later. AWS Foundational Security Best Practices
#   Redshift.3 (at least 7 days).
# custom:
#   id: redshift-cluster-automated-snapshots-too-short
#   severity: medium
#   resource_type: AWS::Redshift::Cluster
#   scope: storage.redshift_clusters
#   needs: [redshift:DescribeClusters]
#   remediation: |
#     `aws redshift modify-cluster --cluster-identifier ID
#     --automated-snapshot-retention-period 7` (up to 35). Terraform:
#     `automated_snapshot_retention_period` on the `aws_redshift_cluster`.
#   references:
#     - https://docs.aws.amazon.com/redshift/latest/mgmt/working-with-snapshots.html
package palisade.redshift.cluster_automated_snapshots_too_short

import rego.v1

minimum_days := 7

checked contains c.arn if {
	some c in input.storage.redshift_clusters
	is_number(c.automated_snapshot_retention_days)
}

deny contains result if {
	some c in input.storage.redshift_clusters
	days := c.automated_snapshot_retention_days
	is_number(days)
	days < minimum_days
	result := {
		"arn": c.arn,
		"message": sprintf("Redshift cluster %s in %s (account %s) keeps automated snapshots for %d day(s), under %d", [c.id, c.region, c.account_id, days, minimum_days]),
		"evidence": {"automated_snapshot_retention_days": days},
	}
}
