# Helpers shared by the RDS built-in policies: which instances are judged on their own and
# which through their cluster, the master usernames engines create by default, and the logs
# each engine can export to CloudWatch Logs.
package palisade.lib.rds

import rego.v1

# standalone(db): a DB instance that belongs to no cluster. Deletion protection, IAM
# authentication and log exports of an Aurora, Multi-AZ DB cluster, DocumentDB or Neptune
# member are cluster settings (the member reports its own copy, often stale or false), so the
# cluster policies judge those.
standalone(db) if object.get(db, "cluster_id", null) == null

# label(db): "orders (postgres, account 111122223333, us-east-1)", for messages.
label(r) := sprintf("%s (%s, account %s, %s)", [r.id, r.engine, r.account_id, r.region])

# default_master_usernames[engine family]: the names the console and the engines' docs offer
# as the master user; an attacker guessing credentials tries these first.
default_master_usernames := {
	"postgres": {"postgres"},
	"mysql": {"admin", "root"},
	"mariadb": {"admin", "root"},
	"oracle": {"admin"},
	"sqlserver": {"admin"},
	"aurora-mysql": {"admin", "root"},
	"aurora-postgresql": {"postgres"},
	"db2": {"admin"},
}

# family(engine): the key of the tables above: "oracle-ee" -> "oracle", "aurora" (the
# MySQL 5.6-compatible Aurora) -> "aurora-mysql", "custom-sqlserver-se" -> "sqlserver".
family(engine) := "aurora-mysql" if engine == "aurora"

family(engine) := trimmed if {
	engine != "aurora"
	trimmed := trim_prefix(engine, "custom-")
	trimmed in exact_families
}

family(engine) := f if {
	trimmed := trim_prefix(engine, "custom-")
	some f, prefix in edition_families
	startswith(trimmed, prefix)
}

# exact_families: the engines named by their family alone. (A membership test, not a loop:
# every RDS policy asks the family of every instance and cluster.)
exact_families := {"postgres", "mysql", "mariadb", "aurora-mysql", "aurora-postgresql"}

# edition_families: family -> the prefix of its editions' engine names ("oracle-ee").
edition_families := {"oracle": "oracle-", "sqlserver": "sqlserver-", "db2": "db2-"}

# required_log_exports[family]: the log types AWS Foundational Security Best Practices
# (RDS.9) expects an engine to publish to CloudWatch Logs. Aurora PostgreSQL can export only
# its `postgresql` log; DocumentDB and Neptune are judged on their audit log.
required_log_exports := {
	"postgres": {"postgresql", "upgrade"},
	"mysql": {"audit", "error", "general", "slowquery"},
	"mariadb": {"audit", "error", "general", "slowquery"},
	"oracle": {"alert", "audit", "trace", "listener"},
	"sqlserver": {"error", "agent"},
	"aurora-mysql": {"audit", "error", "general", "slowquery"},
	"aurora-postgresql": {"postgresql"},
	"docdb": {"audit"},
	"neptune": {"audit"},
}

# log_family(engine): like family, and also docdb and neptune.
log_family(engine) := family(engine)

log_family(engine) := engine if engine in {"docdb", "neptune"}
