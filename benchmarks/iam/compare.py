#!/usr/bin/env python3
"""Privilege escalation, principal by principal: Palisade next to Cloudsplaining.

    compare.py --auth-details FILE --cloudsplaining DIR --palisade REPORT.json \\
               [--palisade-analysis ANALYSIS.json] [--list] [--json OUT]

Inputs:
- FILE: the `aws iam get-account-authorization-details` output both tools read (documents as
  objects or URL-encoded strings); it maps names to ARNs and gives the policies for the reasons.
- DIR: `cloudsplaining scan --output DIR`; its iam-results-*.json (iam-findings-*.json is the
  same data). Cloudsplaining reports PrivilegeEscalation per policy; a principal is flagged when
  one of its own policies (inline, customer-managed, AWS-managed, not excluded) has a finding,
  as its report's "risks per principal" does (output/src/util/principals.js,
  getRiskAssociatedWithPrincipal). A group's policies count for the group, not its members.
- REPORT: `palisade scan --iam-auth-details FILE --format json`. A principal is flagged when it
  has a `fail` for privilege-escalation, escalation-path or admin-equivalent: the policies
  iam-{user,role}-{privilege-escalation,escalation-path,admin-equivalent} (iam-principal-* too).
- ANALYSIS (optional): `palisade iam analyze --iam-auth-details FILE`, {"principals": {ARN:
  {"admin", "escalations", "neutralised", "path" or "paths", ...}}}. Its `neutralised` entries
  explain principals only Cloudsplaining flags; its methods and paths sharpen the reasons for
  those only Palisade flags.

Principals compared: users and roles (and groups, if Palisade reports any group). Prints
Markdown: counts, then why the tools disagree. Standard library only; run with Cloudsplaining's
venv python to take its method table from the package rather than the copy below.
"""

import argparse
import glob
import json
import os
import re
import sys
import urllib.parse
from collections import Counter, defaultdict

PALISADE_POLICY = re.compile(
    r"^iam-(?:principal|user|role)-(privilege-escalation|escalation-path|admin-equivalent)$")

try:  # the installed Cloudsplaining's own table, when run with its venv's python
    from cloudsplaining.shared.constants import PRIVILEGE_ESCALATION_METHODS as CS_METHODS
    CS_METHODS_SOURCE = "cloudsplaining.shared.constants"
