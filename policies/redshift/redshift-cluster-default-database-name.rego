# METADATA
# title: Redshift cluster keeps the default database name
# description: |
#   The cluster's database is named `dev`, the default: one less thing an attacker has to
#   guess, and a sign the cluster was set up with defaults. AWS Foundational Security Best
#   Practices Redshift.9.
# custom:
#   id: redshift-cluster-default-database-name
#   severity: low
#   resource_type: AWS::Redshift::Cluster
#   scope: storage.redshift_clusters
#   needs: [redshift:DescribeClusters]
#   remediation: |
#     The first database's name cannot be changed: give new clusters a `--db-name`, and move the
#     data of this one to a database with another name. Terraform: `database_name`.
#   references:
#     - https://docs.aws.amazon.com/redshift/latest/mgmt/create-cluster.html
package palisade.redshift.cluster_default_database_name

import rego.v1

checked contains c.arn if {
	some c in input.storage.redshift_clusters
	is_string(c.db_name)
}

deny contains result if {
	some c in input.storage.redshift_clusters
	c.db_name == "dev"
	result := {
		"arn": c.arn,
		"message": sprintf("Redshift cluster %s in %s (account %s) keeps the default database name dev", [c.id, c.region, c.account_id]),
		"evidence": {"db_name": c.db_name},
	}
}
