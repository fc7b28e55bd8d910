#!/usr/bin/env python3
"""Synthetic VPC estate (a Palisade snapshot) and palisade.toml for the network-analysis benchmark.

    python3 gen_estate.py --interfaces 10000 --security-groups 5000 --seed 1 -o snapshot.json --config-out palisade.toml
    python3 gen_estate.py --interfaces 1000 -o small.json --config-out small.toml

Writes a snapshot exactly in the shape of `palisade collect` (the serde structs of
src/inventory: schema_version 1.1, `network` and `storage.rds_instances`, 2-space indent like the
collector), for account 111122223333 in us-east-1 (about 3/4 of the VPCs) and us-west-2. Everything
is drawn from one random.Random(seed): the same arguments give the same bytes.

What is in it (see README.md): --vpcs VPCs (default interfaces/200, at least 5), each a /16 with
4 to 8 subnets (public: 0.0.0.0/0 and ::/0 to the internet gateway; private: 0.0.0.0/0 to a NAT
gateway; isolated: no default route), route tables per subnet or shared per tier, the VPC's main
table for some isolated subnets, NACLs per tier (ordered denies before allows, one variant that
drops the replies to internet clients, a CDE one that lets replies out only to private ranges)
or the default NACL; peering (cde and phi VPCs to a shared-services VPC, app VPCs to each
other, a few not active), one transit gateway per region (hub-and-spoke route tables: shared
services reach every spoke, spokes only shared services), S3 gateway endpoints (prefix-list
routes) and interface endpoints; --security-groups security groups with CIDR rules (some
0.0.0.0/0 on 22/3389/443/5432), security-group references (about 40% of the rules) and a few
prefix-list rules; exactly --interfaces network interfaces: NAT gateways, load balancers,
databases, VPC endpoints, Lambda functions and instances (about 20% of all interfaces with a
public IP); RDS instances (about 2% of the interfaces, a few publicly accessible); a few load
balancers, internet-facing and internal. Subnets carry a `segment` tag (cde, phi, public,
corporate, internal); --config-out writes the matching palisade.toml.
"""

import argparse
import ipaddress
import json
import random
import sys

ACCOUNT = "111122223333"
COLLECTED_AT = "2026-11-20T09:00:00Z"
REGIONS = ["us-east-1", "us-west-2"]
AZS = {"us-east-1": ["us-east-1a", "us-east-1b", "us-east-1c"],
       "us-west-2": ["us-west-2a", "us-west-2b", "us-west-2c"]}
S3_PREFIX_LIST = {"us-east-1": ("pl-63a5400a", ["52.216.0.0/15", "3.5.0.0/19", "54.231.0.0/16"]),
                  "us-west-2": ("pl-68a54001", ["52.218.128.0/17", "3.5.76.0/22", "52.92.128.0/17"])}
# Customer-managed prefix lists that some security group rules name.
CUSTOMER_PREFIX_LISTS = [
    ("corp-vpn-egress", ["198.51.100.0/24", "203.0.113.0/25"]),
    ("partner-sftp", ["192.0.2.0/26", "198.18.7.0/24"]),
    ("monitoring-saas", ["185.199.108.0/22"]),
]
OFFICE_RANGES = ["203.0.113.0/24", "198.51.100.17/32", "192.0.2.64/27", "198.18.0.0/20"]
BLOCKLIST = ["198.51.100.0/24", "45.155.205.0/24", "185.220.100.0/22"]
PUBLIC_FIRST_OCTETS = [3, 13, 18, 34, 35, 44, 50, 52, 54, 107]
INSTANCE_TYPES = ["t3.micro", "t3.medium", "m5.large", "m6i.xlarge", "c6g.large", "r6i.2xlarge",
                  "c5.xlarge", "m7g.large"]
TEAMS = ["payments", "claims", "identity", "search", "data", "platform", "web", "billing",
         "growth", "risk", "ledger", "catalog", "support", "ml", "reporting", "ops"]
ROLES = ["api", "web", "worker", "batch", "cache", "queue", "ingest", "auth", "gateway", "etl",
         "scheduler", "render", "sync", "export", "notify", "index"]
ENDPOINT_SERVICES = ["ssm", "ssmmessages", "ec2messages", "ecr.api", "ecr.dkr", "logs",
                     "secretsmanager", "kms", "sts"]
APP_PORTS = [(8080, 8080), (8443, 8443), (443, 443), (80, 80), (9090, 9090), (8000, 8999),
             (5432, 5432), (3306, 3306), (6379, 6379), (9200, 9200), (27017, 27017), (22, 22),
             (6514, 6514), (2049, 2049)]
# Ports opened to 0.0.0.0/0 and their weights.
WORLD_PORTS = [((443, 443), 40), ((80, 80), 18), ((22, 22), 18), ((3389, 3389), 7),
               ((5432, 5432), 5), ((8080, 8080), 6), ((0, 65535), 3), ((3306, 3306), 3)]
DB_ENGINES = [("postgres", 5432), ("mysql", 3306), ("aurora-postgresql", 5432),
              ("mariadb", 3306), ("sqlserver-se", 1433)]


