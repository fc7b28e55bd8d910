# METADATA
# title: ECS task definition runs a root container on the host network
# description: |
#   The family's latest active revision uses `networkMode: host` and a container in it runs as
#   root (no `user`, or `root` / `0`): the container is on the instance's own network stack,
#   can bind any port, reach the instance metadata service and sniff or spoof traffic of every
#   task on the host. Privileged containers are reported by
#   `ecs-task-definition-container-privileged`. AWS Foundational Security Best Practices ECS.1.
# custom:
#   id: ecs-task-definition-host-network-root-user
#   severity: high
#   resource_type: AWS::ECS::TaskDefinition
#   scope: compute.ecs_task_definitions
#   needs: [ecs:DescribeTaskDefinition]
#   remediation: |
#     Use `awsvpc` network mode (each task gets its own interface and security groups), or set a
#     non-root `user` (`"user": "1000:1000"`) on every container of the host-mode task.
#   references:
#     - https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-networking.html
#     - https://docs.aws.amazon.com/securityhub/latest/userguide/ecs-controls.html
package palisade.ecs.task_definition_host_network_root_user

import data.palisade.lib.ecs
import rego.v1

checked contains t.arn if some t in input.compute.ecs_task_definitions

deny contains result if {
	some t in input.compute.ecs_task_definitions
	t.network_mode == "host"
	names := [c.name | some c in ecs.containers(t); not c.privileged == true; ecs.runs_as_root(c)]
	count(names) > 0
	result := {
		"arn": t.arn,
		"message": sprintf("ECS task definition %s uses the host network and runs containers as root: %s", [ecs.label(t), concat(", ", names)]),
		"evidence": {"network_mode": t.network_mode, "root_containers": names},
	}
}
