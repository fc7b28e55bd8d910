# METADATA
# title: Lambda function in a VPC uses subnets of one Availability Zone
# description: |
#   The function is attached to a VPC through subnets that all lie in one Availability Zone,
#   so an outage of that zone stops the function, although Lambda itself runs across zones.
#   Zones are read from the subnets in the snapshot; a function with a subnet the snapshot
#   does not hold is not judged. Functions outside a VPC are not judged. AWS Foundational
#   Security Best Practices Lambda.5.
# custom:
#   id: lambda-function-vpc-single-availability-zone
#   severity: low
#   resource_type: AWS::Lambda::Function
#   scope: compute.lambda_functions
#   inputs: [compute.lambda_functions, network.subnets]
#   needs: [lambda:ListFunctions, ec2:DescribeSubnets]
#   remediation: |
#     Add a subnet in a second Availability Zone of the same VPC (`aws lambda
#     update-function-configuration --function-name NAME --vpc-config
#     SubnetIds=subnet-a,subnet-b,SecurityGroupIds=sg-...`). Terraform: list subnets of two
#     zones in the function's `vpc_config`.
#   references:
#     - https://docs.aws.amazon.com/lambda/latest/dg/configuration-vpc.html
#     - https://docs.aws.amazon.com/securityhub/latest/userguide/lambda-controls.html#lambda-5
package palisade.lambda.function_vpc_single_availability_zone

import rego.v1

subnet_of[key] := s if {
	some s in input.network.subnets
	is_string(s.availability_zone)
	key := sprintf("%s/%s/%s", [s.account_id, s.region, s.id])
}

# The zones of a VPC function's subnets, when every subnet is known.
zones(f) := {subnet_of[k].availability_zone | some id in f.subnet_ids; k := key(f, id)} if {
	count(f.subnet_ids) > 0
	every id in f.subnet_ids {
		subnet_of[key(f, id)]
	}
}

# The function's VPC, as Lambda reports it or as its first subnet says.
vpc(f) := f.vpc_id if is_string(f.vpc_id)

vpc(f) := subnet_of[key(f, f.subnet_ids[0])].vpc_id if not is_string(f.vpc_id)

key(f, id) := sprintf("%s/%s/%s", [f.account_id, f.region, id])

checked contains f.arn if {
	some f in input.compute.lambda_functions
	zones(f)
}

deny contains result if {
	some f in input.compute.lambda_functions
	zs := zones(f)
	count(zs) == 1
	some zone in zs
	result := {
		"arn": f.arn,
		"message": sprintf("Lambda function %s in %s (account %s) runs in VPC %s through %d subnet(s), all in Availability Zone %s", [f.name, f.region, f.account_id, vpc(f), count(f.subnet_ids), zone]),
		"evidence": {"vpc_id": vpc(f), "subnet_ids": f.subnet_ids, "availability_zones": [zone]},
	}
}