except ImportError:
    # Cloudsplaining 0.9.1, cloudsplaining/shared/constants.py, PRIVILEGE_ESCALATION_METHODS.
    CS_METHODS = {
        "CreateAccessKey": ["iam:createaccesskey"],
        "CreateLoginProfile": ["iam:createloginprofile"],
        "UpdateLoginProfile": ["iam:updateloginprofile"],
        "AddUserToGroup": ["iam:addusertogroup"],
        "CreateNewPolicyVersion": ["iam:createpolicyversion"],
        "SetExistingDefaultPolicyVersion": ["iam:setdefaultpolicyversion"],
        "AttachUserPolicy": ["iam:attachuserpolicy"],
        "AttachGroupPolicy": ["iam:attachgrouppolicy"],
        "AttachRolePolicy": ["iam:attachrolepolicy"],
        "PutUserPolicy": ["iam:putuserpolicy"],
        "PutGroupPolicy": ["iam:putgrouppolicy"],
        "PutRolePolicy": ["iam:putrolepolicy"],
        "UpdateRolePolicyToAssumeIt": ["iam:updateassumerolepolicy"],
        "CreateEC2WithExistingIP": ["iam:passrole", "ec2:runinstances"],
        "PassExistingRoleToNewLambdaThenInvoke": ["iam:passrole", "lambda:createfunction",
                                                  "lambda:invokefunction"],
        "PassExistingRoleToNewLambdaThenTriggerWithNewDynamo": [
            "iam:passrole", "lambda:createfunction", "lambda:createeventsourcemapping",
            "dynamodb:createtable", "dynamodb:putitem"],
        "PassExistingRoleToNewLambdaThenTriggerWithExistingDynamo": [
            "iam:passrole", "lambda:createfunction", "lambda:createeventsourcemapping"],
        "PassExistingRoleToNewGlueDevEndpoint": ["iam:passrole", "glue:createdevendpoint"],
        "PassExistingRoleToCloudFormation": ["iam:passrole", "cloudformation:createstack"],
        "PassExistingRoleToNewDataPipeline": ["iam:passrole", "datapipeline:createpipeline"],
        "UpdateExistingGlueDevEndpoint": ["glue:updatedevendpoint"],
        "EditExistingLambdaFunctionWithRole": ["lambda:updatefunctioncode"],
        "AccessExistingBedrockCodeInterpreterSession": [
            "bedrock-agentcore:startcodeinterpretersession",
            "bedrock-agentcore:invokecodeinterpreter"],
        "ExecuteCloudFormationChangeSet": ["cloudformation:createchangeset",
                                           "cloudformation:executechangeset"],
        "ModifyEC2InstanceUserDataThenRestart": ["ec2:modifyinstanceattribute",
                                                 "ec2:stopinstances", "ec2:startinstances"],
        "ModifyExistingEC2LaunchTemplate": ["ec2:createlaunchtemplateversion",
                                            "ec2:modifylaunchtemplate"],
        "EC2InstanceConnectSendSSHPublicKey": ["ec2-instance-connect:sendsshpublickey",
                                               "ec2:describeinstances"],
        "ECSExecuteCommandOnRunningTask": ["ecs:executecommand", "ecs:describetasks"],
        "UpdateAndInvokeLambdaFunction": ["lambda:updatefunctioncode", "lambda:invokefunction"],
        "UpdateLambdaFunctionAndAddPermission": ["lambda:updatefunctioncode",
                                                 "lambda:addpermission"],
        "CreatePresignedSageMakerNotebookUrl": ["sagemaker:createpresignednotebookinstanceurl"],
        "UpdateSageMakerNotebookLifecycleConfig": [
            "sagemaker:createnotebookinstancelifecycleconfig", "sagemaker:stopnotebookinstance",
            "sagemaker:updatenotebookinstance", "sagemaker:startnotebookinstance"],
        "PassExistingRoleToNewAppRunnerService": ["iam:passrole", "apprunner:createservice"],
        "PassExistingRoleToNewBedrockCodeInterpreter": [
            "iam:passrole", "bedrock-agentcore:createcodeinterpreter",
            "bedrock-agentcore:startcodeinterpretersession",
            "bedrock-agentcore:invokecodeinterpreter"],
        "PassExistingRoleToNewCloudFormationStackSet": [
            "iam:passrole", "cloudformation:createstackset",
            "cloudformation:createstackinstances"],
        "PassRoleToUpdateCloudFormationStackSet": ["iam:passrole",
                                                   "cloudformation:updatestackset"],
        "PassExistingRoleToNewCodeBuildProjectThenBuild": [
            "iam:passrole", "codebuild:createproject", "codebuild:startbuild"],
        "PassExistingRoleToNewCodeBuildProjectThenBuildBatch": [
            "iam:passrole", "codebuild:createproject", "codebuild:startbuildbatch"],
        "PassExistingRoleToNewEC2SpotInstance": ["iam:passrole", "ec2:requestspotinstances"],
        "PassExistingRoleToNewECSClusterServiceTask": [
            "iam:passrole", "ecs:createcluster", "ecs:registertaskdefinition",
            "ecs:createservice"],
        "PassExistingRoleToNewECSClusterRunTask": [
            "iam:passrole", "ecs:createcluster", "ecs:registertaskdefinition", "ecs:runtask"],
        "PassExistingRoleToNewECSService": ["iam:passrole", "ecs:registertaskdefinition",
                                            "ecs:createservice"],
        "PassExistingRoleToNewECSTaskViaRunTask": ["iam:passrole", "ecs:registertaskdefinition",
                                                   "ecs:runtask"],
        "PassExistingRoleToNewECSTaskViaStartTask": ["iam:passrole",
                                                     "ecs:registertaskdefinition",
                                                     "ecs:starttask"],
        "PassExistingRoleToNewGlueJobThenRun": ["iam:passrole", "glue:createjob",
                                                "glue:startjobrun"],
        "PassExistingRoleToNewGlueJobViaTrigger": ["iam:passrole", "glue:createjob",
                                                   "glue:createtrigger"],
        "PassExistingRoleToUpdatedGlueJobThenRun": ["iam:passrole", "glue:updatejob",
                                                    "glue:startjobrun"],
        "PassExistingRoleToUpdatedGlueJobViaTrigger": ["iam:passrole", "glue:updatejob",
                                                       "glue:createtrigger"],
        "PassExistingRoleToNewLambdaThenAddPermission": ["iam:passrole",
                                                         "lambda:createfunction",
                                                         "lambda:addpermission"],
        "PassExistingRoleToNewSageMakerNotebookInstance": ["iam:passrole",
                                                           "sagemaker:createnotebookinstance"],
        "PassExistingRoleToNewSageMakerTrainingJob": ["iam:passrole",
                                                      "sagemaker:createtrainingjob"],
        "PassExistingRoleToNewSageMakerProcessingJob": ["iam:passrole",
                                                        "sagemaker:createprocessingjob"],
        "CreateAndRotateAccessKey": ["iam:createaccesskey", "iam:deleteaccesskey"],
        "AttachUserPolicyThenCreateAccessKey": ["iam:attachuserpolicy", "iam:createaccesskey"],
        "CreatePolicyVersionThenAssumeRole": ["iam:createpolicyversion", "sts:assumerole"],
        "PutUserPolicyThenCreateAccessKey": ["iam:putuserpolicy", "iam:createaccesskey"],
        "AttachRolePolicyThenUpdateAssumeRolePolicy": ["iam:attachrolepolicy",
                                                       "iam:updateassumerolepolicy"],
        "CreatePolicyVersionThenUpdateAssumeRolePolicy": ["iam:createpolicyversion",
                                                          "iam:updateassumerolepolicy"],
        "PutRolePolicyThenUpdateAssumeRolePolicy": ["iam:putrolepolicy",
                                                    "iam:updateassumerolepolicy"],
    }
    CS_METHODS_SOURCE = "copy of Cloudsplaining 0.9.1's table"
