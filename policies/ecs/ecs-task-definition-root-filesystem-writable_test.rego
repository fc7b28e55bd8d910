package palisade.ecs.task_definition_root_filesystem_writable_test

import data.palisade.ecs.task_definition_root_filesystem_writable as policy
import rego.v1

arn := "arn:aws:ecs:us-east-1:111122223333:task-definition/web:7"

td(extra, containers) := {"compute": {"ecs_task_definitions": [object.union({
	"arn": arn, "account_id": "111122223333", "region": "us-east-1", "family": "web", "revision": 7,
	"network_mode": "awsvpc", "pid_mode": null, "containers": containers,
}, extra)]}}

good := {"name": "app", "privileged": false, "user": "1000", "readonly_root_filesystem": true, "environment": [], "secret_names": [], "log_driver": "awslogs"}

test_fail_writable if {
	inp := td({}, [good, object.union(good, {"name": "worker", "readonly_root_filesystem": false})])
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.message == "ECS task definition web:7 in us-east-1 (account 111122223333) lets containers write to their root file system (readonlyRootFilesystem not set): worker"
}

test_pass_read_only if {
	inp := td({}, [good])
	count(policy.deny) == 0 with input as inp
	arn in policy.checked with input as inp
}
