# METADATA
# title: Redshift cluster keeps the default admin user name
# description: |
#   The cluster's admin (master) user is `awsuser`, the name the console proposes: an attacker
#   who reaches the endpoint needs only the password. AWS Foundational Security Best Practices
#   Redshift.8.
# custom:
#   id: redshift-cluster-default-admin-username
#   severity: medium
#   resource_type: AWS::Redshift::Cluster
#   scope: storage.redshift_clusters
#   needs: [redshift:DescribeClusters]
#   remediation: |
#     The admin user name cannot be changed: create a new cluster from a snapshot with another
#     `--master-username`, or create a differently named superuser, move to it, and disable
#     password login for `awsuser`. Terraform: `master_username` on the `aws_redshift_cluster`.
#   references:
#     - https://docs.aws.amazon.com/redshift/latest/mgmt/rs-mgmt-admin-credentials.html
package palisade.redshift.cluster_default_admin_username

import rego.v1

checked contains c.arn if {
	some c in input.storage.redshift_clusters
	is_string(c.master_username)
}

deny contains result if {
	some c in input.storage.redshift_clusters
	lower(c.master_username) == "awsuser"
	result := {
		"arn": c.arn,
		"message": sprintf("Redshift cluster %s in %s (account %s) keeps the default admin user name %s", [c.id, c.region, c.account_id, c.master_username]),
		"evidence": {"master_username": c.master_username},
	}
}
