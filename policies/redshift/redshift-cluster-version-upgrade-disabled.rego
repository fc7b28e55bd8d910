# METADATA
# title: Redshift cluster does not take major version upgrades
# description: |
#   The cluster does not allow version upgrades, so Redshift does not apply new major engine
#   versions (and the fixes they carry) in the maintenance window; the cluster stays on an
#   aging version until someone upgrades it by hand. AWS Foundational Security Best Practices
#   Redshift.6.
# custom:
#   id: redshift-cluster-version-upgrade-disabled
#   severity: low
#   resource_type: AWS::Redshift::Cluster
#   scope: storage.redshift_clusters
#   needs: [redshift:DescribeClusters]
#   remediation: |
#     `aws redshift modify-cluster --cluster-identifier ID --allow-version-upgrade`.
#     Terraform: `allow_version_upgrade = true` on the `aws_redshift_cluster`.
#   references:
#     - https://docs.aws.amazon.com/redshift/latest/mgmt/working-with-clusters.html#rs-mgmt-set-maintenance-track
package palisade.redshift.cluster_version_upgrade_disabled

import rego.v1

checked contains c.arn if {
	some c in input.storage.redshift_clusters
	is_boolean(c.allow_version_upgrade)
}

deny contains result if {
	some c in input.storage.redshift_clusters
	c.allow_version_upgrade == false
	result := {
		"arn": c.arn,
		"message": sprintf("Redshift cluster %s in %s (account %s) does not allow version upgrades: new engine versions and their fixes are not applied", [c.id, c.region, c.account_id]),
		"evidence": {"allow_version_upgrade": false},
	}
}
