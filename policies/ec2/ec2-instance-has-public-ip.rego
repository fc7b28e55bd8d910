# METADATA
# title: Running EC2 instance has a public IP address
# description: |
#   A running instance has a public IPv4 address (auto-assigned or Elastic IP). Anything its security
#   groups and network ACLs admit is then directly reachable from the internet, and a single
#   permissive rule exposes it. Workloads that hold or process sensitive data should sit in private
#   subnets behind load balancers, NAT gateways or VPC endpoints.
# custom:
#   id: ec2-instance-has-public-ip
#   severity: low
#   resource_type: AWS::EC2::Instance
#   scope: network.instances
#   remediation: |
#     Move the workload to a private subnet and publish it through a load balancer (or reach it with
#     Systems Manager Session Manager); release Elastic IPs it does not need:
#     `aws ec2 disassociate-address --association-id eipassoc-...`. For auto-assigned addresses,
#     relaunch without one (`--no-associate-public-ip-address` in the network interface
#     specification). Terraform: `associate_public_ip_address = false` on `aws_instance` or the
#     launch template.
#   references:
#     - https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/using-instance-addressing.html
#     - https://docs.aws.amazon.com/vpc/latest/userguide/vpc-ip-addressing.html
package palisade.ec2.instance_has_public_ip

import rego.v1

checked contains i.arn if {
	some i in input.network.instances
	i.state == "running"
}

deny contains result if {
	some i in input.network.instances
	i.state == "running"
	ip := object.get(i, "public_ip", null)
	ip != null
	result := {
		"arn": i.arn,
		"message": sprintf("Running EC2 instance %s (account %s, %s%s) has public IP address %s", [i.id, i.account_id, i.region, subnet(i), ip]),
		"evidence": {"public_ip": ip, "subnet_id": object.get(i, "subnet_id", null), "security_group_ids": object.get(i, "security_group_ids", [])},
	}
}

subnet(i) := sprintf(", subnet %s", [i.subnet_id]) if is_string(object.get(i, "subnet_id", null))

subnet(i) := "" if not is_string(object.get(i, "subnet_id", null))
