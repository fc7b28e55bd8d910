package palisade.ecs.task_definition_secrets_in_environment_test

import data.palisade.ecs.task_definition_secrets_in_environment as policy
import rego.v1

arn := "arn:aws:ecs:us-east-1:111122223333:task-definition/web:7"

td(extra, containers) := {"compute": {"ecs_task_definitions": [object.union({
	"arn": arn, "account_id": "111122223333", "region": "us-east-1", "family": "web", "revision": 7,
	"network_mode": "awsvpc", "pid_mode": null, "containers": containers,
}, extra)]}}

good := {"name": "app", "privileged": false, "user": "1000", "readonly_root_filesystem": true, "environment": [], "secret_names": [], "log_driver": "awslogs"}

test_fail_literal_password_and_key if {
	env := [{"name": "DB_PASSWORD", "value": "literal"}, {"name": "LOG_LEVEL", "value": "literal"}, {"name": "SIGNING", "value": "private_key"}]
	inp := td({}, [good, object.union(good, {"name": "api", "environment": env})])
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.message == "ECS task definition web:7 in us-east-1 (account 111122223333) keeps secrets in plain environment variables: api: DB_PASSWORD (a literal value), SIGNING (a private key)"
}

test_pass_references_and_secrets if {
	env := [{"name": "DB_PASSWORD", "value": "reference"}, {"name": "DB_SECRET_ARN", "value": "literal"}]
	inp := td({}, [object.union(good, {"environment": env, "secret_names": ["API_TOKEN"]})])
	count(policy.deny) == 0 with input as inp
	arn in policy.checked with input as inp
}