CS_METHOD_SETS = [(name, frozenset(a.lower() for a in acts)) for name, acts in CS_METHODS.items()]
CS_ACTIONS = sorted({a for _, s in CS_METHOD_SETS for a in s})
# Bare action names in Palisade's method names ("PassRole+EC2:RunInstances").
BARE_SERVICE = {"assumerole": "sts"}

KINDS = ("user", "group", "role")


# --- the account ---------------------------------------------------------------------------------
def load_doc(d):
    if isinstance(d, str):
        d = json.loads(urllib.parse.unquote(d))
    return d or {}


class Stmt:
    __slots__ = ("allow", "actions", "not_action", "res_star", "cond", "res")

    def __init__(self, s):
        self.allow = s.get("Effect") == "Allow"
        acts = s.get("Action") if "Action" in s else s.get("NotAction")
        self.not_action = "Action" not in s and "NotAction" in s
        self.actions = [acts] if isinstance(acts, str) else list(acts or [])
        res = s.get("Resource", [])
        self.res = [res] if isinstance(res, str) else list(res)
        self.res_star = "*" in self.res
        self.cond = bool(s.get("Condition"))


def statements(doc):
    st = load_doc(doc).get("Statement", [])
    return [Stmt(s) for s in ([st] if isinstance(st, dict) else st)]


class Principal:
    def __init__(self, kind, e):
        self.kind = kind
        self.name = e[kind.capitalize() + "Name"]
        self.id = e[kind.capitalize() + "Id"]
        self.arn = e["Arn"]
        self.path = e.get("Path", "/")
        self.groups = e.get("GroupList", []) if kind == "user" else []
        self.boundary = (e.get("PermissionsBoundary") or {}).get("PermissionsBoundaryArn")
        self.inline = [(p["PolicyName"], p["PolicyDocument"])
                       for p in e.get(kind.capitalize() + "PolicyList", []) or []]
        self.managed = [p["PolicyArn"] for p in e.get("AttachedManagedPolicies", []) or []]


