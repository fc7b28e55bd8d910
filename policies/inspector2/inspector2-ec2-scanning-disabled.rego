# METADATA
# title: Amazon Inspector does not scan the EC2 instances of a region
# description: |
#   The account runs EC2 instances in a region where Amazon Inspector's EC2 scanning is not
#   enabled (or Inspector itself is not): nothing reports when a package with a known
#   vulnerability (CVE) is installed on them. Inspector's agent-based scanning reads the
#   package inventory from inside the operating system through Systems Manager, as an
#   authenticated scan does. Terminated instances are left out; regions without instances
#   pass, as there is nothing to scan. Regions whose Inspector status or instances could not
#   be read are `not-evaluated`. AWS Foundational Security Best Practices Inspector.1.
# custom:
#   id: inspector2-ec2-scanning-disabled
#   severity: medium
#   resource_type: AWS::Inspector2::Enabler
#   scope: logging.inspector2
#   inputs: [network.instances]
#   needs: [inspector2:BatchGetAccountStatus]
#   remediation: |
#     `aws inspector2 enable --resource-types EC2` in the region (or from the delegated
#     administrator, with auto-enable for members), and make sure the instances run the SSM
#     agent with an instance profile that allows Systems Manager, or turn on agentless
#     scanning. Terraform: `aws_inspector2_enabler` with `resource_types = ["EC2"]`.
#   references:
#     - https://docs.aws.amazon.com/inspector/latest/user/scanning-ec2.html
package palisade.inspector2.ec2_scanning_disabled

import data.palisade.lib.inspector
import data.palisade.lib.network
import rego.v1

checked contains i.arn if some i in input.logging.inspector2

instances(i) := network.live_instance_ids(i.account_id, i.region)

deny contains result if {
	some i in input.logging.inspector2
	result := inspector.unscanned(i, "ec2", "EC2 instances", instances(i))
}
