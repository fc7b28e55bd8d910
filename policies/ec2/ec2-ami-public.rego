# METADATA
# title: EC2 AMI owned by the account is public
# description: |
#   An AMI the account owns has a launch permission for `all`: anyone can launch it, and
#   with it read everything baked into the image (code, configuration, keys, data left on the
#   root volume).
# custom:
#   id: ec2-ami-public
#   severity: high
#   resource_type: AWS::EC2::Image
#   scope: storage.ec2_images
#   needs: [ec2:DescribeImages]
#   remediation: |
#     `aws ec2 modify-image-attribute --image-id AMI --launch-permission
#     "Remove=[{Group=all}]"`, share with named accounts instead, then turn on AMI block public
#     access. Rotate anything secret the image contained.
#   references:
#     - https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/sharingamis-intro.html
package palisade.ec2.ami_public

import rego.v1

checked contains i.arn if some i in input.storage.ec2_images

deny contains result if {
	some i in input.storage.ec2_images
	i.public == true
	result := {
		"arn": i.arn,
		"message": sprintf("AMI %s%s in %s (account %s) is public: anyone can launch it and read its disks", [i.id, name_text(i), i.region, i.account_id]),
		"evidence": {"public": true},
	}
}

name_text(i) := sprintf(" (%s)", [i.name]) if is_string(i.name)

name_text(i) := "" if not is_string(i.name)