class Account:
    def __init__(self, path):
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
        self.principals = {}
        self.by_name = {}
        self.by_id = {}
        for kind, key in (("user", "UserDetailList"), ("group", "GroupDetailList"),
                          ("role", "RoleDetailList")):
            for e in data.get(key, []):
                p = Principal(kind, e)
                self.principals[p.arn] = p
                self.by_name[(kind, p.name)] = p
                self.by_id[p.id] = p
        self.policies = {}  # ARN -> (name, default document)
        for p in data.get("Policies", []):
            doc = next((v["Document"] for v in p.get("PolicyVersionList", [])
                        if v.get("IsDefaultVersion")), None)
            self.policies[p["Arn"]] = (p["PolicyName"], doc)
        self._stmts = {}

    def stmts(self, key, doc):
        if key not in self._stmts:
            try:
                self._stmts[key] = statements(doc)
            except (ValueError, AttributeError, TypeError):
                self._stmts[key] = []
        return self._stmts[key]

    def own_policies(self, p):
        """[(label, arn or None, statements)] of the principal's own policies."""
        out = [(f"inline {n}", None, self.stmts(("inline", p.arn, n), d)) for n, d in p.inline]
        for arn in p.managed:
            name, doc = self.policies.get(arn, (arn.rsplit("/", 1)[-1], None))
            out.append((name, arn, self.stmts(arn, doc) if doc is not None else []))
        return out

    def group_policies(self, p):
        out = []
        for g in p.groups:
            gp = self.by_name.get(("group", g))
            if gp:
                out += [(f"{lbl} (group {g})", arn, st) for lbl, arn, st in self.own_policies(gp)]
        return out


# --- action matching -----------------------------------------------------------------------------
_pat = {}


def matcher(pattern, cs_case):
    """Does PATTERN match an action? cs_case: as Cloudsplaining does, which leaves a wildcard
    with an upper-case service prefix (IAM:*) unexpanded, so it matches nothing."""
    key = (pattern, cs_case)
    if key not in _pat:
        svc = pattern.split(":", 1)[0]
        if cs_case and ("*" in pattern or "?" in pattern) and pattern != "*" and svc != svc.lower():
            _pat[key] = None
        else:
            rx = "".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in pattern)
            _pat[key] = re.compile(rx, re.IGNORECASE)
    return _pat[key]


def stmt_matches(s, action, cs_case):
    hit = any((m := matcher(p, cs_case)) is not None and m.fullmatch(action) for p in s.actions)
    return (not hit) if s.not_action else hit


def allowed(stmts, action, need_star=True, skip_cond=True, deny_any=True, cs_case=True):
    """Cloudsplaining's reading of one policy by default (PolicyDocument): an Allow without a
    Condition on Resource "*" grants it, and any Deny naming the action in the same policy
    removes it whatever the Deny's resource or condition. The flags relax one rule at a time."""
    ok = any(s.allow and (s.res_star or not need_star) and not (skip_cond and s.cond)
             and stmt_matches(s, action, cs_case) for s in stmts)
    if not ok:
        return False
    for s in stmts:
        if s.allow or s.not_action:
            continue  # Cloudsplaining ignores Deny with NotAction
        if not deny_any and (s.cond or not s.res_star):
            continue
        if stmt_matches(s, action, cs_case):
            return False
    return True


_granted = {}


def granted(st, **kw):
    """The escalation actions one policy allows (memoized: managed policies are shared)."""
    key = (id(st), tuple(sorted(kw.items())))
    if key not in _granted:
        _granted[key] = (st, frozenset(a for a in CS_ACTIONS if allowed(st, a, **kw)))
    return _granted[key][1]


def methods_in(policies, **kw):
    """Cloudsplaining methods some single policy satisfies."""
    out = set()
    for _, _, st in policies:
        got = granted(st, **kw)
        out |= {n for n, acts in CS_METHOD_SETS if acts <= got}
    return out


def methods_across(policies):
    got = set()
    for _, _, st in policies:
        got |= granted(st)
    return {n for n, acts in CS_METHOD_SETS if acts <= got}


