package palisade.lib.ecs_test

import data.palisade.lib.ecs
import rego.v1

test_label if {
	ecs.label({"family": "web", "revision": 7, "region": "us-east-1", "account_id": "1"}) == "web:7 in us-east-1 (account 1)"
}

test_runs_as_root if {
	ecs.runs_as_root({"user": null})
	ecs.runs_as_root({})
	ecs.runs_as_root({"user": "root"})
	ecs.runs_as_root({"user": "0:0"})
	not ecs.runs_as_root({"user": "1000"})
	not ecs.runs_as_root({"user": "app:app"})
}

test_containers_absent if {
	ecs.containers({}) == []
	ecs.containers({"containers": null}) == []
}
