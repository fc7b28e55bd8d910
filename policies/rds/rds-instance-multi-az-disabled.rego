# METADATA
# title: RDS DB instance runs in a single Availability Zone
# description: |
#   The DB instance has no Multi-AZ standby: an outage of its Availability Zone or of its
#   host stops the database until AWS recovers it or someone restores a backup elsewhere.
#   Instances that belong to an Aurora cluster are judged by their cluster and left out. AWS
#   Foundational Security Best Practices RDS.5.
# custom:
#   id: rds-instance-multi-az-disabled
#   severity: low
#   resource_type: AWS::RDS::DBInstance
#   scope: storage.rds_instances
#   needs: [rds:DescribeDBInstances]
#   remediation: |
#     `aws rds modify-db-instance --db-instance-identifier ID --multi-az --apply-immediately`
#     (a standby is created from a snapshot, without downtime). Terraform: `multi_az = true`.
#   references:
#     - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZ.html
package palisade.rds.instance_multi_az_disabled

import rego.v1

standalone(d) if not is_string(object.get(d, "cluster_id", null))

checked contains d.arn if {
	some d in input.storage.rds_instances
	standalone(d)
}

deny contains result if {
	some d in input.storage.rds_instances
	standalone(d)
	d.multi_az != true
	result := {
		"arn": d.arn,
		"message": sprintf("RDS DB instance %s (%s, account %s, %s) has no Multi-AZ standby", [d.id, d.engine, d.account_id, d.region]),
		"evidence": {"multi_az": false},
	}
}
