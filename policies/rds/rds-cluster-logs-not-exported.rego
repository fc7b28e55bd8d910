# METADATA
# title: RDS DB cluster does not publish its database logs to CloudWatch Logs
# description: |
#   A DB cluster does not export one or more of the logs its engine should publish: Aurora
#   MySQL and MySQL Multi-AZ clusters `audit`, `error`, `general` and `slowquery` (AWS
#   Foundational Security Best Practices RDS.9); Aurora PostgreSQL `postgresql` (the only one it
#   can export); PostgreSQL Multi-AZ clusters `postgresql` and `upgrade`; DocumentDB and Neptune
#   their `audit` log. Logs left on the instances rotate away, are lost with them and cannot be
#   searched, alarmed on or kept for a year; failed logins and the queries of an intrusion leave
#   no trace anyone can review. (Aurora MySQL's `audit` log needs `server_audit_logging` in the
#   cluster parameter group; DocumentDB's needs `audit_logs` enabled.)
# custom:
#   id: rds-cluster-logs-not-exported
#   severity: medium
#   resource_type: AWS::RDS::DBCluster
#   scope: storage.rds_clusters
#   remediation: |
#     `aws rds modify-db-cluster --db-cluster-identifier CLUSTER
#     --cloudwatch-logs-export-configuration '{"EnableLogTypes":["audit","error","general","slowquery"]}'
#     --apply-immediately` (with the engine's log types; `aws docdb` / `aws neptune` for those),
#     then set a retention on the `/aws/rds/cluster/CLUSTER/...` log groups. Terraform:
#     `enabled_cloudwatch_logs_exports` on the `aws_rds_cluster`.
#   references:
#     - https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/publishing_cloudwatchlogs.html
#     - https://docs.aws.amazon.com/documentdb/latest/developerguide/event-auditing.html
package palisade.rds.cluster_logs_not_exported

import data.palisade.lib.rds
import rego.v1

judged(c) if {
	is_array(c.log_exports)
	rds.required_log_exports[rds.log_family(c.engine)]
}

checked contains c.arn if {
	some c in input.storage.rds_clusters
	judged(c)
}

deny contains result if {
	some c in input.storage.rds_clusters
	judged(c)
	required := rds.required_log_exports[rds.log_family(c.engine)]
	missing := required - {t | some t in c.log_exports}
	count(missing) > 0
	result := {
		"arn": c.arn,
		"message": sprintf("RDS DB cluster %s does not publish its %s logs to CloudWatch Logs", [rds.label(c), concat(", ", sort(missing))]),
		"evidence": {"log_exports": c.log_exports, "missing": sort(missing)},
	}
}
