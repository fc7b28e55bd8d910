# METADATA
# title: ECS task definition keeps secrets in plain environment variables
# description: |
#   A container of the family's latest active revision has an environment variable that holds
#   what looks like a credential in plain text: an AWS access key id or a PEM private key
#   (whatever the variable's name), or a literal value in a variable named like a secret
#   (`PASSWORD`, `SECRET`, `TOKEN`, `API_KEY`...; not `…_NAME`, `…_ARN`, `…_URL` and other
#   names that point at a secret). Anyone allowed `ecs:DescribeTaskDefinition` reads it, and
#   every revision keeps it. Variables injected through `secrets` (Secrets Manager or
#   Parameter Store) are not reported. Palisade classifies values while collecting and never
#   stores them. AWS Foundational Security Best Practices ECS.8.
# custom:
#   id: ecs-task-definition-secrets-in-environment
#   severity: high
#   resource_type: AWS::ECS::TaskDefinition
#   scope: compute.ecs_task_definitions
#   needs: [ecs:DescribeTaskDefinition]
#   remediation: |
#     Store the secret in Secrets Manager or as a SecureString parameter, reference it under
#     the container's `secrets` (`{"name": "DB_PASSWORD", "valueFrom": "arn:..."}`), grant the
#     task execution role read access to it, register the new revision, and rotate the secret
#     that was exposed. Old revisions keep the value: deregister them.
#   references:
#     - https://docs.aws.amazon.com/AmazonECS/latest/developerguide/specifying-sensitive-data.html
package palisade.ecs.task_definition_secrets_in_environment

import data.palisade.lib.ecs
import data.palisade.lib.environment
import rego.v1

checked contains t.arn if some t in input.compute.ecs_task_definitions

deny contains result if {
	some t in input.compute.ecs_task_definitions
	found := [sprintf("%s: %s", [c.name, environment.described(exposed)]) |
		some c in ecs.containers(t)
		exposed := environment.exposed_in(object.get(c, "environment", []))
		count(exposed) > 0
	]
	count(found) > 0
	result := {
		"arn": t.arn,
		"message": sprintf("ECS task definition %s keeps secrets in plain environment variables: %s", [ecs.label(t), concat("; ", found)]),
		"evidence": {"containers": [{"name": c.name, "variables": exposed} |
			some c in ecs.containers(t)
			exposed := environment.exposed_in(object.get(c, "environment", []))
			count(exposed) > 0
		]},
	}
}
