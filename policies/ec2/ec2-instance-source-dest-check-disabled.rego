# METADATA
# title: EC2 instance has source/destination checking off but routes nothing
# description: |
#   EC2 drops packets an instance sends from, or receives for, addresses that are not its
#   own, unless source/destination checking is turned off. Only NAT, firewall and routing
#   appliances need it off. This instance has it off, yet no route table of the account
#   sends traffic through the instance or its network interfaces, so the exception buys
#   nothing and leaves the instance free to send spoofed traffic or forward packets between
#   networks. Appliances behind a Gateway Load Balancer are not route targets themselves and
#   fail here too: check them by hand. Terminated instances, and instances whose setting was
#   not read (snapshots before 1.10), are not judged.
# custom:
#   id: ec2-instance-source-dest-check-disabled
#   severity: low
#   resource_type: AWS::EC2::Instance
#   scope: network.instances
#   inputs: [network.route_tables]
#   needs: [ec2:DescribeInstances]
#   remediation: |
#     `aws ec2 modify-instance-attribute --instance-id ID --source-dest-check` (turns it back
#     on). If the instance is meant to route, add the route that sends traffic through it.
#     Terraform: `source_dest_check = true` on `aws_instance` (the default).
#   references:
#     - https://docs.aws.amazon.com/vpc/latest/userguide/VPC_NAT_Instance.html#EIP_Disable_SrcDestCheck
package palisade.ec2.instance_source_dest_check_disabled

import rego.v1

judged(x) if {
	is_boolean(x.source_dest_check)
	not x.state in {"terminated", "shutting-down"}
}

checked contains x.arn if {
	some x in input.network.instances
	judged(x)
}

# Every instance and interface some active route sends traffic to, in any route table.
route_targets contains r.target_id if {
	some t in input.network.route_tables
	some r in t.routes
	r.target_type in {"instance", "eni"}
	object.get(r, "state", "active") == "active"
}

routes_through(x) if x.id in route_targets

routes_through(x) if {
	some eni in object.get(x, "network_interface_ids", [])
	eni in route_targets
}

deny contains result if {
	some x in input.network.instances
	judged(x)
	x.source_dest_check == false
	not routes_through(x)
	result := {
		"arn": x.arn,
		"message": sprintf("EC2 instance %s (account %s, %s) has source/destination checking off, but no route table routes traffic through it or its interfaces", [x.id, x.account_id, x.region]),
		"evidence": {"source_dest_check": false, "network_interface_ids": object.get(x, "network_interface_ids", [])},
	}
}