# --- Cloudsplaining ------------------------------------------------------------------------------
def load_cloudsplaining(d, account):
    files = sorted(glob.glob(os.path.join(d, "iam-results-*.json"))) or \
        sorted(glob.glob(os.path.join(d, "iam-findings-*.json")))
    if not files:
        sys.exit(f"compare.py: no iam-results-*.json in {d}")
    with open(files[0], encoding="utf-8") as f:
        res = json.load(f)

    def findings(kind, pid):
        pol = res.get(kind, {}).get(pid)
        if not pol or pol.get("is_excluded"):
            return []
        return [x["type"] for x in pol.get("PrivilegeEscalation", {}).get("findings", [])]

    def own(entry):
        out = set()
        for pid in entry.get("inline_policies", {}):
            out.update(findings("inline_policies", pid))
        for pid in entry.get("customer_managed_policies", {}):
            out.update(findings("customer_managed_policies", pid))
        for pid in entry.get("aws_managed_policies", {}):
            out.update(findings("aws_managed_policies", pid))
        return out

    seen, flagged, via_groups, excluded = set(), {}, {}, set()
    group_flags = {}
    for kind, key in (("group", "groups"), ("user", "users"), ("role", "roles")):
        for pid, e in res.get(key, {}).items():
            p = account.by_name.get((kind, e.get("name"))) or account.by_id.get(e.get("id"))
            arn = p.arn if p else e.get("arn")
            seen.add(arn)
            if e.get("is_excluded"):
                excluded.add(arn)
                continue
            m = own(e)
            if kind == "group":
                group_flags[e.get("name")] = m
            if m:
                flagged[arn] = sorted(m)
            if kind == "user":
                g = set()
                for gname, ge in (e.get("groups") or {}).items():
                    g |= group_flags.get(gname) or own(ge)
                if g - m:
                    via_groups[arn] = sorted(g)
    return dict(file=files[0], seen=seen, flagged=flagged, via_groups=via_groups,
                excluded=excluded, group_flags=group_flags,
                exclusions=res.get("exclusions", {}))


# --- Palisade ------------------------------------------------------------------------------------
def load_palisade(path):
    with open(path, encoding="utf-8") as f:
        rep = json.load(f)
    flagged = defaultdict(list)
    evaluated = set()
    other = {}
    pm = set()
    for x in rep.get("findings", []):
        if x.get("status") == "fail" and re.fullmatch(
                r"iam-(user|role)-permissions-management-unconstrained", x.get("policy_id") or ""):
            pm.add((x.get("resource") or {}).get("arn"))
        m = PALISADE_POLICY.match(x.get("policy_id") or "")
        if not m:
            continue
        arn = (x.get("resource") or {}).get("arn")
        if not arn:
            continue
        evaluated.add(arn)
        if x.get("status") == "fail":
            flagged[arn].append((m.group(1), x.get("message", "")))
        elif x.get("status") != "pass":
            other[arn] = f"{x.get('status')}: {x.get('message', '')}"
    return dict(flagged=dict(flagged), evaluated=evaluated, other=other, pm=pm,
                version=(rep.get("tool") or {}).get("version"))


def load_analysis(path):
    with open(path, encoding="utf-8") as f:
        a = json.load(f)
    for k in ("facts", "iam"):  # tolerate {"facts": {"iam": {...}}}
        if isinstance(a, dict) and "principals" not in a and k in a:
            a = a[k]
    return a.get("principals", {}) if isinstance(a, dict) else {}


def paths_of(entry):
    ps = entry.get("paths")
    if ps is None:
        ps = [entry["path"]] if entry.get("path") else []
    return ps


def method_actions(method):
    """Palisade's method name as a set of actions: "PassRole+EC2:RunInstances" ->
    {iam:passrole, ec2:runinstances}; a bare name takes the previous part's service."""
    out, svc = set(), None
    for part in re.split(r"[+,\s]+", method or ""):
        if not part:
            continue
        if ":" in part:
            svc, name = part.split(":", 1)
            svc = svc.lower()
        else:
            name = part
            svc = BARE_SERVICE.get(name.lower(), svc or "iam")
        out.add(f"{svc}:{name}".lower())
    return out


def known_to_cloudsplaining(method):
    """Cloudsplaining lists a method needing these actions (or, for a name that leaves some
    out, like PassRole+ECS:RunTask, one that needs at least them)."""
    acts = method_actions(method)
    return any(s <= acts or (len(acts) > 1 and acts <= s) for _, s in CS_METHOD_SETS)


