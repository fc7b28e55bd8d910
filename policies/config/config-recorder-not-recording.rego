# METADATA
# title: AWS Config is not recording in a region
# description: |
#   In a scanned region of the account there is no AWS Config configuration recorder that is
#   recording, either because none exists or because it was stopped. Without Config there is
#   no history of resource configurations and their changes in that region, so unauthorized
#   changes go unnoticed, incidents cannot be reconstructed and compliance rules cannot run.
# custom:
#   id: config-recorder-not-recording
#   severity: medium
#   resource_type: AWS::Config::ConfigurationRecorder
#   scope: accounts
#   inputs: [logging.config_recorders]
#   remediation: |
#     In each region, create a recorder and delivery channel and start it:
#     `aws configservice put-configuration-recorder --configuration-recorder
#     name=default,roleARN=ROLE_ARN --recording-group allSupported=true`,
#     `aws configservice put-delivery-channel ...`, then
#     `aws configservice start-configuration-recorder --configuration-recorder-name default`.
#     For many accounts use a CloudFormation StackSet or AWS Control Tower. Terraform:
#     `aws_config_configuration_recorder` plus `aws_config_configuration_recorder_status` with
#     `is_enabled = true`.
#   references:
#     - https://docs.aws.amazon.com/config/latest/developerguide/stop-start-recorder.html
#     - https://docs.aws.amazon.com/config/latest/developerguide/gs-cli.html
package palisade.config.recorder_not_recording

import data.palisade.lib.util
import rego.v1

# [account, region] pairs: scanned, with any recorder, and with a recording recorder.
scanned contains [acct.id, region] if {
	some acct in input.accounts
	some region in object.get(acct, "regions", [])
}

with_recorder contains [r.account_id, r.region] if some r in input.logging.config_recorders

recording contains [r.account_id, r.region] if {
	some r in input.logging.config_recorders
	r.recording == true
}

resource(account_id, region) := util.regional_arn("config", region, account_id, "configuration-recorder")

checked contains resource(acct, region) if some [acct, region] in scanned

deny contains result if {
	some [acct, region] in scanned
	not [acct, region] in with_recorder
	result := {
		"arn": resource(acct, region),
		"message": sprintf("AWS Config has no configuration recorder in %s (account %s)", [region, acct]),
		"evidence": {"account_id": acct, "region": region, "recorders": []},
	}
}

deny contains result if {
	some r in input.logging.config_recorders
	not r.recording == true
	key := [r.account_id, r.region]
	key in scanned
	not key in recording
	result := {
		"arn": resource(r.account_id, r.region),
		"message": sprintf("AWS Config recorder %s in %s (account %s) is not recording (last status: %v)", [r.name, r.region, r.account_id, object.get(r, "last_status", null)]),
		"evidence": {"recorder": r.arn, "recording": object.get(r, "recording", null), "last_status": object.get(r, "last_status", null)},
	}
}
