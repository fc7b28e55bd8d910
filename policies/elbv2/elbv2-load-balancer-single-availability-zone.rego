# METADATA
# title: Load balancer runs in a single Availability Zone
# description: |
#   A Network or Gateway Load Balancer (or, in principle, any ELBv2 load balancer) is placed
#   in subnets of only one Availability Zone. When that zone fails or is impaired, the load
#   balancer and every service behind it are unreachable, however many targets run
#   elsewhere. Application Load Balancers cannot be created in fewer than two zones. AWS
#   Foundational Security Best Practices ELB.13.
# custom:
#   id: elbv2-load-balancer-single-availability-zone
#   severity: low
#   resource_type: AWS::ElasticLoadBalancingV2::LoadBalancer
#   scope: network.load_balancers
#   needs: [elasticloadbalancing:DescribeLoadBalancers]
#   remediation: |
#     Add a subnet in a second Availability Zone: `aws elbv2 set-subnets --load-balancer-arn
#     ARN --subnets subnet-a subnet-b` (a Network Load Balancer accepts added zones; register
#     targets there too). Terraform: list subnets of two or more zones in `subnets` (or
#     `subnet_mapping`) of the `aws_lb`.
#   references:
#     - https://docs.aws.amazon.com/elasticloadbalancing/latest/network/network-load-balancers.html#availability-zones
package palisade.elbv2.load_balancer_single_availability_zone

import data.palisade.lib.elbv2
import rego.v1

checked contains lb.arn if some lb in input.network.load_balancers

deny contains result if {
	some lb in input.network.load_balancers
	count(lb.subnet_ids) < 2
	result := {
		"arn": lb.arn,
		"message": sprintf("Load balancer %s runs in %d Availability Zone(s) (subnets: %s); it needs two or more to survive a zone failure", [elbv2.label(lb), count(lb.subnet_ids), concat(", ", lb.subnet_ids)]),
		"evidence": {"subnet_ids": lb.subnet_ids},
	}
}