# --- reasons -------------------------------------------------------------------------------------
def shorten(text):
    text = re.sub(r"arn:aws:[^\s,;)\"']+", "<arn>", text)
    return re.sub(r"\d+", "N", text)


def palisade_only_reasons(p, account, cs, pal, analysis):
    """(primary reason, [all reasons]) for a principal Palisade flags and Cloudsplaining not."""
    tags = []
    if p.arn not in cs["seen"]:
        tags.append("not analysed by Cloudsplaining (service-linked role path /aws-service-role/)"
                    if p.path.startswith("/aws-service-role") else
                    "not analysed by Cloudsplaining")
    elif p.arn in cs["excluded"]:
        tags.append("principal excluded by Cloudsplaining's exclusions")
    if p.arn in cs["via_groups"]:
        tags.append("group-inherited (Cloudsplaining flags the group, not its members)")
    own = account.own_policies(p)
    grp = account.group_policies(p)
    # Policies Cloudsplaining dropped (exclusions): attached here, absent from its results.
    excl = set(cs["exclusions"].get("policies", []) or [])
    for lbl, arn, st in own + grp:
        if arn and excluded_policy(account.policies.get(arn, ("", None))[0], arn, excl):
            if granted(st, cs_case=False) or \
                    any(s.allow and "*" in s.actions and s.res_star for s in st):
                tags.append(f"policy excluded by Cloudsplaining's default exclusions ({lbl})")
    e = analysis.get(p.arn) if analysis else None
    fails = {pid for pid, _ in pal["flagged"].get(p.arn, [])}
    if e is not None:
        own_methods = [x.get("method", "") for x in e.get("escalations", [])]
        if e.get("admin") is None and not own_methods and paths_of(e):
            pth = paths_of(e)[0]
            hops = pth.get("hops")
            tags.append("multi-hop path" + (f" ({hops} hops)" if hops else "") +
                        (f": {pth['text']}" if pth.get("text") else ""))
        unknown = sorted({m for m in own_methods if not known_to_cloudsplaining(m)})
        if unknown:
            tags.append("method Cloudsplaining does not list: " + ", ".join(unknown))
        if e.get("admin") is not None:
            tags.append("admin-equivalent")
    elif fails == {"escalation-path"}:
        tags.append("multi-hop path")
    elif "admin-equivalent" in fails:
        tags.append("admin-equivalent")
    # Cloudsplaining's own methods, each of its rules relaxed in turn.
    cs_own = methods_in(own)
    if not cs_own:
        if methods_across(own):
            tags.append("method's actions split across policies")
        elif grp and methods_across(own + grp) - methods_in(grp):
            tags.append("method's actions split between the user's and its groups' policies")
        if methods_in(own, need_star=False):
            tags.append("granted on specific resource ARNs (Cloudsplaining counts only \"*\")")
        if methods_in(own, skip_cond=False):
            tags.append("granted under a Condition (Cloudsplaining skips conditional Allows)")
        if methods_in(own, deny_any=False):
            tags.append("conditional or resource-specific Deny in the same policy "
                        "(Cloudsplaining drops the action outright)")
        if methods_in(own, cs_case=False):
            tags.append("mixed-case wildcard such as IAM:* (Cloudsplaining does not expand it)")
    order = ["not analysed", "principal excluded", "group-inherited", "policy excluded",
             "multi-hop", "method Cloudsplaining", "method's actions split", "granted on",
             "granted under", "conditional or resource", "mixed-case", "admin-equivalent"]
    tags = list(dict.fromkeys(tags))
    for o in order:
        for t in tags:
            if t.startswith(o):
                primary = base(t) if o in ("policy excluded", "method Cloudsplaining",
                                           "multi-hop") else t
                return primary, tags
    return "other", tags


def base(tag):
    """A reason without its particulars: "multi-hop path (2 hops): a -> b" -> "multi-hop path"."""
    return re.sub(r" \(.*\)$", "", tag.split(": ", 1)[0])


def excluded_policy(name, arn, patterns):
    path = arn.split(":policy", 1)[-1]  # /service-role/Name
    full = path.lstrip("/")
    for pat in patterns:
        if not pat:
            continue
        for v in (name, full, path.rsplit("/", 1)[0] + "/"):
            lv, lp = v.lower(), pat.lower()
            if lv == lp or (lp.endswith("*") and lv.startswith(lp[:-1])) or \
                    (lp.startswith("*") and lv.endswith(lp[1:])):
                return True
    return False


