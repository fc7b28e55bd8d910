# METADATA
# title: RDS DB instance has Enhanced Monitoring off
# description: |
#   Enhanced Monitoring is off for the DB instance, so there are no operating-system metrics
#   (processes, memory, file system, I/O per second) to tell resource exhaustion or an abusive
#   workload from a database problem. Instances collected before snapshot schema 1.7 are not
#   judged. AWS Foundational Security Best Practices RDS.6.
# custom:
#   id: rds-instance-enhanced-monitoring-disabled
#   severity: low
#   resource_type: AWS::RDS::DBInstance
#   scope: storage.rds_instances
#   needs: [rds:DescribeDBInstances]
#   remediation: |
#     `aws rds modify-db-instance --db-instance-identifier ID --monitoring-interval 60
#     --monitoring-role-arn ROLE`. Terraform: `monitoring_interval` and `monitoring_role_arn`.
#   references:
#     - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_Monitoring.OS.html
package palisade.rds.instance_enhanced_monitoring_disabled

import rego.v1

checked contains d.arn if {
	some d in input.storage.rds_instances
	is_number(d.monitoring_interval)
}

deny contains result if {
	some d in input.storage.rds_instances
	d.monitoring_interval == 0
	result := {
		"arn": d.arn,
		"message": sprintf("RDS DB instance %s (%s, account %s, %s) has Enhanced Monitoring off", [d.id, d.engine, d.account_id, d.region]),
		"evidence": {"monitoring_interval": 0},
	}
}
