package palisade.ecs.task_definition_host_pid_namespace_test

import data.palisade.ecs.task_definition_host_pid_namespace as policy
import rego.v1

arn := "arn:aws:ecs:us-east-1:111122223333:task-definition/web:7"

td(extra, containers) := {"compute": {"ecs_task_definitions": [object.union({
	"arn": arn, "account_id": "111122223333", "region": "us-east-1", "family": "web", "revision": 7,
	"network_mode": "awsvpc", "pid_mode": null, "containers": containers,
}, extra)]}}

good := {"name": "app", "privileged": false, "user": "1000", "readonly_root_filesystem": true, "environment": [], "secret_names": [], "log_driver": "awslogs"}

test_fail_host_pid if {
	inp := td({"pid_mode": "host"}, [good])
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.message == "ECS task definition web:7 in us-east-1 (account 111122223333) shares the host's process namespace (pidMode host): its containers see and can signal every process on the instance"
}

test_pass_task_or_unset if {
	count(policy.deny) == 0 with input as td({"pid_mode": "task"}, [good])
	inp := td({}, [good])
	count(policy.deny) == 0 with input as inp
	arn in policy.checked with input as inp
}