class Gen:
    def __init__(self, a):
        self.a = a
        self.rng = random.Random(a.seed)
        self.seen = set()
        self.n = {k: [] for k in [
            "vpcs", "subnets", "route_tables", "internet_gateways",
            "egress_only_internet_gateways", "nat_gateways", "network_acls", "security_groups",
            "network_interfaces", "instances", "vpc_peering_connections", "vpc_endpoints",
            "flow_logs", "load_balancers", "transit_gateways", "prefix_lists"]}
        self.rds = []
        self.public_ips = set()

    # --- ids and names ------------------------------------------------------------------
    def hexid(self, prefix, digits=17):
        while True:
            i = f"{prefix}-{self.rng.getrandbits(4 * digits):0{digits}x}"
            if i not in self.seen:
                self.seen.add(i)
                return i

    @staticmethod
    def arn(region, kind, rid):
        return f"arn:aws:ec2:{region}:{ACCOUNT}:{kind}/{rid}"

    def base(self, region, kind, rid):
        return {"arn": self.arn(region, kind, rid), "account_id": ACCOUNT, "region": region,
                "id": rid}

    def public_ip(self):
        while True:
            ip = (f"{self.rng.choice(PUBLIC_FIRST_OCTETS)}.{self.rng.randrange(256)}."
                  f"{self.rng.randrange(256)}.{self.rng.randrange(1, 255)}")
            if ip not in self.public_ips:
                self.public_ips.add(ip)
                return ip

    def uuid(self):
        h = f"{self.rng.getrandbits(128):032x}"
        return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"

    # --- the estate -----------------------------------------------------------------------
    def generate(self):
        a, rng = self.a, self.rng
        nv = a.vpcs
        for region in REGIONS:
            for name, cidrs in CUSTOMER_PREFIX_LISTS:
                pid = self.hexid("pl", 17)
                self.n["prefix_lists"].append({**self.base(region, "prefix-list", pid),
                                               "name": name, "cidrs": cidrs})
            pid, cidrs = S3_PREFIX_LIST[region]
            self.n["prefix_lists"].append({**self.base(region, "prefix-list", pid),
                                           "name": f"com.amazonaws.{region}.s3", "cidrs": cidrs})
        self.customer_pls = {r: [p["id"] for p in self.n["prefix_lists"]
                                 if p["region"] == r and not p["name"].startswith("com.")]
                             for r in REGIONS}

        # Profiles: cde and phi VPCs about 10% each, shared services about 10% (one per region
        # at least), the rest application VPCs.
        profiles = (["cde"] * max(1, round(nv * 0.10)) + ["phi"] * max(1, round(nv * 0.10))
                    + ["shared"] * max(2, round(nv * 0.10)))
        profiles = profiles[:nv] + ["app"] * max(0, nv - len(profiles))
        rng.shuffle(profiles)
        # One shared-services VPC in each region at least: the first two shared are placed there.
        regions = []
        shared_seen = 0
        for p in profiles:
            if p == "shared" and shared_seen < len(REGIONS):
                regions.append(REGIONS[shared_seen])
                shared_seen += 1
            else:
                regions.append("us-east-1" if rng.random() < 0.75 else "us-west-2")
        self.vpcs = []
        for i, (profile, region) in enumerate(zip(profiles, regions)):
            self.vpcs.append(self.vpc(i, profile, region))

        self.transit_gateways()
        self.peerings()
        self.finish_route_tables()

        # Interfaces: the fixed owners first, then the remaining budget as instances and Lambda.
        budget = a.interfaces - len(self.n["network_interfaces"])
        n_lb = min(max(4, a.interfaces // 1000), max(0, budget // 8))
        for _ in range(n_lb):
            self.load_balancer()
        budget = a.interfaces - len(self.n["network_interfaces"])
        n_db = min(max(2, round(a.interfaces * 0.02)), max(0, budget // 6))
        for _ in range(n_db):
            self.database()
        for v in self.vpcs:
            if len(self.n["network_interfaces"]) >= a.interfaces - 4:
                break
            self.vpc_endpoints(v)
        self.security_groups_fill()
        self.workloads(a.interfaces - len(self.n["network_interfaces"]))
        self.security_group_rules()

        for v in self.vpcs:
            if rng.random() < 0.7:
                fid = self.hexid("fl")
                self.n["flow_logs"].append({
                    **self.base(v["region"], "vpc-flow-log", fid), "resource_id": v["id"],
                    "traffic_type": rng.choice(["ALL", "ALL", "REJECT"]),
                    "log_destination_type": "cloud-watch-logs",
                    "log_destination": f"arn:aws:logs:{v['region']}:{ACCOUNT}:log-group:/vpc/{v['name']}",
                    "status": "ACTIVE"})

        accounts = [{"id": ACCOUNT, "alias": "bench-network", "partition": "aws",
                     "regions": REGIONS}]
        snapshot = {
            "schema_version": "1.1",
            "collected_at": COLLECTED_AT,
            "generator": f"gen_estate.py --interfaces {a.interfaces} --security-groups "
                         f"{a.security_groups} --vpcs {a.vpcs} --seed {a.seed}",
            "accounts": accounts,
            "network": self.n,
            "storage": {"rds_instances": self.rds},
        }
        return snapshot

    def vpc_cidr(self, i):
        # 10.0.0.0/8 holds 256 /16s, then 172.16.0.0/12 16 more; beyond that CIDRs repeat
        # (those VPCs are never peered or attached: overlapping VPCs cannot be).
        if i < 256:
            return f"10.{i}.0.0/16", True
        if i < 272:
            return f"172.{16 + i - 256}.0.0/16", True
        return f"10.{(i - 272) % 256}.0.0/16", False

    def vpc(self, i, profile, region):
        rng = self.rng
        vid = self.hexid("vpc")
        cidr, routable = self.vpc_cidr(i)
        net = ipaddress.ip_network(cidr)
        team = rng.choice(TEAMS)
        name = {"cde": f"cde-{team}-{i}", "phi": f"phi-{team}-{i}",
                "shared": f"shared-services-{i}"}.get(profile, f"{team}-{i}")
        ipv6 = rng.random() < 0.25
        v6net = f"2600:1f{rng.randrange(16, 32):02x}:{rng.randrange(0x1000, 0xffff):x}:{rng.randrange(256):02x}00::/56" if ipv6 else None
        env = "prod" if profile in ("cde", "phi", "shared") or rng.random() < 0.6 else rng.choice(["staging", "dev"])
        self.n["vpcs"].append({**self.base(region, "vpc", vid), "cidr_block": cidr,
                               "ipv6_cidr_blocks": [v6net] if v6net else [],
                               "is_default": False,
                               "tags": {"Name": name, "env": env, "owner": f"{team}-team"}})
        v = {"id": vid, "region": region, "cidr": cidr, "net": net, "profile": profile,
             "name": name, "team": team, "ipv6": v6net, "routable": routable, "subnets": [],
             "weight": rng.uniform(0.5, 1.5), "sgs": [], "role_sgs": {}, "tables": [],
             "private_tables": [], "extra_routes": [], "peer_routes": []}
        igw = self.hexid("igw")
        self.n["internet_gateways"].append({**self.base(region, "internet-gateway", igw),
                                            "vpc_ids": [vid], "tags": {"Name": f"{name}-igw"}})
        v["igw"] = igw
        if v6net:
            eigw = self.hexid("eigw")
            self.n["egress_only_internet_gateways"].append({
                **self.base(region, "egress-only-internet-gateway", eigw), "vpc_ids": [vid],
                "tags": {"Name": f"{name}-eigw"}})
            v["eigw"] = eigw

        # Subnets: public, private and isolated tiers over 2 or 3 zones.
        count = rng.randint(4, 8)
        zones = AZS[region][:rng.choice([2, 3])]
        n_pub = 1 if count < 6 else min(2, len(zones))
        n_iso = 1 if count < 6 else 2
        tiers = ["public"] * n_pub + ["private"] * (count - n_pub - n_iso) + ["isolated"] * n_iso
        for k, tier in enumerate(tiers):
            sid = self.hexid("subnet")
            sub = ipaddress.ip_network(f"{net.network_address + k * 4096}/20")
            seg = self.segment_of(profile, tier)
            s = {"id": sid, "tier": tier, "segment": seg, "az": zones[k % len(zones)],
                 "net": sub, "next": 10, "v6": None}
            if v6net and tier != "isolated":
                p = ipaddress.ip_network(v6net)
                s["v6"] = ipaddress.ip_network(f"{p.network_address + (k << 64)}/64")
            v["subnets"].append(s)
        # App VPCs sometimes hold a CDE or PHI subnet among their private ones.
        if profile == "app" and rng.random() < 0.12:
            privs = [s for s in v["subnets"] if s["tier"] == "private"]
            rng.choice(privs)["segment"] = rng.choice(["cde", "phi"])

        self.route_tables(v)
        self.nacls(v)
        for s in v["subnets"]:
            self.n["subnets"].append({
                **self.base(region, "subnet", s["id"]), "vpc_id": vid,
                "cidr_block": str(s["net"]),
                "ipv6_cidr_blocks": [str(s["v6"])] if s["v6"] else [],
                "availability_zone": s["az"],
                "map_public_ip_on_launch": s["tier"] == "public",
                "route_table_id": s.get("table"), "network_acl_id": s["nacl"],
                "tags": {"Name": f"{name}-{s['tier']}-{s['az'][-1]}", "tier": s["tier"],
                         "segment": s["segment"]}})
        return v

    def segment_of(self, profile, tier):
        rng = self.rng
        if tier == "public":
            return "public"
        if profile in ("cde", "phi"):
            return profile
        if profile == "shared":
            return "corporate" if tier == "private" else "internal"
        if tier == "private":
            return "corporate" if rng.random() < 0.4 else "internal"
        return "internal"

    # --- routing --------------------------------------------------------------------------
    def route_tables(self, v):
        rng, region = self.rng, v["region"]
        local = [{"destination_cidr": v["cidr"], "target_type": "local", "target_id": "local",
                  "state": "active"}]
        if v["ipv6"]:
            local.append({"destination_ipv6_cidr": v["ipv6"], "target_type": "local",
                          "target_id": "local", "state": "active"})
        # NAT gateways in the public subnets (one per public subnet).
        nats = {}
        for s in v["subnets"]:
            if s["tier"] != "public":
                continue
            nid = self.hexid("nat")
            eni = self.hexid("eni")
            pip = self.public_ip()
            ip = self.next_ip(s)
            self.n["nat_gateways"].append({
                **self.base(region, "natgateway", nid), "vpc_id": v["id"],
                "subnet_id": s["id"], "public_ip": pip, "state": "available"})
            self.n["network_interfaces"].append({
                **self.base(region, "network-interface", eni), "vpc_id": v["id"],
                "subnet_id": s["id"], "private_ips": [ip], "ipv6_addresses": [],
                "public_ip": pip, "security_group_ids": [], "attachment_kind": "nat_gateway",
                "attached_to": nid, "description": f"Interface for NAT Gateway {nid}"})
            nats[s["az"]] = nid
        first_nat = next(iter(nats.values()))

        def table(kind, subnets, main=False):
            tid = self.hexid("rtb")
            routes = [dict(r) for r in local]
            if kind == "public":
                routes.append({"destination_cidr": "0.0.0.0/0", "target_type": "igw",
                               "target_id": v["igw"], "state": "active"})
                routes.append({"destination_ipv6_cidr": "::/0", "target_type": "igw",
                               "target_id": v["igw"], "state": "active"})
            elif kind == "private":
                az = subnets[0]["az"] if subnets else None
                routes.append({"destination_cidr": "0.0.0.0/0", "target_type": "nat",
                               "target_id": nats.get(az, first_nat), "state": "active"})
                if v["ipv6"]:
                    routes.append({"destination_ipv6_cidr": "::/0", "target_type": "eigw",
                                   "target_id": v["eigw"], "state": "active"})
            t = {**self.base(region, "route-table", tid), "vpc_id": v["id"], "main": main,
                 "subnet_ids": [s["id"] for s in subnets], "routes": routes,
                 "tags": {"Name": f"{v['name']}-{kind}" + ("-main" if main else "")},
                 "kind": kind}
            for s in subnets:
                s["table"] = tid
            v["tables"].append(t)
            if kind in ("private", "isolated"):
                v["private_tables"].append(t)
            return t

        per_subnet = rng.random() < 0.5
        main = table("isolated", [], main=True)
        if per_subnet:
            for s in v["subnets"]:
                table(s["tier"], [s])
        else:
            table("public", [s for s in v["subnets"] if s["tier"] == "public"])
            by_az = {}
            for s in v["subnets"]:
                if s["tier"] == "private":
                    by_az.setdefault(s["az"], []).append(s)
            for subs in by_az.values():
                table("private", subs)
            # Isolated subnets without an explicit association: the main table applies.
            for s in v["subnets"]:
                if s["tier"] == "isolated":
                    s["table"] = None
        v["main_table"] = main

    def transit_gateways(self):
        """One transit gateway per region with VPCs to attach: hub-and-spoke route tables."""
        rng = self.rng
        frac = self.a.tgw_fraction
        for region in REGIONS:
            vpcs = [v for v in self.vpcs if v["region"] == region and v["routable"]]
            attached = [v for v in vpcs
                        if v["profile"] in ("shared", "cde", "phi") or rng.random() < frac]
            if len(attached) < 2 or not any(v["profile"] == "shared" for v in attached):
                continue
            tgw = self.hexid("tgw")
            hub_rt, spoke_rt, regulated_rt = (self.hexid("tgw-rtb") for _ in range(3))
            atts = []
            hub_routes, spoke_routes, regulated_routes = [], [], []
            for v in attached:
                att = self.hexid("tgw-attach")
                rt = (hub_rt if v["profile"] == "shared"
                      else regulated_rt if v["profile"] in ("cde", "phi") else spoke_rt)
                atts.append({"id": att, "resource_type": "vpc", "resource_id": v["id"],
                             "resource_account_id": ACCOUNT, "route_table_id": rt,
                             "state": "available"})
                v["tgw"] = tgw
                route = {"destination_cidr": v["cidr"], "attachment_ids": [att],
                         "state": "active"}
                hub_routes.append(route)
                if v["profile"] == "shared":
                    spoke_routes.append(route)
                    regulated_routes.append(route)
            # Spokes do not reach each other; regulated spokes are fenced off explicitly.
            spoke_routes.append({"destination_cidr": "10.0.0.0/8", "attachment_ids": [],
                                 "state": "blackhole"})
            regulated_routes.append({"destination_cidr": "0.0.0.0/0", "attachment_ids": [],
                                     "state": "blackhole"})
            # A VPN attachment to the data centre, routed from the hub table.
            vpn = self.hexid("tgw-attach")
            atts.append({"id": vpn, "resource_type": "vpn", "resource_id": self.hexid("vpn"),
                         "resource_account_id": ACCOUNT, "route_table_id": hub_rt,
                         "state": "available"})
            hub_routes.append({"destination_cidr": "192.168.0.0/16", "attachment_ids": [vpn],
                               "state": "active"})
            self.n["transit_gateways"].append({
                **self.base(region, "transit-gateway", tgw), "attachments": atts,
                "route_tables": [{"id": hub_rt, "routes": hub_routes},
                                 {"id": spoke_rt, "routes": spoke_routes},
                                 {"id": regulated_rt, "routes": regulated_routes}],
                "tags": {"Name": f"core-{region}"}})
            for v in attached:
                for t in v["tables"]:
                    if t["kind"] == "public" and v["profile"] != "shared":
                        continue
                    t["routes"].append({"destination_cidr": "10.0.0.0/8", "target_type": "tgw",
                                        "target_id": tgw, "state": "active"})
                    t["routes"].append({"destination_cidr": "192.168.0.0/16",
                                        "target_type": "tgw", "target_id": tgw,
                                        "state": "active"})

    def peerings(self):
        """CDE and PHI VPCs peered to a shared-services VPC of their region, app VPCs to each
        other (some across regions), and a few peerings no longer active."""
        rng = self.rng
        pairs = []
        shared = {r: [v for v in self.vpcs if v["profile"] == "shared" and v["region"] == r
                      and v["routable"]] for r in REGIONS}
        for v in self.vpcs:
            if v["profile"] in ("cde", "phi") and v["routable"] and shared[v["region"]]:
                if rng.random() < 0.6:
                    pairs.append((v, rng.choice(shared[v["region"]]), "active"))
        apps = [v for v in self.vpcs if v["profile"] == "app" and v["routable"]]
        for _ in range(max(1, len(self.vpcs) // 8)):
            if len(apps) < 2:
                break
            x, y = rng.sample(apps, 2)
            status = "active" if rng.random() < 0.85 else rng.choice(["deleted", "pending-acceptance"])
            pairs.append((x, y, status))
        seen = set()
        for x, y, status in pairs:
            key = tuple(sorted((x["id"], y["id"])))
            if key in seen:
                continue
            seen.add(key)
            pid = self.hexid("pcx")
            self.n["vpc_peering_connections"].append({
                **self.base(x["region"], "vpc-peering-connection", pid),
                "requester_vpc_id": x["id"], "requester_account_id": ACCOUNT,
                "requester_cidr_blocks": [x["cidr"]], "accepter_vpc_id": y["id"],
                "accepter_account_id": ACCOUNT, "accepter_cidr_blocks": [y["cidr"]],
                "status": status, "tags": {"Name": f"{x['name']}--{y['name']}"}})
            if status == "pending-acceptance":
                continue
            # Routes on both sides, from the private and isolated tables (a deleted peering
            # leaves blackhole routes behind).
            state = "active" if status == "active" else "blackhole"
            for a, b in ((x, y), (y, x)):
                for t in a["private_tables"]:
                    t["routes"].append({"destination_cidr": b["cidr"], "target_type": "peering",
                                        "target_id": pid, "state": state})

    def finish_route_tables(self):
        for v in self.vpcs:
            for t in v["tables"]:
                t.pop("kind")
                self.n["route_tables"].append(t)

    # --- NACLs ----------------------------------------------------------------------------
    def nacls(self, v):
        rng, region, cidr = self.rng, v["region"], v["cidr"]
        v6 = bool(v["ipv6"])

        def e(num, egress, proto, action, block, ports=None):
            x = {"rule_number": num, "egress": egress, "protocol": proto, "action": action}
            x["ipv6_cidr_block" if ":" in block else "cidr_block"] = block
            if ports:
                x["from_port"], x["to_port"] = ports
            return x

        def star(egress):
            return [e(32767, egress, "-1", "deny", "0.0.0.0/0"), e(32768, egress, "-1", "deny", "::/0")]

        def allow_all(egress):
            return [e(100, egress, "-1", "allow", "0.0.0.0/0"), e(101, egress, "-1", "allow", "::/0")]

        def acl(name, entries, subnets, default=False):
            aid = self.hexid("acl")
            self.n["network_acls"].append({
                **self.base(region, "network-acl", aid), "vpc_id": v["id"],
                "is_default": default, "subnet_ids": [s["id"] for s in subnets],
                "entries": entries, "tags": {} if default else {"Name": f"{v['name']}-{name}"}})
            for s in subnets:
                s["nacl"] = aid
            return aid

        def public_edge():
            variant = rng.choices(["web", "deny-admin", "no-ephemeral-out", "office-ssh"],
                                  [35, 30, 15, 20])[0]
            if variant == "web":
                inbound = [e(90, False, "-1", "deny", rng.choice(BLOCKLIST)),
                           e(100, False, "6", "allow", "0.0.0.0/0", (443, 443)),
                           e(110, False, "6", "allow", "0.0.0.0/0", (80, 80)),
                           e(120, False, "6", "allow", "0.0.0.0/0", (1024, 65535)),
                           e(130, False, "-1", "allow", "10.0.0.0/8"),
                           e(140, False, "6", "allow", "::/0", (443, 443))]
                outbound = allow_all(True)
            elif variant == "deny-admin":
                inbound = [e(50, False, "6", "deny", "0.0.0.0/0", (22, 22)),
                           e(60, False, "6", "deny", "0.0.0.0/0", (3389, 3389)),
                           e(70, False, "6", "deny", "::/0", (22, 22))] + allow_all(False)
                outbound = allow_all(True)
            elif variant == "no-ephemeral-out":
                # Replies to internet clients leave on ephemeral ports: dropped here.
                inbound = allow_all(False)
                outbound = [e(100, True, "6", "allow", "0.0.0.0/0", (443, 443)),
                            e(110, True, "6", "allow", "0.0.0.0/0", (80, 80)),
                            e(120, True, "-1", "allow", "10.0.0.0/8")]
            else:
                inbound = [e(100, False, "6", "allow", rng.choice(OFFICE_RANGES), (22, 22)),
                           e(110, False, "6", "allow", "0.0.0.0/0", (443, 443)),
                           e(120, False, "6", "allow", "0.0.0.0/0", (1024, 65535)),
                           e(130, False, "-1", "allow", "10.0.0.0/8"),
                           e(140, False, "6", "allow", "0.0.0.0/0", (3389, 3389))]
                outbound = allow_all(True)
            return inbound + star(False) + outbound + star(True)

        def private():
            inbound = [e(100, False, "-1", "allow", "10.0.0.0/8"),
                       e(105, False, "-1", "allow", "172.16.0.0/12"),
                       e(110, False, "6", "allow", "0.0.0.0/0", (1024, 65535)),
                       e(120, False, "17", "allow", "0.0.0.0/0", (1024, 65535))]
            if v6:
                inbound.append(e(130, False, "6", "allow", "::/0", (1024, 65535)))
            return inbound + star(False) + allow_all(True) + star(True)

        def regulated():
            # Ordered denies before allows; replies to other VPCs only on ephemeral ports, and in
            # one variant only within the VPC (no cross-VPC flow gets its replies back).
            inbound = [e(80, False, "6", "allow", cidr, (22, 22)),
                       e(90, False, "6", "deny", "0.0.0.0/0", (22, 22)),
                       e(95, False, "6", "deny", "0.0.0.0/0", (3389, 3389)),
                       e(100, False, "6", "allow", "10.0.0.0/8", (443, 443)),
                       e(110, False, "6", "allow", "10.0.0.0/8", (8443, 8443)),
                       e(120, False, "6", "allow", cidr, (5432, 5432)),
                       e(125, False, "6", "allow", "10.0.0.0/8", (5432, 5432)),
                       e(130, False, "6", "allow", "0.0.0.0/0", (1024, 65535)),
                       e(140, False, "17", "allow", cidr, (53, 53))]
            reply_to = cidr if rng.random() < 0.3 else "10.0.0.0/8"
            outbound = [e(100, True, "6", "allow", reply_to, (1024, 65535)),
                        e(110, True, "6", "allow", "0.0.0.0/0", (443, 443)),
                        e(120, True, "6", "allow", "10.0.0.0/8", (6514, 6514)),
                        e(130, True, "6", "allow", cidr, (5432, 5432)),
                        e(140, True, "6", "allow", "10.0.0.0/8", (8443, 8443)),
                        e(150, True, "17", "allow", cidr, (53, 53))]
            return inbound + star(False) + outbound + star(True)

        def isolated():
            inbound = [e(100, False, "-1", "allow", cidr),
                       e(110, False, "6", "allow", "10.0.0.0/8", (5432, 5432)),
                       e(120, False, "6", "allow", "10.0.0.0/8", (3306, 3306))]
            outbound = [e(100, True, "-1", "allow", cidr),
                        e(110, True, "6", "allow", "10.0.0.0/8", (1024, 65535))]
            return inbound + star(False) + outbound + star(True)

        subs = v["subnets"]
        by_tier = lambda *tiers: [s for s in subs if s["tier"] in tiers]
        regulated_subs = [s for s in subs if s["segment"] in ("cde", "phi")]
        taken = set()
        if v["profile"] in ("cde", "phi") or rng.random() < 0.6:
            acl("public", public_edge(), by_tier("public"))
            acl("regulated" if regulated_subs else "private-a",
                regulated() if regulated_subs else private(), regulated_subs or by_tier("private")[:1])
            taken |= {s["id"] for s in by_tier("public")} | {s["id"] for s in (regulated_subs or by_tier("private")[:1])}
            rest_priv = [s for s in by_tier("private") if s["id"] not in taken]
            if rest_priv:
                acl("private", private(), rest_priv)
                taken |= {s["id"] for s in rest_priv}
            rest_iso = [s for s in by_tier("isolated") if s["id"] not in taken]
            if rest_iso:
                acl("isolated", isolated(), rest_iso)
                taken |= {s["id"] for s in rest_iso}
        elif regulated_subs:
            acl("regulated", regulated(), regulated_subs)
            taken |= {s["id"] for s in regulated_subs}
        acl("default", allow_all(False) + star(False) + allow_all(True) + star(True),
            [s for s in subs if s["id"] not in taken], default=True)

    # --- addresses ------------------------------------------------------------------------
    def next_ip(self, s):
        ip = s["net"].network_address + s["next"]
        s["next"] += 1
        if s["next"] >= s["net"].num_addresses - 2:
            s["next"] = 10
        return str(ip)

    def next_ip6(self, s):
        return str(s["v6"].network_address + s["next"] + 0x1000)

    # --- security groups -------------------------------------------------------------------
    def sg(self, v, name, role, description=None):
        gid = self.hexid("sg")
        g = {**self.base(v["region"], "security-group", gid), "name": name,
             "description": description or f"{name} ({v['name']})", "vpc_id": v["id"],
             "ingress": [], "egress": [], "tags": {"Name": name, "owner": f"{v['team']}-team"},
             "_role": role, "_vpc": v}
        v["sgs"].append(g)
        self.n["security_groups"].append(g)
        return g

    def role_sg(self, v, role):
        if role not in v["role_sgs"]:
            v["role_sgs"][role] = self.sg(v, {"default": "default"}.get(role, f"{v['name']}-{role}"), role)
        return v["role_sgs"][role]

    def security_groups_fill(self):
        """The VPCs' fixed groups, then service groups up to --security-groups in all."""
        for v in self.vpcs:
            for role in ("default", "bastion", "monitoring", "common"):
                self.role_sg(v, role)
        total = self.a.security_groups - len(self.n["security_groups"])
        weights = [v["weight"] for v in self.vpcs]
        wsum = sum(weights)
        for v, w in zip(self.vpcs, weights):
            v["service_sgs"] = [self.sg(v, f"{v['name']}-{self.rng.choice(ROLES)}-{k}", "service")
                                for k in range(max(0, round(total * w / wsum)))]
        # Rounding: trim or top up to exactly the requested number.
        while len(self.n["security_groups"]) > self.a.security_groups:
            v = max(self.vpcs, key=lambda v: len(v["service_sgs"]))
            if not v["service_sgs"]:
                break
            g = v["service_sgs"].pop()
            v["sgs"].remove(g)
            self.n["security_groups"].remove(g)
        k = 0
        while len(self.n["security_groups"]) < self.a.security_groups:
            v = self.vpcs[k % len(self.vpcs)]
            v["service_sgs"].append(self.sg(v, f"{v['name']}-{self.rng.choice(ROLES)}-x{k}", "service"))
            k += 1

    def world_rule(self, v, tier):
        rng = self.rng
        ports = rng.choices([p for p, _ in WORLD_PORTS], [w for _, w in WORLD_PORTS])[0]
        r = {"protocol": "tcp", "from_port": ports[0], "to_port": ports[1],
             "cidr_blocks": ["0.0.0.0/0"], "ipv6_cidr_blocks": [], "prefix_list_ids": [],
             "security_group_ids": []}
        if v["ipv6"] and rng.random() < 0.5:
            r["ipv6_cidr_blocks"] = ["::/0"]
        if ports == (443, 443) or ports == (80, 80):
            r["description"] = "public web"
        return r

    def ingress_rule(self, v, g, tier):
        """One ingress rule: about 40% security-group references, 45% private CIDRs, the rest
        public sources (mostly 0.0.0.0/0) and prefix lists."""
        rng = self.rng
        r = {"protocol": "tcp", "cidr_blocks": [], "ipv6_cidr_blocks": [], "prefix_list_ids": [],
             "security_group_ids": []}
        world = {"public": 0.24, "private": 0.06, "isolated": 0.02}.get(tier, 0.08)
        kind = rng.choices(["sg", "private", "world", "narrow", "pl"],
                           [0.40, 0.47 - world, world, 0.05, 0.01])[0]
        if kind == "world":
            return self.world_rule(v, tier)
        lo, hi = rng.choice(APP_PORTS)
        if rng.random() < 0.06:
            r["protocol"] = "-1"
        elif (lo, hi) == (6514, 6514) and rng.random() < 0.3:
            r["protocol"] = "udp"
        if r["protocol"] != "-1":
            r["from_port"], r["to_port"] = lo, hi
        if kind == "sg":
            # Mostly the groups of this VPC's services (they are attached), sometimes its own.
            pool = v["service_sgs"][:64] or v["sgs"]
            refs = [rng.choice(pool)["id"]]
            if rng.random() < 0.25:
                refs.append(rng.choice([v["role_sgs"]["bastion"], v["role_sgs"]["common"], g])["id"])
            r["security_group_ids"] = sorted(set(refs))
        elif kind == "private":
            choice = rng.random()
            if choice < 0.35:
                r["cidr_blocks"] = [v["cidr"]]
            elif choice < 0.6:
                r["cidr_blocks"] = ["10.0.0.0/8"]
            elif choice < 0.8:
                s = rng.choice(v["subnets"])
                r["cidr_blocks"] = [str(s["net"])]
            elif choice < 0.9:
                other = rng.choice(self.vpcs)
                r["cidr_blocks"] = [other["cidr"]]
            else:
                r["cidr_blocks"] = ["172.16.0.0/12", "192.168.0.0/16"]
        elif kind == "narrow":
            r["cidr_blocks"] = rng.sample(OFFICE_RANGES, rng.randint(1, 2))
        else:
            r["prefix_list_ids"] = [rng.choice(self.customer_pls[v["region"]])]
        return r

    def egress_rules(self, v):
        rng = self.rng
        if rng.random() < 0.85:
            r = {"protocol": "-1", "cidr_blocks": ["0.0.0.0/0"],
                 "ipv6_cidr_blocks": ["::/0"] if v["ipv6"] else [], "prefix_list_ids": [],
                 "security_group_ids": []}
            return [r]
        s3 = S3_PREFIX_LIST[v["region"]][0]
        return [
            {"protocol": "tcp", "from_port": 443, "to_port": 443, "cidr_blocks": ["0.0.0.0/0"],
             "ipv6_cidr_blocks": [], "prefix_list_ids": [], "security_group_ids": []},
            {"protocol": "tcp", "from_port": 0, "to_port": 65535, "cidr_blocks": [v["cidr"]],
             "ipv6_cidr_blocks": [], "prefix_list_ids": [], "security_group_ids": []},
            {"protocol": "tcp", "from_port": 443, "to_port": 443, "cidr_blocks": [],
             "ipv6_cidr_blocks": [], "prefix_list_ids": [s3], "security_group_ids": []},
            {"protocol": "tcp", "from_port": 6514, "to_port": 6514, "cidr_blocks": ["10.0.0.0/8"],
             "ipv6_cidr_blocks": [], "prefix_list_ids": [], "security_group_ids": []},
        ]

    def security_group_rules(self):
        rng = self.rng
        for g in self.n["security_groups"]:
            v, role = g["_vpc"], g["_role"]
            tier = g.get("_tier", "private")
            if role == "default":
                g["ingress"] = [{"protocol": "-1", "cidr_blocks": [], "ipv6_cidr_blocks": [],
                                 "prefix_list_ids": [], "security_group_ids": [g["id"]]}]
            elif role == "bastion":
                src = rng.choices(["world", "office", "pl"], [30, 50, 20])[0]
                r = {"protocol": "tcp", "from_port": 22, "to_port": 22, "cidr_blocks": [],
                     "ipv6_cidr_blocks": [], "prefix_list_ids": [], "security_group_ids": [],
                     "description": "ssh"}
                if src == "world":
                    r["cidr_blocks"] = ["0.0.0.0/0"]
                elif src == "office":
                    r["cidr_blocks"] = rng.sample(OFFICE_RANGES, 2)
                else:
                    r["prefix_list_ids"] = [self.customer_pls[v["region"]][0]]
                g["ingress"] = [r]
            elif role == "monitoring":
                g["ingress"] = [{"protocol": "tcp", "from_port": 9100, "to_port": 9100,
                                 "cidr_blocks": ["10.0.0.0/8"], "ipv6_cidr_blocks": [],
                                 "prefix_list_ids": [], "security_group_ids": []},
                                {"protocol": "icmp", "from_port": -1, "to_port": -1,
                                 "cidr_blocks": [v["cidr"]], "ipv6_cidr_blocks": [],
                                 "prefix_list_ids": [], "security_group_ids": []}]
            elif role == "common":
                g["ingress"] = [{"protocol": "tcp", "from_port": 22, "to_port": 22,
                                 "cidr_blocks": [], "ipv6_cidr_blocks": [], "prefix_list_ids": [],
                                 "security_group_ids": [v["role_sgs"]["bastion"]["id"]],
                                 "description": "ssh from the bastion"}]
            elif role == "alb-public":
                g["ingress"] = [{"protocol": "tcp", "from_port": p, "to_port": p,
                                 "cidr_blocks": ["0.0.0.0/0"],
                                 "ipv6_cidr_blocks": ["::/0"] if v["ipv6"] else [],
                                 "prefix_list_ids": [], "security_group_ids": []}
                                for p in (443, 80)]
            elif role == "alb-internal":
                g["ingress"] = [{"protocol": "tcp", "from_port": 443, "to_port": 443,
                                 "cidr_blocks": ["10.0.0.0/8"], "ipv6_cidr_blocks": [],
                                 "prefix_list_ids": [], "security_group_ids": []}]
            elif role == "db":
                port = g["_port"]
                g["ingress"] = [{"protocol": "tcp", "from_port": port, "to_port": port,
                                 "cidr_blocks": [], "ipv6_cidr_blocks": [], "prefix_list_ids": [],
                                 "security_group_ids": sorted({rng.choice(v["service_sgs"] or v["sgs"])["id"]
                                                               for _ in range(rng.randint(1, 3))})},
                                {"protocol": "tcp", "from_port": port, "to_port": port,
                                 "cidr_blocks": [rng.choice([v["cidr"], "10.0.0.0/8"])],
                                 "ipv6_cidr_blocks": [], "prefix_list_ids": [],
                                 "security_group_ids": []}]
                if g.get("_open"):
                    g["ingress"].append({"protocol": "tcp", "from_port": port, "to_port": port,
                                         "cidr_blocks": ["0.0.0.0/0"], "ipv6_cidr_blocks": [],
                                         "prefix_list_ids": [], "security_group_ids": [],
                                         "description": "temporary vendor access"})
            elif role == "vpce":
                g["ingress"] = [{"protocol": "tcp", "from_port": 443, "to_port": 443,
                                 "cidr_blocks": [v["cidr"]], "ipv6_cidr_blocks": [],
                                 "prefix_list_ids": [], "security_group_ids": []}]
            else:
                g["ingress"] = [self.ingress_rule(v, g, tier) for _ in range(rng.randint(1, 5))]
                if g.get("_alb"):
                    g["ingress"].append({"protocol": "tcp", "from_port": 8080, "to_port": 8080,
                                         "cidr_blocks": [], "ipv6_cidr_blocks": [],
                                         "prefix_list_ids": [], "security_group_ids": [g["_alb"]],
                                         "description": "from the load balancer"})
            g["egress"] = self.egress_rules(v)
            for k in ("_vpc", "_role", "_tier", "_port", "_open", "_alb"):
                g.pop(k, None)

    # --- owners of interfaces ---------------------------------------------------------------
    def eni(self, v, s, sgs, kind, owner, description=None, public=False, v6=False):
        eid = self.hexid("eni")
        x = {**self.base(v["region"], "network-interface", eid), "vpc_id": v["id"],
             "subnet_id": s["id"], "private_ips": [self.next_ip(s)],
             "ipv6_addresses": [self.next_ip6(s)] if v6 and s["v6"] else [],
             "public_ip": self.public_ip() if public else None,
             "security_group_ids": [g["id"] for g in sgs], "attachment_kind": kind,
             "attached_to": owner, "description": description}
        self.n["network_interfaces"].append(x)
        return x

    def pick_vpc(self, prefer=None):
        vs = self.vpcs
        w = [v["weight"] * (3 if prefer and v["profile"] in prefer else 1) for v in vs]
        return self.rng.choices(vs, w)[0]

    def load_balancer(self):
        rng = self.rng
        kind = rng.choices(["alb-public", "nlb-public", "alb-internal"], [55, 15, 30])[0]
        v = self.pick_vpc()
        tier = "private" if kind == "alb-internal" else "public"
        subs = [s for s in v["subnets"] if s["tier"] == tier] or v["subnets"][:1]
        name = f"{v['team']}-{rng.choice(ROLES)}-{'int' if kind == 'alb-internal' else 'ext'}-{len(self.n['load_balancers'])}"
        short = "net" if kind == "nlb-public" else "app"
        lbid = f"{rng.getrandbits(64):016x}"
        sgs = [] if kind == "nlb-public" else [self.role_sg(v, kind)]
        if sgs:
            v.setdefault("alb_sgs", []).append(sgs[0]["id"])
        listeners = ([{"port": 443, "protocol": "TLS"}] if kind == "nlb-public" else
                     [{"port": 443, "protocol": "HTTPS"}, {"port": 80, "protocol": "HTTP"}]
                     if kind == "alb-public" else [{"port": 443, "protocol": "HTTPS"}])
        dual = v["ipv6"] and kind != "alb-internal" and rng.random() < 0.5
        self.n["load_balancers"].append({
            "arn": f"arn:aws:elasticloadbalancing:{v['region']}:{ACCOUNT}:loadbalancer/{short}/{name}/{lbid}",
            "account_id": ACCOUNT, "region": v["region"], "name": name,
            "type": "network" if kind == "nlb-public" else "application",
            "scheme": "internal" if kind == "alb-internal" else "internet-facing",
            "vpc_id": v["id"], "subnet_ids": [s["id"] for s in subs],
            "security_group_ids": [g["id"] for g in sgs],
            "ip_address_type": "dualstack" if dual else "ipv4",
            "dns_name": f"{name}-{rng.randrange(10**9, 10**10)}.{v['region']}.elb.amazonaws.com",
            "listeners": listeners,
            "tags": {"Name": name, "owner": f"{v['team']}-team"}})
        for s in subs:
            self.eni(v, s, sgs, "load_balancer", f"{short}/{name}/{lbid}",
                     f"ELB {short}/{name}/{lbid}", public=tier == "public" and kind != "alb-internal",
                     v6=dual)

    def database(self):
        rng = self.rng
        v = self.pick_vpc(prefer=("cde", "phi"))
        engine, port = rng.choice(DB_ENGINES)
        iso = [s for s in v["subnets"] if s["tier"] == "isolated"]
        priv = [s for s in v["subnets"] if s["tier"] == "private"]
        pub = [s for s in v["subnets"] if s["tier"] == "public"]
        public = rng.random() < 0.06
        subs = iso + priv[:max(0, 2 - len(iso))]
        if public and rng.random() < 0.6:
            subs = pub + subs[:1]
        g = self.sg(v, f"{v['name']}-db-{len(self.rds)}", "db")
        g["_port"] = port
        g["_open"] = public and rng.random() < 0.7
        name = f"{v['team']}-{rng.choice(['ledger', 'orders', 'users', 'claims', 'cards', 'events', 'audit', 'billing'])}-db-{len(self.rds)}"
        seg = rng.choice(subs)["segment"]
        self.rds.append({
            "arn": f"arn:aws:rds:{v['region']}:{ACCOUNT}:db:{name}", "account_id": ACCOUNT,
            "region": v["region"], "id": name, "engine": engine, "status": "available",
            "storage_encrypted": rng.random() < 0.9, "kms_key_id": None,
            "publicly_accessible": public, "port": port, "vpc_id": v["id"],
            "subnet_ids": [s["id"] for s in subs], "security_group_ids": [g["id"]],
            "cluster_id": None, "multi_az": rng.random() < 0.5,
            "backup_retention_days": rng.choice([1, 7, 14, 35]),
            "iam_auth_enabled": rng.random() < 0.3, "deletion_protection": rng.random() < 0.6,
            "auto_minor_version_upgrade": True,
            "tags": {"Name": name, "segment": seg, "owner": f"{v['team']}-team"}})
        # The collector cannot tie an RDS interface to its database (no owner id): the analysis
        # places the database in every subnet of its group.
        s = subs[0]
        self.eni(v, s, [g], "rds", None, "RDSNetworkInterface",
                 public=public and s["tier"] == "public")

    def vpc_endpoints(self, v):
        rng = self.rng
        region = v["region"]
        s3 = S3_PREFIX_LIST[region][0]
        eid = self.hexid("vpce")
        tables = [t["id"] for t in v["private_tables"]]
        self.n["vpc_endpoints"].append({
            **self.base(region, "vpc-endpoint", eid), "vpc_id": v["id"],
            "service_name": f"com.amazonaws.{region}.s3", "endpoint_type": "Gateway",
            "policy": None, "route_table_ids": tables, "subnet_ids": [], "security_group_ids": [],
            "private_dns_enabled": False})
        for t in v["private_tables"]:
            t["routes"].append({"destination_prefix_list_id": s3, "target_type": "endpoint",
                                "target_id": eid, "state": "active"})
        priv = [s for s in v["subnets"] if s["tier"] == "private"]
        for svc in rng.sample(ENDPOINT_SERVICES, rng.randint(0, 3)):
            eid = self.hexid("vpce")
            g = self.role_sg(v, "vpce")
            subs = priv[:2]
            self.n["vpc_endpoints"].append({
                **self.base(region, "vpc-endpoint", eid), "vpc_id": v["id"],
                "service_name": f"com.amazonaws.{region}.{svc}", "endpoint_type": "Interface",
                "policy": None, "route_table_ids": [], "subnet_ids": [s["id"] for s in subs],
                "security_group_ids": [g["id"]], "private_dns_enabled": True})
            for s in subs:
                self.eni(v, s, [g], "vpc_endpoint", eid, f"VPC Endpoint Interface {eid}")

    def workloads(self, budget):
        """Instances (most) and Lambda functions in services of 1 to 12 interfaces: a service
        shares its security groups and subnets, as an auto-scaling group or a function does."""
        rng = self.rng
        if budget <= 0:
            return
        weights = [v["weight"] for v in self.vpcs]
        wsum = sum(weights)
        quotas = [int(budget * w / wsum) for w in weights]
        for k in range(budget - sum(quotas)):
            quotas[k % len(quotas)] += 1
        for v, quota in zip(self.vpcs, quotas):
            svc_sgs = v["service_sgs"] or [v["role_sgs"]["common"]]
            k = 0
            while quota > 0:
                tier = rng.choices(["public", "private", "isolated"], [22, 60, 18])[0]
                subs = [s for s in v["subnets"] if s["tier"] == tier]
                if not subs:
                    continue
                lam = tier == "private" and rng.random() < 0.12
                size = min(quota, rng.randint(1, 12))
                quota -= size
                own = svc_sgs[k % len(svc_sgs)]
                k += 1
                own.setdefault("_tier", tier)
                if tier == "public" and v.get("alb_sgs") and rng.random() < 0.5:
                    own.setdefault("_alb", rng.choice(v["alb_sgs"]))
                sgs = [own]
                if rng.random() < 0.5:
                    sgs.append(v["role_sgs"]["common"])
                if rng.random() < 0.3:
                    sgs.append(v["role_sgs"]["monitoring"])
                if tier == "public" and rng.random() < 0.15:
                    sgs.append(v["role_sgs"]["bastion"])
                if rng.random() < 0.04:
                    sgs = [v["role_sgs"]["default"]]
                sgs = sgs[:3]
                role = rng.choice(ROLES)
                name = f"{v['team']}-{role}-{k}"
                spread = subs if rng.random() < 0.7 else [rng.choice(subs)]
                for j in range(size):
                    s = spread[j % len(spread)]
                    if lam:
                        fn = f"{name}-fn"
                        self.eni(v, s, sgs, "lambda", fn, f"AWS Lambda VPC ENI-{fn}-{self.uuid()}")
                        continue
                    public = (rng.random() < 0.85) if tier == "public" else (rng.random() < 0.01)
                    iid = self.hexid("i")
                    x = self.eni(v, s, sgs, "instance", iid, "Primary network interface",
                                 public=public, v6=rng.random() < 0.5)
                    tags = {"Name": f"{name}-{j}", "service": name, "owner": f"{v['team']}-team"}
                    if rng.random() < 0.3:
                        tags["segment"] = s["segment"]
                    elif rng.random() < 0.005:
                        tags["segment"] = rng.choice(["cde", "phi"])  # tagged, not placed, there
                    state = "running" if rng.random() < 0.95 else "stopped"
                    self.n["instances"].append({
                        **self.base(v["region"], "instance", iid), "vpc_id": v["id"],
                        "subnet_id": s["id"], "state": state,
                        "instance_type": rng.choice(INSTANCE_TYPES),
                        "image_id": f"ami-{rng.getrandbits(68):017x}",
                        "private_ip": x["private_ips"][0], "public_ip": x["public_ip"],
                        "network_interface_ids": [x["id"]],
                        "security_group_ids": x["security_group_ids"],
                        "iam_instance_profile": (f"arn:aws:iam::{ACCOUNT}:instance-profile/{name}"
                                                 if rng.random() < 0.6 else None),
                        "metadata_options": {"http_tokens": "required" if rng.random() < 0.7 else "optional",
                                             "http_endpoint": "enabled",
                                             "http_put_response_hop_limit": rng.choice([1, 2])},
                        "tags": tags})


CONFIG = """\
# Segments and intended flows for the synthetic estate of benchmarks/network/gen_estate.py:
# subnets carry a `segment` tag (cde, phi, public, corporate, internal); `internal` is no
# segment here.

[segments.cde]
kind = "cde"
description = "Cardholder data environment"
tags = { segment = "cde" }

[segments.phi]
kind = "phi"
description = "Protected health information"
tags = { segment = "phi" }

[segments.public]
kind = "public"
description = "Internet-facing tier"
tags = { segment = "public" }

[segments.corporate]
kind = "internal"
description = "Shared services and corporate workloads"
tags = { segment = "corporate" }

[[flows]]
from = "public"
to = "cde"
services = ["tcp/8443"]
justification = "web tier calls the card API"

[[flows]]
from = "public"
to = "phi"
services = ["tcp/8443"]
justification = "web tier calls the claims API"

[[flows]]
from = "phi"
to = "cde"
services = ["tcp/8443"]
justification = "claims API calls the card API"

[[flows]]
from = "cde"
to = "corporate"
services = ["tcp/6514", "tcp/443"]
justification = "syslog over TLS and metrics to the shared collectors"

[[flows]]
from = "phi"
to = "corporate"
services = ["tcp/6514", "tcp/443"]
justification = "syslog over TLS and metrics to the shared collectors"

[[flows]]
from = "corporate"
to = "cde"
services = ["tcp/22"]
justification = "jump hosts in shared services"
"""


def stats(snap):
    n = snap["network"]
    seg_of = {s["id"]: s["tags"]["segment"] for s in n["subnets"]}
    segs = {}
    for e in n["network_interfaces"]:
        segs[seg_of[e["subnet_id"]]] = segs.get(seg_of[e["subnet_id"]], 0) + 1
    kinds = {}
    for e in n["network_interfaces"]:
        kinds[e["attachment_kind"]] = kinds.get(e["attachment_kind"], 0) + 1
    total = len(n["network_interfaces"])
    public = sum(1 for e in n["network_interfaces"] if e["public_ip"])
    rules = [r for g in n["security_groups"] for r in g["ingress"]]
    refs = sum(1 for r in rules if r["security_group_ids"])
    world = sum(1 for r in rules if "0.0.0.0/0" in r["cidr_blocks"])
    lists = sum(1 for r in rules if r["prefix_list_ids"])
    out = {
        "vpcs": len(n["vpcs"]), "subnets": len(n["subnets"]),
        "route tables": len(n["route_tables"]), "NACLs": len(n["network_acls"]),
        "security groups": len(n["security_groups"]),
        "ingress rules": f"{len(rules)} ({100 * refs // max(1, len(rules))}% group references, "
                         f"{world} from 0.0.0.0/0, {lists} with a prefix list)",
        "interfaces": f"{total} (" + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())) + ")",
        "public IPs": f"{public} ({100 * public // max(1, total)}%)",
        "instances": len(n["instances"]), "RDS": len(snap["storage"]["rds_instances"]),
        "load balancers": len(n["load_balancers"]),
        "peerings": len(n["vpc_peering_connections"]),
        "transit gateways": f"{len(n['transit_gateways'])} ("
                            + ", ".join(str(sum(1 for x in t['attachments'] if x['resource_type'] == 'vpc'))
                                        for t in n["transit_gateways"]) + " VPC attachments)",
        "segments by interface": ", ".join(f"{k} {100 * v // max(1, total)}%"
                                           for k, v in sorted(segs.items())),
    }
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--interfaces", type=int, default=10000,
                    help="network interfaces in all (default 10000)")
    ap.add_argument("--security-groups", type=int, default=5000,
                    help="security groups in all (default 5000)")
    ap.add_argument("--vpcs", type=int, help="VPCs (default interfaces/200, at least 5)")
    ap.add_argument("--tgw-fraction", type=float, default=0.3,
                    help="share of application VPCs attached to their region's transit gateway "
                         "(shared-services, cde and phi VPCs always are; default 0.3)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--indent", type=int, default=2,
                    help="JSON indent (default 2, as `palisade collect` writes; 0 for compact)")
    ap.add_argument("-o", "--output", required=True)
    ap.add_argument("--config-out", metavar="FILE", help="also write the matching palisade.toml")
    a = ap.parse_args()
    if a.vpcs is None:
        a.vpcs = max(5, a.interfaces // 200)
    if a.interfaces < 20 * a.vpcs:
        ap.error(f"--interfaces {a.interfaces} is too few for {a.vpcs} VPCs (at least 20 each)")
    if a.security_groups < 8 * a.vpcs:
        ap.error(f"--security-groups {a.security_groups} is too few for {a.vpcs} VPCs (at least 8 each)")
    snap = Gen(a).generate()
    with open(a.output, "w") as f:
        if a.indent:
            json.dump(snap, f, indent=a.indent)
        else:
            json.dump(snap, f, separators=(",", ":"))
        f.write("\n")
    if a.config_out:
        with open(a.config_out, "w") as f:
            f.write(CONFIG)
    print(", ".join(f"{k}: {v}" for k, v in stats(snap).items()), file=sys.stderr)


if __name__ == "__main__":
    main()
