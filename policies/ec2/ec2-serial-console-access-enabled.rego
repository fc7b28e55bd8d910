# METADATA
# title: EC2 serial console access is enabled in a region
# description: |
#   EC2 serial console access is enabled for the account in the region: anyone allowed
#   `ec2-instance-connect:SendSerialConsoleSSHPublicKey` gets an interactive console on
#   instances, beneath security groups, network ACLs and the instance's own SSH settings. Turn
#   it on only while troubleshooting. Regions whose setting could not be read are
#   `not-evaluated`.
# custom:
#   id: ec2-serial-console-access-enabled
#   severity: low
#   resource_type: AWS::EC2::SerialConsoleAccess
#   scope: network.serial_console_access
#   needs: [ec2:GetSerialConsoleAccessStatus]
#   remediation: |
#     `aws ec2 disable-serial-console-access` in the region (and deny
#     `ec2:EnableSerialConsoleAccess` by SCP outside break-glass roles). Terraform:
#     `aws_ec2_serial_console_access` with `enabled = false`.
#   references:
#     - https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-serial-console.html
package palisade.ec2.serial_console_access_enabled

import rego.v1

checked contains s.arn if some s in input.network.serial_console_access

deny contains result if {
	some s in input.network.serial_console_access
	s.state in {"enabled"}
	result := {
		"arn": s.arn,
		"message": sprintf("EC2 serial console access in %s (account %s) is %s: permitted users get a console on instances beneath every network control", [s.region, s.account_id, s.state]),
		"evidence": {"serial_console_access": s.state},
	}
}
