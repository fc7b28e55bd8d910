package palisade.lib.rds_test

import data.palisade.lib.rds
import rego.v1

test_family_of_engine_names if {
	rds.family("postgres") == "postgres"
	rds.family("aurora") == "aurora-mysql"
	rds.family("aurora-postgresql") == "aurora-postgresql"
	rds.family("oracle-ee-cdb") == "oracle"
	rds.family("custom-sqlserver-web") == "sqlserver"
	rds.family("db2-ae") == "db2"
}

test_no_family_for_other_engines if {
	not rds.family("docdb")
	not rds.family("neptune")
	not rds.family("postgresql")
	rds.log_family("docdb") == "docdb"
}

test_standalone_only_without_cluster if {
	rds.standalone({"cluster_id": null})
	rds.standalone({})
	not rds.standalone({"cluster_id": "c"})
}
