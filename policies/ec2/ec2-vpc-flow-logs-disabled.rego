# METADATA
# title: VPC has no flow log
# description: |
#   No VPC flow log is attached to the VPC itself. Without flow logs there is no record of which
#   addresses talked to which, on what ports, and whether traffic was accepted or rejected, so
#   reconnaissance, lateral movement and data exfiltration cannot be detected or investigated.
#   Flow logs attached only to some subnets or interfaces leave the rest of the VPC unrecorded.
# custom:
#   id: ec2-vpc-flow-logs-disabled
#   severity: medium
#   resource_type: AWS::EC2::VPC
#   scope: network.vpcs
#   inputs: [network.flow_logs]
#   remediation: |
#     Create a flow log for the VPC (at least REJECT traffic; ALL is better for investigations):
#     `aws ec2 create-flow-logs --resource-type VPC --resource-ids vpc-... --traffic-type ALL --log-destination-type s3 --log-destination arn:aws:s3:::<log-bucket>`
#     (or `--log-destination-type cloud-watch-logs --log-group-name ... --deliver-logs-permission-arn ...`).
#     Terraform: an `aws_flow_log` with `vpc_id` set.
#   references:
#     - https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs.html
#     - https://docs.aws.amazon.com/vpc/latest/userguide/working-with-flow-logs.html
package palisade.ec2.vpc_flow_logs_disabled

import rego.v1

# Resources with a flow log, keyed by account, region and resource id.
logged contains [fl.account_id, fl.region, fl.resource_id] if some fl in input.network.flow_logs

checked contains vpc.arn if some vpc in input.network.vpcs

deny contains result if {
	some vpc in input.network.vpcs
	not [vpc.account_id, vpc.region, vpc.id] in logged
	result := {
		"arn": vpc.arn,
		"message": sprintf("VPC %s (%s) in account %s, %s has no flow log", [vpc.id, vpc.cidr_block, vpc.account_id, vpc.region]),
		"evidence": {"vpc_id": vpc.id, "account_id": vpc.account_id, "region": vpc.region},
	}
}
