# Helpers shared by the EC2, S3 and RDS built-in policies: S3 transport security, S3 Block
# Public Access, S3 ACL grants and network ACL entries. Policy documents: see lib/iam.rego.
package palisade.lib.aws

import data.palisade.lib.iam
import data.palisade.lib.util
import rego.v1

# ---------------------------------------------------------------------------------------------
# S3: encryption in transit
# ---------------------------------------------------------------------------------------------

# false_value(v): a condition value meaning false: false, "false" (any case), or an array of those.
false_value(v) if v == false

false_value(v) if {
	is_string(v)
	lower(v) == "false"
}

false_value(v) if {
	is_array(v)
	count(v) > 0
	every x in v {
		is_string_or_bool_false(x)
	}
}

is_string_or_bool_false(x) if x == false

is_string_or_bool_false(x) if {
	is_string(x)
	lower(x) == "false"
}

# insecure_transport_condition(stmt): the statement's Condition matches requests made without TLS
# (Bool or BoolIfExists on aws:SecureTransport = false; condition key names are case-insensitive).
insecure_transport_condition(stmt) if {
	cond := object.get(stmt, "Condition", {})
	is_object(cond)
	some op, block in cond
	op in {"Bool", "BoolIfExists"}
	is_object(block)
	some key, value in block
	lower(key) == "aws:securetransport"
	false_value(value)
}

# covers_all_s3_actions(stmt): the statement's Action is s3:* or * (string or array).
covers_all_s3_actions(stmt) if {
	some a in util.as_array(object.get(stmt, "Action", []))
	is_string(a)
	lower(a) in {"s3:*", "*"}
}

# denies_insecure_transport(stmt): a Deny statement for every principal that refuses all S3
# actions over plain HTTP.
denies_insecure_transport(stmt) if {
	stmt.Effect == "Deny"
	iam.any_principal(stmt)
	covers_all_s3_actions(stmt)
	insecure_transport_condition(stmt)
}

# ---------------------------------------------------------------------------------------------
# S3: Block Public Access
# ---------------------------------------------------------------------------------------------

# The four Block Public Access switches, in the order AWS lists them.
pab_switches := ["block_public_acls", "ignore_public_acls", "block_public_policy", "restrict_public_buckets"]

# account_pab_on: [account_id, switch] for every switch an account-level block turns on.
# A set (not an object keyed by account) so that a duplicated record cannot make it conflict.
account_pab_on contains [rec.account_id, switch] if {
	some rec in input.storage.s3_account_public_access_blocks
	cfg := object.get(rec, "config", null)
	is_object(cfg)
	some switch in pab_switches
	object.get(cfg, switch, false) == true
}

# bucket_pab_on(bucket, switch): the bucket's own block turns the switch on.
bucket_pab_on(bucket, switch) if {
	cfg := object.get(bucket, "public_access_block", null)
	is_object(cfg)
	object.get(cfg, switch, false) == true
}

# pab_on(bucket, switch): the effective setting, bucket-level OR account-level.
pab_on(bucket, switch) if bucket_pab_on(bucket, switch)

pab_on(bucket, switch) if [bucket.account_id, switch] in account_pab_on

# pab_off(bucket): the switches not effectively on for a bucket, in pab_switches order.
pab_off(bucket) := [s | some s in pab_switches; not pab_on(bucket, s)]

# config_off(cfg): the switches a Block Public Access configuration leaves off (all when null).
config_off(cfg) := [s | some s in pab_switches; not object.get(cfg, s, false) == true] if is_object(cfg)

config_off(null) := pab_switches

# ---------------------------------------------------------------------------------------------
# S3: public access through the bucket policy and the ACL
# ---------------------------------------------------------------------------------------------

all_users_uri := "http://acs.amazonaws.com/groups/global/AllUsers"

authenticated_users_uri := "http://acs.amazonaws.com/groups/global/AuthenticatedUsers"

# public_grant(grant): an ACL grant to everyone or to every AWS account holder.
public_grant(grant) if grant.grantee in {all_users_uri, authenticated_users_uri}

# grantee_name(uri): the short group name for messages.
grantee_name(uri) := "AllUsers" if uri == all_users_uri

grantee_name(uri) := "AuthenticatedUsers" if uri == authenticated_users_uri

# acls_disabled(bucket): Object Ownership "bucket owner enforced" turns ACLs off entirely.
acls_disabled(bucket) if object.get(bucket, "object_ownership", null) == "BucketOwnerEnforced"

# public_policy_statement(stmt): an unconditional Allow to everyone.
public_policy_statement(stmt) if {
	stmt.Effect == "Allow"
	iam.any_principal(stmt)
	not iam.has_condition(stmt)
}

# ---------------------------------------------------------------------------------------------
# Network ACL entries
# ---------------------------------------------------------------------------------------------

# The world source of each address family and the entry field that holds it.
nacl_families := {
	"IPv4": {"field": "cidr_block", "world": "0.0.0.0/0"},
	"IPv6": {"field": "ipv6_cidr_block", "world": "::/0"},
}

nacl_tcp(entry) if lower(entry.protocol) in {"6", "tcp"}

# nacl_covers_port(entry, port): the entry matches TCP traffic to `port` (all protocols, or TCP
# with a range containing it; a missing range means all ports).
nacl_covers_port(entry, _) if entry.protocol == "-1"

nacl_covers_port(entry, _) if {
	nacl_tcp(entry)
	not is_number(object.get(entry, "from_port", null))
}

nacl_covers_port(entry, _) if {
	nacl_tcp(entry)
	not is_number(object.get(entry, "to_port", null))
}

nacl_covers_port(entry, port) if {
	nacl_tcp(entry)
	entry.from_port <= port
	port <= entry.to_port
}

# nacl_first_world_ingress(acl, port, family): the lowest-numbered inbound entry of the family's
# world source that matches TCP `port`: the entry that decides such traffic from the internet.
# Undefined when no entry matches.
nacl_first_world_ingress(acl, port, family) := first if {
	fam := nacl_families[family]
	matching := [e |
		some e in acl.entries
		object.get(e, "egress", false) == false
		object.get(e, fam.field, null) == fam.world
		nacl_covers_port(e, port)
	]
	count(matching) > 0
	lowest := min({e.rule_number | some e in matching})
	first := [e | some e in matching; e.rule_number == lowest][0]
}
