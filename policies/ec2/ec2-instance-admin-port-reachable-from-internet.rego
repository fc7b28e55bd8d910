# METADATA
# title: EC2 instance is reachable from the internet on an administrative port
# description: |
#   Most of the internet can actually open a connection to the instance on SSH (22), Telnet
#   (23), RDP (3389), VNC (5900) or WinRM (5985/5986). Unlike the security group checks, this
#   follows the whole path a packet takes: the instance has a public IPv4 address (or an IPv6
#   address), its subnet routes the internet through an internet gateway, the subnet's network
#   ACL admits the port and the replies, and one of its security groups admits the port from
#   at least half of the internet's addresses (prefix lists resolved). Remote administration
#   services reachable from everywhere are brute-forced within minutes and are a leading
#   initial-access and ransomware entry point. The finding shows the path. Stopped instances
#   are included: they are exposed again as soon as they start. Instances the network analysis
#   has no facts for (terminated, or data missing) are not checked.
# custom:
#   id: ec2-instance-admin-port-reachable-from-internet
#   severity: critical
#   resource_type: AWS::EC2::Instance
#   scope: network.instances
#   inputs: [network.subnets, network.route_tables, network.network_acls, network.security_groups, network.network_interfaces, network.internet_gateways, network.prefix_lists]
#   remediation: |
#     Break the path at any layer, best at the security group: remove the 0.0.0.0/0 and ::/0
#     sources for the port and admit only known administrative ranges, or use AWS Systems
#     Manager Session Manager / Fleet Manager instead of SSH and RDP
#     (`aws ec2 revoke-security-group-ingress --group-id sg-... --protocol tcp --port 22 --cidr 0.0.0.0/0`).
#     Instances that need no inbound internet traffic belong in a private subnet without a public
#     address (`aws ec2 disassociate-address --association-id eipassoc-...`). Check the result
#     with `palisade reach --from internet --to i-...`. Terraform: restrict `cidr_blocks` /
#     `ipv6_cidr_blocks` of the `aws_security_group_rule` (or
#     `aws_vpc_security_group_ingress_rule`) and set `associate_public_ip_address = false`.
#   references:
#     - https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-group-rules.html
#     - https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html
#     - https://docs.aws.amazon.com/systems-manager/latest/userguide/session-manager.html
package palisade.ec2.instance_admin_port_reachable_from_internet

import data.palisade.lib.network
import rego.v1

# The administrative ports this policy watches, with the service each usually belongs to.
admin_ports := {
	22: "SSH",
	23: "Telnet",
	3389: "RDP",
	5900: "VNC",
	5985: "WinRM",
	5986: "WinRM",
}

watched := {p | some p, _ in admin_ports}

checked contains i.arn if {
	some i in input.network.instances
	i.state != "terminated"
	network.exposure(i.arn)
}

deny contains result if {
	some i in input.network.instances
	i.state != "terminated"
	e := network.exposure(i.arn)
	some route in network.port_routes(i.arn, watched)
	result := {
		"arn": i.arn,
		"message": sprintf("EC2 instance %s%s is reachable from the internet on %s: %s", [
			e.name, network.state_note(object.get(e, "state", i.state)),
			network.port_labels(route.ports, admin_ports), route.path,
		]),
		"evidence": {"ports": sort(route.ports), "reachable": route.reachable},
	}
}