def cloudsplaining_only_reason(p, account, pal, analysis, cs_methods):
    """(explanation, details): Palisade's `neutralised` reasons, or UNEXPLAINED grouped by the
    methods Cloudsplaining reported, with hints from the policies."""
    e = analysis.get(p.arn) if analysis else None
    if e and e.get("neutralised"):
        by = sorted({shorten(x.get("by", "")) for x in e["neutralised"]})
        return "; ".join(by), [f"{x.get('method')}: {x.get('by')}" for x in e["neutralised"]]
    if p.arn in pal["other"]:
        return "Palisade: " + shorten(pal["other"][p.arn]), [pal["other"][p.arn]]
    # IAM writes that change other principals, not itself: Palisade reports them as
    # permissions management without resource constraints, not as escalation.
    if p.arn in pal.get("pm", ()) and cs_methods and all(
            all(a.lower().startswith("iam:") for a in CS_METHODS.get(m, ["?"])) for m in cs_methods):
        return ("IAM writes on other principals only (Palisade: "
                "permissions-management-unconstrained finding)"), []
    if p.arn not in pal["evaluated"]:
        return "UNEXPLAINED (no Palisade result for it)", []
    hints = []
    if p.boundary:
        hints.append("has a permissions boundary")
    own = account.own_policies(p)
    if any(not s.allow for _, _, st in own for s in st) and len(own) > 1:
        hints.append("a Deny in one of its policies")
    if any(not s.allow for _, _, st in account.group_policies(p) for s in st):
        hints.append("a Deny in a group's policy")
    if any(s.allow and not s.res_star and any(
            ":" in x and "*" not in x and x.split(":")[0] != x.split(":")[0].lower()
            for x in s.actions) for _, _, st in own for s in st):
        hints.append("an upper-case service prefix on a scoped resource "
                     "(Cloudsplaining takes IAM:X for an unrestrictable action)")
    if any(s.allow and s.not_action for _, _, st in own for s in st):
        hints.append("a NotAction Allow")
    shown = ", ".join(cs_methods[:3]) + (f" +{len(cs_methods) - 3}" if len(cs_methods) > 3 else "")
    return f"UNEXPLAINED (Cloudsplaining: {shown})", hints


