# METADATA
# title: Network ACL allows SSH or RDP from the internet
# description: |
#   For SSH (TCP 22) or RDP (TCP 3389), the first inbound network ACL entry matching traffic from
#   0.0.0.0/0 or ::/0 (entries are evaluated in ascending rule number, first match wins) is an allow.
#   The subnet-level filter then does nothing to stop internet-wide scanning and brute forcing of
#   remote administration ports; only security groups stand in the way, so one permissive group
#   exposes the host.
# custom:
#   id: ec2-network-acl-admin-ports-open-to-internet
#   severity: medium
#   resource_type: AWS::EC2::NetworkAcl
#   scope: network.network_acls
#   remediation: |
#     Remove or narrow the allow entry, or add a deny entry with a lower rule number for ports 22 and
#     3389 from the world, e.g.
#     `aws ec2 create-network-acl-entry --network-acl-id acl-... --ingress --rule-number 50 --protocol tcp --port-range From=22,To=22 --cidr-block 0.0.0.0/0 --rule-action deny`
#     (and `--ipv6-cidr-block ::/0` with another rule number for IPv6). Terraform: an
#     `aws_network_acl_rule` with `rule_action = "deny"` and a lower `rule_number` than the allow.
#   references:
#     - https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html
#     - https://docs.aws.amazon.com/vpc/latest/userguide/nacl-rules.html
package palisade.ec2.network_acl_admin_ports_open_to_internet

import data.palisade.lib.aws
import rego.v1

admin_ports := {22: "SSH", 3389: "RDP"}

checked contains acl.arn if some acl in input.network.network_acls

deny contains result if {
	some acl in input.network.network_acls
	open := [x |
		some port in sort(object.keys(admin_ports))
		some family in ["IPv4", "IPv6"]
		entry := aws.nacl_first_world_ingress(acl, port, family)
		lower(entry.action) == "allow"
		x := {"port": port, "family": family, "entry": entry}
	]
	count(open) > 0
	parts := [sprintf("%s (port %d) from %s by rule %d", [admin_ports[x.port], x.port, aws.nacl_families[x.family].world, x.entry.rule_number]) | some x in open]
	result := {
		"arn": acl.arn,
		"message": sprintf("Network ACL %s of %s (account %s, %s) allows inbound %s", [acl.id, acl.vpc_id, acl.account_id, acl.region, concat(", ", parts)]),
		"evidence": {"open": open},
	}
}
