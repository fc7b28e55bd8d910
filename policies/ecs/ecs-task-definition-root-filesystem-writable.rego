# METADATA
# title: ECS task definition lets containers write to their root file system
# description: |
#   A container of the family's latest active revision does not set `readonlyRootFilesystem`:
#   an intruder can drop tools, modify binaries or plant persistence in the container's file
#   system. Containers that need scratch space can mount a volume for it. AWS Foundational
#   Security Best Practices ECS.5.
# custom:
#   id: ecs-task-definition-root-filesystem-writable
#   severity: low
#   resource_type: AWS::ECS::TaskDefinition
#   scope: compute.ecs_task_definitions
#   needs: [ecs:DescribeTaskDefinition]
#   remediation: |
#     Set `"readonlyRootFilesystem": true` on each container and mount a volume (or a
#     `tmpfs` on EC2) where it must write. Terraform: the same key in `container_definitions`.
#   references:
#     - https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#container_definition_storage
package palisade.ecs.task_definition_root_filesystem_writable

import data.palisade.lib.ecs
import rego.v1

checked contains t.arn if some t in input.compute.ecs_task_definitions

deny contains result if {
	some t in input.compute.ecs_task_definitions
	names := [c.name | some c in ecs.containers(t); not c.readonly_root_filesystem == true]
	count(names) > 0
	result := {
		"arn": t.arn,
		"message": sprintf("ECS task definition %s lets containers write to their root file system (readonlyRootFilesystem not set): %s", [ecs.label(t), concat(", ", names)]),
		"evidence": {"writable_containers": names},
	}
}
