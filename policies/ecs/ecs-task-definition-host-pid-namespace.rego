# METADATA
# title: ECS task definition shares the host's process namespace
# description: |
#   The family's latest active revision sets `pidMode: host`: its containers see every process
#   on the instance, including other tasks' and the ECS agent's, and (running as root) can
#   signal or trace them and read their environment. AWS Foundational Security Best Practices
#   ECS.3.
# custom:
#   id: ecs-task-definition-host-pid-namespace
#   severity: high
#   resource_type: AWS::ECS::TaskDefinition
#   scope: compute.ecs_task_definitions
#   needs: [ecs:DescribeTaskDefinition]
#   remediation: |
#     Register a new revision without `pidMode` (or with `task`, which shares a namespace only
#     among the task's own containers) and update the services to it. Terraform: remove
#     `pid_mode = "host"` from the `aws_ecs_task_definition`.
#   references:
#     - https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#task_definition_pidmode
package palisade.ecs.task_definition_host_pid_namespace

import data.palisade.lib.ecs
import rego.v1

checked contains t.arn if some t in input.compute.ecs_task_definitions

deny contains result if {
	some t in input.compute.ecs_task_definitions
	t.pid_mode == "host"
	result := {
		"arn": t.arn,
		"message": sprintf("ECS task definition %s shares the host's process namespace (pidMode host): its containers see and can signal every process on the instance", [ecs.label(t)]),
		"evidence": {"pid_mode": t.pid_mode},
	}
}
