# METADATA
# title: EC2 instance has no IAM role
# description: |
#   The instance has no instance profile, so it has no IAM role (CIS AWS Foundations 1.18).
#   Software on it that calls AWS then needs long-term access keys stored on the machine,
#   which leak with its disk, snapshots and backups and are rarely rotated; a role gives it
#   short-lived credentials through the instance metadata service instead, and the Systems
#   Manager agent needs one to manage and patch the instance. Terminated instances are not
#   judged.
# custom:
#   id: ec2-instance-no-iam-role
#   severity: low
#   resource_type: AWS::EC2::Instance
#   scope: network.instances
#   remediation: |
#     Create a role for the workload (at least `AmazonSSMManagedInstanceCore` for management)
#     and attach it: `aws ec2 associate-iam-instance-profile --instance-id ID
#     --iam-instance-profile Name=PROFILE`; then remove any access keys from the instance.
#     Terraform: `iam_instance_profile` on the `aws_instance` or launch template.
#   references:
#     - https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/iam-roles-for-amazon-ec2.html
package palisade.ec2.instance_no_iam_role

import data.palisade.lib.util
import rego.v1

checked contains i.arn if {
	some i in input.network.instances
	i.state != "terminated"
}

deny contains result if {
	some i in input.network.instances
	i.state != "terminated"
	not util.non_blank(object.get(i, "iam_instance_profile", null))
	result := {
		"arn": i.arn,
		"message": sprintf("EC2 instance %s (account %s, %s, %s) has no IAM instance profile: whatever on it calls AWS needs long-term keys", [i.id, i.account_id, i.region, i.state]),
		"evidence": {"iam_instance_profile": object.get(i, "iam_instance_profile", null)},
	}
}
