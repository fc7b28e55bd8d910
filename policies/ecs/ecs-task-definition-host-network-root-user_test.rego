package palisade.ecs.task_definition_host_network_root_user_test

import data.palisade.ecs.task_definition_host_network_root_user as policy
import rego.v1

arn := "arn:aws:ecs:us-east-1:111122223333:task-definition/web:7"

td(extra, containers) := {"compute": {"ecs_task_definitions": [object.union({
	"arn": arn, "account_id": "111122223333", "region": "us-east-1", "family": "web", "revision": 7,
	"network_mode": "awsvpc", "pid_mode": null, "containers": containers,
}, extra)]}}

good := {"name": "app", "privileged": false, "user": "1000", "readonly_root_filesystem": true, "environment": [], "secret_names": [], "log_driver": "awslogs"}

test_fail_host_network_without_user if {
	inp := td({"network_mode": "host"}, [good, object.union(good, {"name": "proxy", "user": null}), object.union(good, {"name": "init", "user": "0:0"})])
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.message == "ECS task definition web:7 in us-east-1 (account 111122223333) uses the host network and runs containers as root: proxy, init"
}

test_pass_host_network_non_root if {
	inp := td({"network_mode": "host"}, [good])
	count(policy.deny) == 0 with input as inp
	arn in policy.checked with input as inp
}

test_pass_awsvpc_root if {
	count(policy.deny) == 0 with input as td({}, [object.union(good, {"user": null})])
}

test_pass_privileged_is_reported_elsewhere if {
	count(policy.deny) == 0 with input as td({"network_mode": "host"}, [object.union(good, {"user": null, "privileged": true})])
}
