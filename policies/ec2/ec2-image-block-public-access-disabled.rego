# METADATA
# title: AMI block public access is off in a region
# description: |
#   Block public access for AMIs is `unblocked` in the region, so any image the account owns
#   can be shared with everyone by one `modify-image-attribute` call, with whatever code,
#   configuration and credentials are baked into it. (Images already public are reported by
#   `ec2-ami-public`.) Regions whose setting could not be read are `not-evaluated`.
# custom:
#   id: ec2-image-block-public-access-disabled
#   severity: medium
#   resource_type: AWS::EC2::ImageBlockPublicAccess
#   scope: storage.image_block_public_access
#   needs: [ec2:GetImageBlockPublicAccessState]
#   remediation: |
#     `aws ec2 enable-image-block-public-access --image-block-public-access-state
#     block-new-sharing` in every region. Terraform: `aws_ec2_image_block_public_access`.
#   references:
#     - https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/block-public-access-to-amis.html
package palisade.ec2.image_block_public_access_disabled

import rego.v1

checked contains s.arn if some s in input.storage.image_block_public_access

deny contains result if {
	some s in input.storage.image_block_public_access
	s.state in {"unblocked"}
	result := {
		"arn": s.arn,
		"message": sprintf("AMI block public access in %s (account %s) is %s: any image can be made public", [s.region, s.account_id, s.state]),
		"evidence": {"state": s.state},
	}
}
