# METADATA
# title: RDS DB instance holding PHI is reachable from a public subnet
# description: |
#   An RDS DB instance in a segment of kind `phi` in the Palisade config can be reached from a
#   subnet routed to an internet gateway, or from a configured segment of kind `public`. Hosts
#   in public subnets are the ones attackers reach first (bastions, web servers, anything with
#   a public address); a direct network path from them to the database holding protected health
#   information means one compromised internet-facing host is one hop from the data. The
#   analysis follows each path end to end (security group egress and ingress, network ACLs both
#   ways, routes including peering and transit gateways) and reports every service that gets
#   through, whether or not a `[[flows]]` entry in the config allows it: access to PHI should go
#   through an application tier, not straight from the public tier. DB instances outside `phi`
#   segments are not checked; without a `phi` segment in the config, nothing is.
# custom:
#   id: rds-phi-data-store-reachable-from-public-subnet
#   severity: high
#   resource_type: AWS::RDS::DBInstance
#   scope: storage.rds_instances
#   inputs: [network.vpcs, network.subnets, network.route_tables, network.network_acls, network.security_groups, network.network_interfaces, network.internet_gateways, network.prefix_lists, network.instances, network.load_balancers, network.vpc_peering_connections, network.transit_gateways]
#   remediation: |
#     Admit the database port only from the application tier's security group, not from the
#     public subnets' CIDR ranges or the VPC range as a whole
#     (`aws ec2 revoke-security-group-ingress --group-id sg-... --protocol tcp --port 5432 --cidr 10.0.0.0/16`,
#     then `aws ec2 authorize-security-group-ingress --group-id sg-... --protocol tcp --port 5432 --source-group sg-app`),
#     and deny the public subnets' ranges in the database subnets' network ACL. Keep the DB
#     subnet group on private subnets. Check the result with
#     `palisade reach --from public --to <db>`. Terraform: `source_security_group_id` (or
#     `referenced_security_group_id`) on the database's ingress rules, and `aws_network_acl_rule`
#     deny entries for the public ranges.
#   references:
#     - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_VPC.Scenarios.html
#     - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.RDSSecurityGroups.html
#     - https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html
package palisade.rds.phi_data_store_reachable_from_public_subnet

import data.palisade.lib.network
import rego.v1

# The DB instances of this chunk that belong to a PHI segment.
phi_dbs contains db.arn if {
	some db in input.storage.rds_instances
	network.in_kind(db.arn, "phi")
}

checked contains arn if some arn in phi_dbs

deny contains result if {
	some f in network.flows
	f.to_kind == "phi"
	f.from_kind == "public"
	f.target in phi_dbs
	count(f.services) > 0
	not network.repeated(f)
	result := {
		"arn": f.target,
		"message": sprintf("RDS DB instance %s in PHI segment %s is reachable from %s on %s (e.g. from %s): %s", [
			f.target_name, f.to, network.from_text(f), network.describe(f.services), f.source_name, f.path,
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
