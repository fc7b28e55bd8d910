# METADATA
# title: ECS task definition has a container without a log configuration
# description: |
#   A container of the family's latest active revision has no `logConfiguration`: what it
#   prints is kept only on the instance (EC2) or lost (Fargate), so an incident leaves no
#   application trail to investigate. AWS Foundational Security Best Practices ECS.9.
# custom:
#   id: ecs-task-definition-logging-disabled
#   severity: medium
#   resource_type: AWS::ECS::TaskDefinition
#   scope: compute.ecs_task_definitions
#   needs: [ecs:DescribeTaskDefinition]
#   remediation: |
#     Give every container a `logConfiguration` (`"logDriver": "awslogs"` with a log group,
#     or `awsfirelens`), register the revision and update the services to it.
#   references:
#     - https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using_awslogs.html
package palisade.ecs.task_definition_logging_disabled

import data.palisade.lib.ecs
import rego.v1

checked contains t.arn if some t in input.compute.ecs_task_definitions

deny contains result if {
	some t in input.compute.ecs_task_definitions
	names := [c.name | some c in ecs.containers(t); not ecs.logs(c)]
	count(names) > 0
	result := {
		"arn": t.arn,
		"message": sprintf("ECS task definition %s has containers without a log configuration: %s", [ecs.label(t), concat(", ", names)]),
		"evidence": {"containers_without_logs": names},
	}
}
