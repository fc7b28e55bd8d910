# METADATA
# title: Redshift cluster does not keep audit logs
# description: |
#   Audit logging is off for the cluster: its connection log (who connected, from where,
#   when) and user log (changes to database users) are kept nowhere, so access to the data
#   warehouse cannot be reviewed or investigated. Clusters whose logging status could not be
#   read are `not-evaluated`. AWS Foundational Security Best Practices Redshift.4.
# custom:
#   id: redshift-cluster-audit-logging-disabled
#   severity: medium
#   resource_type: AWS::Redshift::Cluster
#   scope: storage.redshift_clusters
#   needs: [redshift:DescribeClusters, redshift:DescribeLoggingStatus]
#   remediation: |
#     `aws redshift enable-logging --cluster-identifier ID --log-destination-type cloudwatch
#     --log-exports connectionlog userlog useractivitylog` (or to an S3 bucket); user activity
#     logging also needs `enable_user_activity_logging` in the parameter group. Terraform: a
#     `logging` block on the `aws_redshift_cluster`.
#   references:
#     - https://docs.aws.amazon.com/redshift/latest/mgmt/db-auditing.html
package palisade.redshift.cluster_audit_logging_disabled

import rego.v1

checked contains c.arn if {
	some c in input.storage.redshift_clusters
	is_boolean(c.audit_logging)
}

deny contains result if {
	some c in input.storage.redshift_clusters
	c.audit_logging == false
	result := {
		"arn": c.arn,
		"message": sprintf("Redshift cluster %s in %s (account %s) has audit logging off: connections and user changes are not recorded", [c.id, c.region, c.account_id]),
		"evidence": {"audit_logging": false},
	}
}
