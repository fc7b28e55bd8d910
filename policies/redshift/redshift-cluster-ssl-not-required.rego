# METADATA
# title: Redshift cluster accepts unencrypted connections
# description: |
#   The cluster's parameter group does not set `require_ssl` to `true` (it is `false` unless
#   set, including in the default parameter group), so clients may connect in plain text and
#   queries, results and passwords cross the network readable. Clusters whose parameters
#   could not be read are `not-evaluated`. AWS Foundational Security Best Practices
#   Redshift.2.
# custom:
#   id: redshift-cluster-ssl-not-required
#   severity: medium
#   resource_type: AWS::Redshift::Cluster
#   scope: storage.redshift_clusters
#   needs: [redshift:DescribeClusters, redshift:DescribeClusterParameters]
#   remediation: |
#     Use a custom parameter group with `require_ssl = true` (`aws redshift
#     modify-cluster-parameter-group --parameter-group-name GROUP --parameters
#     ParameterName=require_ssl,ParameterValue=true`) and reboot the cluster. Terraform: a
#     `parameter` block on the `aws_redshift_parameter_group`.
#   references:
#     - https://docs.aws.amazon.com/redshift/latest/mgmt/connecting-ssl-support.html
package palisade.redshift.cluster_ssl_not_required

import rego.v1

checked contains c.arn if {
	some c in input.storage.redshift_clusters
	is_boolean(c.require_ssl)
}

deny contains result if {
	some c in input.storage.redshift_clusters
	c.require_ssl == false
	result := {
		"arn": c.arn,
		"message": sprintf("Redshift cluster %s in %s (account %s) does not require SSL: parameter group %s leaves require_ssl false", [c.id, c.region, c.account_id, group_text(c)]),
		"evidence": {"require_ssl": false, "parameter_groups": object.get(c, "parameter_groups", [])},
	}
}

group_text(c) := concat(", ", c.parameter_groups) if count(object.get(c, "parameter_groups", [])) > 0

group_text(c) := "(none)" if count(object.get(c, "parameter_groups", [])) == 0