# --- main ----------------------------------------------------------------------------------------
def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--auth-details", required=True)
    ap.add_argument("--cloudsplaining", required=True, metavar="DIR")
    ap.add_argument("--palisade", required=True, metavar="REPORT")
    ap.add_argument("--palisade-analysis", metavar="FILE")
    ap.add_argument("--list", action="store_true", help="every disagreeing principal")
    ap.add_argument("--json", metavar="OUT", help="per-principal results as JSON")
    a = ap.parse_args()

    account = Account(a.auth_details)
    cs = load_cloudsplaining(a.cloudsplaining, account)
    pal = load_palisade(a.palisade)
    analysis = load_analysis(a.palisade_analysis) if a.palisade_analysis else {}

    kinds = ["user", "role"]
    if any(account.principals.get(x) and account.principals[x].kind == "group"
           for x in pal["evaluated"]):
        kinds.insert(1, "group")
    universe = [p for p in account.principals.values() if p.kind in kinds]
    P = {p.arn for p in universe if p.arn in pal["flagged"]}
    C = {p.arn for p in universe if p.arn in cs["flagged"]}

    def by_kind(s):
        c = Counter(account.principals[x].kind for x in s)
        return [c[k] for k in kinds] + [len(s)]

    out = []
    w = out.append
    w("### Privilege escalation: principals flagged\n")
    w(f"Compared by ARN: {', '.join(f'{sum(p.kind == k for p in universe)} {k}s' for k in kinds)}."
      f" Cloudsplaining: a principal's own policies with a PrivilegeEscalation finding;"
      f" Palisade: a `fail` for iam-{{user,role}}-{{privilege-escalation,escalation-path,"
      f"admin-equivalent}}.\n")
    w("| | " + " | ".join(f"{k}s" for k in kinds) + " | total |")
    w("|---|" + "---:|" * (len(kinds) + 1))
    rows = [("flagged by Palisade", P), ("flagged by Cloudsplaining", C), ("both", P & C),
            ("Cloudsplaining only", C - P), ("Palisade only", P - C)]
    for label, s in rows:
        w(f"| {label} | " + " | ".join(str(n) for n in by_kind(s)) + " |")
    vg = {x for x in cs["via_groups"] if x not in C}
    w("")
    w(f"Cloudsplaining with a user's group policies counted too (its report shows them only on "
      f"the group): {len(C | vg)} flagged ({len(vg)} more users). Groups it flags: "
      f"{sum(1 for g in cs['group_flags'].values() if g)} of {len(cs['group_flags'])}. "
      f"Principals it did not analyse: "
      f"{sum(1 for p in universe if p.arn not in cs['seen'])} (service-linked roles), "
      f"excluded: {sum(1 for p in universe if p.arn in cs['excluded'])}.")
    missing = [p.arn for p in universe if p.arn not in pal["evaluated"]]
    if missing:
        w(f"Principals with no Palisade result for these policies: {len(missing)} "
          f"(e.g. {missing[0]}).")

    results = {}
    c_only = defaultdict(list)
    for arn in sorted(C - P):
        reason, detail = cloudsplaining_only_reason(account.principals[arn], account, pal,
                                                    analysis, cs["flagged"][arn])
        c_only[reason].append(arn)
        results[arn] = dict(verdict="cloudsplaining_only", reason=reason, detail=detail,
                            cloudsplaining=cs["flagged"][arn])
    p_only = defaultdict(list)
    tag_counts = Counter()
    for arn in sorted(P - C):
        primary, tags = palisade_only_reasons(account.principals[arn], account, cs, pal,
                                              analysis)
        p_only[primary].append(arn)
        tag_counts.update(base(t) for t in tags)
        results[arn] = dict(verdict="palisade_only", reason=primary, detail=tags,
                            palisade=[pid for pid, _ in pal["flagged"][arn]])
    for arn in sorted(P & C):
        results[arn] = dict(verdict="both", cloudsplaining=cs["flagged"][arn],
                            palisade=[pid for pid, _ in pal["flagged"][arn]])

    w(f"\n#### Cloudsplaining only ({len(C - P)}): why Palisade does not flag them\n")
    if not analysis:
        w("(No --palisade-analysis file: explanations need its `neutralised` entries.)\n")
    if c_only:
        w("| explanation | principals | example |")
        w("|---|---:|---|")
        for reason, arns in sorted(c_only.items(), key=lambda kv: (-len(kv[1]), kv[0])):
            w(f"| {reason} | {len(arns)} | {arns[0]} |")
        unexplained = sum(len(v) for k, v in c_only.items() if k.startswith("UNEXPLAINED"))
        w(f"\nUNEXPLAINED: {unexplained}.")
    w(f"\n#### Palisade only ({len(P - C)}): why Cloudsplaining misses them\n")
    if p_only:
        w("| reason (first that applies) | principals | example |")
        w("|---|---:|---|")
        for reason, arns in sorted(p_only.items(), key=lambda kv: (-len(kv[1]), kv[0])):
            w(f"| {reason} | {len(arns)} | {arns[0]} |")
        w("\nEvery reason that applies (a principal can have several): " +
          "; ".join(f"{t}: {n}" for t, n in tag_counts.most_common()) + ".")
    if a.list:
        w("\n#### Every disagreement\n")
        for arn, r in sorted(results.items()):
            if r["verdict"] != "both":
                w(f"- {r['verdict']}: {arn}: {r['reason']}" +
                  (f" [{'; '.join(r['detail'])}]" if r["detail"] else ""))
    w(f"\n(Cloudsplaining results: {os.path.basename(cs['file'])}; method table: "
      f"{CS_METHODS_SOURCE}.)")
    print("\n".join(out))
    if a.json:
        with open(a.json, "w", encoding="utf-8") as f:
            json.dump(dict(counts={k: by_kind(s)[-1] for k, s in rows}, principals=results),
                      f, indent=2)


if __name__ == "__main__":
    main()
