# METADATA
# title: RDS DB instance does not publish its database logs to CloudWatch Logs
# description: |
#   A DB instance that belongs to no cluster does not export one or more of the logs AWS
#   Foundational Security Best Practices (RDS.9) expects for its engine: PostgreSQL `postgresql`
#   and `upgrade`; MySQL and MariaDB `audit`, `error`, `general` and `slowquery`; Oracle `alert`,
#   `audit`, `trace` and `listener`; SQL Server `error` and `agent`. Logs left on the instance
#   rotate away within days, are lost with the instance and cannot be searched, alarmed on or
#   kept for a year; failed logins, privilege changes and the queries of an intrusion leave no
#   trace anyone can review. (MySQL and MariaDB also need the audit plugin in an option group
#   for the `audit` log to hold anything.) Cluster members are judged at the cluster.
# custom:
#   id: rds-instance-logs-not-exported
#   severity: medium
#   resource_type: AWS::RDS::DBInstance
#   scope: storage.rds_instances
#   remediation: |
#     `aws rds modify-db-instance --db-instance-identifier DB --cloudwatch-logs-export-configuration
#     '{"EnableLogTypes":["postgresql","upgrade"]}' --apply-immediately` (with the engine's log
#     types), then set a retention on the `/aws/rds/instance/DB/...` log groups. Terraform:
#     `enabled_cloudwatch_logs_exports` on the `aws_db_instance`.
#   references:
#     - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_LogAccess.Procedural.UploadtoCloudWatch.html
package palisade.rds.instance_logs_not_exported

import data.palisade.lib.rds
import rego.v1

judged(db) if {
	rds.standalone(db)
	is_array(db.log_exports)
	rds.required_log_exports[rds.log_family(db.engine)]
}

checked contains db.arn if {
	some db in input.storage.rds_instances
	judged(db)
}

deny contains result if {
	some db in input.storage.rds_instances
	judged(db)
	required := rds.required_log_exports[rds.log_family(db.engine)]
	missing := required - {t | some t in db.log_exports}
	count(missing) > 0
	result := {
		"arn": db.arn,
		"message": sprintf("RDS DB instance %s does not publish its %s logs to CloudWatch Logs", [rds.label(db), concat(", ", sort(missing))]),
		"evidence": {"log_exports": db.log_exports, "missing": sort(missing)},
	}
}
