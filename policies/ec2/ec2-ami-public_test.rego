package palisade.ec2.ami_public_test

import data.palisade.ec2.ami_public as policy
import rego.v1

test_fail_when_set if {
	inp := {"storage": {"ec2_images": [{"arn": "arn:aws:ec2:us-east-1:111122223333:image/ami-0abc", "account_id": "111122223333", "region": "us-east-1", "id": "ami-0abc", "name": "claims-base", "public": true}]}}
	count(policy.deny) == 1 with input as inp
	some r in policy.deny with input as inp
	r.arn == "arn:aws:ec2:us-east-1:111122223333:image/ami-0abc"
	r.message == "AMI ami-0abc (claims-base) in us-east-1 (account 111122223333) is public: anyone can launch it and read its disks"
}

test_pass_when_set if {
	inp := {"storage": {"ec2_images": [{"arn": "arn:aws:ec2:us-east-1:111122223333:image/ami-0abc", "account_id": "111122223333", "region": "us-east-1", "id": "ami-0abc", "name": "claims-base", "public": false}]}}
	count(policy.deny) == 0 with input as inp
	"arn:aws:ec2:us-east-1:111122223333:image/ami-0abc" in policy.checked with input as inp
}
