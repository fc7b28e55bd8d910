# METADATA
# title: EC2 instance allows IMDSv1
# description: |
#   The instance metadata service is enabled and does not require session tokens
#   (`http_tokens` is not `required`), so the legacy IMDSv1 request/response protocol is accepted.
#   A server-side request forgery (SSRF) flaw or a misconfigured proxy on the instance can then be
#   used to read the instance role's temporary credentials, as in several well-known breaches;
#   IMDSv2's session tokens block these attacks.
# custom:
#   id: ec2-instance-imdsv1-allowed
#   severity: medium
#   resource_type: AWS::EC2::Instance
#   scope: network.instances
#   remediation: |
#     Require IMDSv2 (check first that the instance's software uses an SDK or agent that supports it):
#     `aws ec2 modify-instance-metadata-options --instance-id i-... --http-tokens required --http-endpoint enabled`.
#     For new instances set it in launch templates or account-wide with
#     `aws ec2 modify-instance-metadata-defaults --http-tokens required`. Terraform:
#     `metadata_options { http_tokens = "required" }` on `aws_instance` / `aws_launch_template`.
#   references:
#     - https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-instance-metadata-service.html
#     - https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-IMDS-existing-instances.html
package palisade.ec2.instance_imdsv1_allowed

import rego.v1

checked contains i.arn if {
	some i in input.network.instances
	i.state != "terminated"
}

deny contains result if {
	some i in input.network.instances
	i.state != "terminated"
	opts := object.get(i, "metadata_options", {})
	endpoint := lower(object.get(opts, "http_endpoint", "enabled"))
	endpoint == "enabled"
	tokens := object.get(opts, "http_tokens", "optional")
	lower(tokens) != "required"
	result := {
		"arn": i.arn,
		"message": sprintf("EC2 instance %s (account %s, %s, %s) accepts IMDSv1: metadata endpoint enabled with http_tokens %q", [i.id, i.account_id, i.region, i.state, tokens]),
		"evidence": {"metadata_options": opts},
	}
}
