# METADATA
# title: Subnet auto-assigns public IP addresses
# description: |
#   The subnet's `MapPublicIpOnLaunch` attribute is on, so every instance launched into it without an
#   explicit setting receives a public IPv4 address. Workloads meant to be private become reachable
#   from the internet whenever their security groups allow it, often without anyone deciding so.
# custom:
#   id: ec2-subnet-auto-assign-public-ip
#   severity: low
#   resource_type: AWS::EC2::Subnet
#   scope: network.subnets
#   remediation: |
#     Turn auto-assignment off and request public addresses explicitly only where needed:
#     `aws ec2 modify-subnet-attribute --subnet-id subnet-... --no-map-public-ip-on-launch`.
#     Terraform: `map_public_ip_on_launch = false` on `aws_subnet` (default subnets of a default VPC
#     have it on: `aws_default_subnet`).
#   references:
#     - https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ModifySubnetAttribute.html
#     - https://docs.aws.amazon.com/vpc/latest/userguide/vpc-ip-addressing.html
package palisade.ec2.subnet_auto_assign_public_ip

import rego.v1

checked contains s.arn if some s in input.network.subnets

deny contains result if {
	some s in input.network.subnets
	object.get(s, "map_public_ip_on_launch", false) == true
	result := {
		"arn": s.arn,
		"message": sprintf("Subnet %s (%s) of %s in account %s, %s assigns a public IP address to every instance launched into it", [s.id, s.cidr_block, s.vpc_id, s.account_id, s.region]),
		"evidence": {"map_public_ip_on_launch": true},
	}
}
