# METADATA
# title: ECS task definition runs a privileged container
# description: |
#   A container of the family's latest active revision has `privileged: true`: it runs as root
#   on the host with every device and capability, so anyone who gets code execution in it (a
#   vulnerable dependency, a poisoned image) owns the instance and every other task on it.
#   Fargate refuses privileged containers; this matters for the EC2 and external launch
#   types. AWS Foundational Security Best Practices ECS.4.
# custom:
#   id: ecs-task-definition-container-privileged
#   severity: high
#   resource_type: AWS::ECS::TaskDefinition
#   scope: compute.ecs_task_definitions
#   needs: [ecs:DescribeTaskDefinition]
#   remediation: |
#     Register a new revision without `"privileged": true`; grant only the Linux capabilities
#     the container needs (`linuxParameters.capabilities.add`), and update the services to it.
#     Terraform: drop `privileged` from the `container_definitions` of the
#     `aws_ecs_task_definition`.
#   references:
#     - https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#container_definition_security
#     - https://docs.aws.amazon.com/securityhub/latest/userguide/ecs-controls.html
package palisade.ecs.task_definition_container_privileged

import data.palisade.lib.ecs
import rego.v1

checked contains t.arn if some t in input.compute.ecs_task_definitions

deny contains result if {
	some t in input.compute.ecs_task_definitions
	names := [c.name | some c in ecs.containers(t); c.privileged == true]
	count(names) > 0
	result := {
		"arn": t.arn,
		"message": sprintf("ECS task definition %s runs privileged containers (root on the host, every device): %s", [ecs.label(t), concat(", ", names)]),
		"evidence": {"privileged_containers": names},
	}
}
