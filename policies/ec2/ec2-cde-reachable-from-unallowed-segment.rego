# METADATA
# title: Resource in the cardholder data environment is reachable from another segment without an allowed flow
# description: |
#   A resource in a segment of kind `cde` in the Palisade config can be reached from another
#   segment (or from any subnet routed to an internet gateway) on services that none of the
#   config's `[[flows]]` allows for that pair. The analysis follows each path end to end: the
#   source's security group egress and network ACL, the route (local, VPC peering or transit
#   gateway), the target subnet's network ACL and the target's security groups, and the replies.
#   PCI DSS requires inbound traffic to the CDE to be restricted to what is necessary and every
#   allowed service to be identified and approved; an unapproved path into the CDE also brings
#   the source segment into PCI scope and defeats the segmentation. The finding shows the
#   services no allowed flow covers, one source and its path. Flows between two CDE segments
#   are not judged here. Without a `cde` segment in the config, nothing is checked.
# custom:
#   id: ec2-cde-reachable-from-unallowed-segment
#   severity: high
#   resource_type: AWS::EC2::Instance
#   scope: accounts
#   inputs: [network.vpcs, network.subnets, network.route_tables, network.network_acls, network.security_groups, network.network_interfaces, network.internet_gateways, network.prefix_lists, network.instances, network.load_balancers, storage.rds_instances, network.vpc_peering_connections, network.transit_gateways]
#   remediation: |
#     If the flow is intended (an approved business need), declare it in `palisade.toml` so it
#     becomes part of the documented segmentation:
#     `[[flows]]` with `from = "<segment>"`, `to = "<cde segment>"`, `services = ["tcp/5432"]`
#     and a `justification`. Otherwise break the path: in the target's security group, admit the
#     port only from the approved segments' security groups or CIDR ranges
#     (`aws ec2 revoke-security-group-ingress --group-id sg-... --protocol tcp --port 5432 --cidr 10.50.0.0/16`),
#     deny the source range in the CDE subnets' network ACL
#     (`aws ec2 create-network-acl-entry --network-acl-id acl-... --ingress --rule-number 90 --protocol tcp --port-range From=5432,To=5432 --cidr-block 10.50.0.0/16 --rule-action deny`),
#     or remove the peering / transit gateway route that carries it. Check the result with
#     `palisade reach --from <segment> --to <cde segment>`.
#   references:
#     - https://www.pcisecuritystandards.org/document_library/
#     - https://docs.aws.amazon.com/prescriptive-guidance/latest/aws-security-reference-architecture-pci-data-security-standard-dss/introduction.html
#     - https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-groups.html
#     - https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html
package palisade.ec2.cde_reachable_from_unallowed_segment

import data.palisade.lib.network
import rego.v1

# The scope is chunked by account: only resources of the accounts in this chunk are judged.
scope_accounts := {a.id | some a in input.accounts}

checked contains arn if {
	some seg in network.segments_of_kind("cde")
	some arn in input.facts.network.segments[seg].members
	network.account_of(arn) in scope_accounts
}

deny contains result if {
	some f in network.flows
	f.to_kind == "cde"
	f.from_kind != "cde"
	count(f.disallowed) > 0
	f.account_id in scope_accounts
	not network.repeated(f)
	result := {
		"arn": f.target,
		"message": sprintf("%s %s in CDE segment %s is reachable from %s on %s that no allowed flow covers (e.g. from %s): %s", [
			network.kind_label(f.target_kind), f.target_name, f.to, network.from_text(f),
			network.describe(f.disallowed), f.source_name, f.path,
		]),
		"evidence": {
			"from": f.from,
			"to": f.to,
			"services": f.services,
			"disallowed": f.disallowed,
			"source": f.source,
			"path": f.path,
		},
	}
}
