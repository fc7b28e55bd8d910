# METADATA
# title: Resource in the cardholder data environment is reachable from the internet
# description: |
#   A resource (EC2 instance, network interface, RDS DB instance or load balancer) that belongs
#   to a segment of kind `cde` in the Palisade config can be reached by most of the internet:
#   it has a public address, its subnet routes the internet through an internet gateway, and the
#   subnet's network ACL and its security groups admit some service from at least half of the
#   internet's addresses. PCI DSS requires inbound traffic to the CDE to be restricted to what is
#   necessary and no direct public access to system components in it; anything exposed to the
#   whole internet breaks that. The finding shows the services and the path. Resources the
#   network analysis has no facts for are not checked; without a `cde` segment in the config,
#   nothing is.
# custom:
#   id: ec2-cde-reachable-from-internet
#   severity: critical
#   resource_type: AWS::EC2::Instance
#   scope: accounts
#   inputs: [network.vpcs, network.subnets, network.route_tables, network.network_acls, network.security_groups, network.network_interfaces, network.internet_gateways, network.prefix_lists, network.instances, network.load_balancers, storage.rds_instances]
#   remediation: |
#     CDE resources should receive internet traffic only through a controlled entry point (a
#     load balancer or WAF in a public segment, itself a separate segment with an allowed flow
#     into the CDE). Remove the resource's public address (`aws ec2 disassociate-address
#     --association-id eipassoc-...`, or `aws rds modify-db-instance --db-instance-identifier
#     <db> --no-publicly-accessible`), move it to a private subnet, and remove the 0.0.0.0/0 and
#     ::/0 sources from its security groups
#     (`aws ec2 revoke-security-group-ingress --group-id sg-... --protocol tcp --port PORT --cidr 0.0.0.0/0`).
#     Check the result with `palisade reach --from internet --to cde`. Terraform: private
#     subnets, `associate_public_ip_address = false` / `publicly_accessible = false`, and no world
#     `cidr_blocks` on the resource's security group rules.
#   references:
#     - https://www.pcisecuritystandards.org/document_library/
#     - https://docs.aws.amazon.com/prescriptive-guidance/latest/aws-security-reference-architecture-pci-data-security-standard-dss/introduction.html
#     - https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-best-practices.html
#     - https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html
package palisade.ec2.cde_reachable_from_internet

import data.palisade.lib.network
import rego.v1

# The scope is chunked by account: only resources of the accounts in this chunk are judged.
scope_accounts := {a.id | some a in input.accounts}

# cde_members: [resource ARN, CDE segment name] of the members of CDE segments in scope that
# have exposure facts.
cde_members contains [arn, seg] if {
	some seg in network.segments_of_kind("cde")
	some arn in input.facts.network.segments[seg].members
	e := network.exposure(arn)
	e.account_id in scope_accounts
}

checked contains arn if some [arn, _] in cde_members

deny contains result if {
	some [arn, seg] in cde_members
	e := network.exposure(arn)
	some route in network.service_routes(arn)
	result := {
		"arn": arn,
		"message": sprintf("%s %s%s in CDE segment %s is reachable from the internet on %s: %s", [
			network.kind_label(e.kind), e.name, state(e), seg, route.services, route.path,
		]),
		"evidence": {"segment": seg, "open": e.open, "reachable": route.reachable},
	}
}

state(e) := network.state_note(e.state) if {
	e.kind == "instance"
	is_string(object.get(e, "state", null))
}

state(e) := "" if not e.kind == "instance"

state(e) := "" if not is_string(object.get(e, "state", null))
