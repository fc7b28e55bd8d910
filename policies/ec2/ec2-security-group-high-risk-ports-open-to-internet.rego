# METADATA
# title: Security group exposes high-risk service ports to the internet
# description: |
#   A security group admits, from 0.0.0.0/0 or ::/0, ports of services that should never face
#   the internet: file transfer and remote shells in clear text (FTP 20/21, Telnet 23), mail
#   (SMTP 25, POP3 110, IMAP 143), Windows RPC and file sharing (135, 445), the SQL Server
#   browser (1434), VNC (5500), search-cluster transport and dashboards (Elasticsearch 9300,
#   Kibana 5601) and the ports development and admin web servers listen on (3000, 4333, 5000,
#   8080, 8088, 8888). These are the high-risk ports of AWS Foundational Security Best Practices
#   EC2.19 not already covered by the SSH, RDP and database-port policies; together they cover
#   its whole list. Scanners find such ports within minutes and try default credentials,
#   known exploits (SMB, RPC) and unauthenticated consoles on them.
#
#   The rules alone are judged, so this fails wherever the group is used. When the network
#   reachability analysis ran, the finding also says whether the internet actually reaches one
#   of those ports on something the group is attached to; when nothing is reachable that way,
#   or the group is attached to nothing, the finding is kept as hygiene at low severity.
# custom:
#   id: ec2-security-group-high-risk-ports-open-to-internet
#   severity: high
#   resource_type: AWS::EC2::SecurityGroup
#   scope: network.security_groups
#   remediation: |
#     Remove the world sources for these ports and admit only the networks that need them
#     (a VPN range, a bastion's security group), or put the service behind a load balancer or
#     AWS Systems Manager Session Manager:
#     `aws ec2 revoke-security-group-ingress --group-id sg-... --protocol tcp --port 445 --cidr 0.0.0.0/0`.
#     Terraform: replace `cidr_blocks = ["0.0.0.0/0"]` on the rule with the ranges or
#     `source_security_group_id` that need access.
#   references:
#     - https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-19
#     - https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-group-rules.html
package palisade.ec2.security_group_high_risk_ports_open_to_internet

import data.palisade.lib.network
import data.palisade.lib.util
import rego.v1

# The ports this policy watches, with the service each usually belongs to.
risky_ports := {
	20: "FTP data",
	21: "FTP",
	23: "Telnet",
	25: "SMTP",
	110: "POP3",
	135: "Windows RPC",
	143: "IMAP",
	445: "SMB",
	1434: "SQL Server browser",
	3000: "development web servers",
	4333: "mSQL",
	5000: "development web servers",
	5500: "VNC",
	5601: "Kibana",
	8080: "HTTP proxies and admin consoles",
	8088: "Hadoop YARN",
	8888: "Jupyter and admin consoles",
	9300: "Elasticsearch transport",
}

checked contains sg.arn if some sg in input.network.security_groups

deny contains result if {
	some sg in input.network.security_groups
	open := util.world_ports(sg, risky_ports)
	reach := network.group_reach(sg.arn, network.ports_in(network.group_open(sg.arn), open.ports), util.ports_text(open.ports))
	result := object.union(
		{
			"arn": sg.arn,
			"message": sprintf("Security group %s (%s) in %s admits high-risk ports %s from %s%s", [sg.id, sg.name, sg.vpc_id, concat(", ", open.labels), concat(", ", sort(open.sources)), reach.note]),
			"evidence": {"ports": sort(open.ports), "rules": [rule | some rule in open.rules]},
		},
		reach.extra,
	)
}
