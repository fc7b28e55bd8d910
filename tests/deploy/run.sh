#!/usr/bin/env bash
# Tests of the deployment side, without a cluster, AWS or GitHub:
#   - deploy/kubernetes: every manifest against the Kubernetes API schema (kubernetes-validate,
#     strict), the kustomizations (every path exists, every manifest is used, `kubectl
#     kustomize` builds them), the pods' hardening, and the sharding invariants (SHARDS, the
#     Indexed Job, the merge's file lists, the CronJobs' copies of the Jobs); the merge Job's
#     shell scripts run here with a stand-in `aws`;
#   - .github/workflows/org-scan.yml: its jobs run here step by step (workflow_sim.py) with a
#     stand-in `palisade`: plan -> matrix -> shards -> merge and scan -> gate.
# (tests/action/run.sh checks org-scan.yml against GitHub's schema, the no-${{ }}-in-run rule,
# the SHA pins and shellcheck, with the other workflows.)
#
#   PALISADE_TEST_VENV  a Python venv with tests/deploy/requirements.txt installed.
#                       Unset: one is made at ~/.cache/palisade/deploy-venv.
#
# Prints `ok - ...` per check and stops at the first failure with `FAIL: ...`. `kubectl
# kustomize` and shellcheck are used when installed (skipped with a note otherwise).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
K8S="$ROOT/deploy/kubernetes"
HERE="$ROOT/tests/deploy"
# The oldest Kubernetes the manifests are for (backoffLimitPerIndex is GA from 1.33) and the
# newest schema kubernetes-validate ships.
K8S_VERSIONS=(1.33 1.37)
passed=0

fail() {
  echo "FAIL: $*" >&2
  exit 1
}
ok() {
  passed=$((passed + 1))
  echo "ok - $*"
}

WORK="$(mktemp -d "${TMPDIR:-/tmp}/palisade-deploy-test.XXXXXX")"
cleanup() { [[ -n "${KEEP_WORK:-}" ]] || rm -rf "$WORK"; }
trap cleanup EXIT

VENV="${PALISADE_TEST_VENV:-}"
if [[ -z "$VENV" ]]; then
  VENV="$HOME/.cache/palisade/deploy-venv"
  if ! "$VENV/bin/python" -c 'import yaml' 2>/dev/null || [[ ! -x "$VENV/bin/kubernetes-validate" ]]; then
    echo "# making $VENV from tests/deploy/requirements.txt"
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check -r "$HERE/requirements.txt"
  fi
fi
[[ -x "$VENV/bin/kubernetes-validate" ]] || fail "PALISADE_TEST_VENV=$VENV has no bin/kubernetes-validate (pip install -r tests/deploy/requirements.txt)"
"$VENV/bin/python" -c 'import yaml' 2>/dev/null || fail "PALISADE_TEST_VENV=$VENV has no PyYAML (pip install -r tests/deploy/requirements.txt)"
PY="$VENV/bin/python"

# ---------------------------------------------------------------------------------------------
# 1. Every manifest against the Kubernetes API schema
# ---------------------------------------------------------------------------------------------
mapfile -t MANIFESTS < <(find "$K8S" -name '*.yaml' ! -name kustomization.yaml | sort)
((${#MANIFESTS[@]} >= 8)) || fail "only ${#MANIFESTS[@]} manifests under deploy/kubernetes: did they move?"
for v in "${K8S_VERSIONS[@]}"; do
  "$VENV/bin/kubernetes-validate" --strict --kubernetes-version "$v" --quiet "${MANIFESTS[@]}" >"$WORK/kv.log" 2>&1 ||
    fail "kubernetes-validate --strict -k $v: $(cat "$WORK/kv.log")"
  # It only warns on a kind it has no schema for; every kind here must have one.
  ! grep -q . "$WORK/kv.log" || fail "kubernetes-validate -k $v printed warnings: $(cat "$WORK/kv.log")"
done
ok "the ${#MANIFESTS[@]} manifests under deploy/kubernetes are valid, strictly, for Kubernetes ${K8S_VERSIONS[*]} (kubernetes-validate $("$VENV/bin/kubernetes-validate" --version))"

# ---------------------------------------------------------------------------------------------
# 2. The kustomizations, the pods' hardening and the sharding invariants
# ---------------------------------------------------------------------------------------------
# check_k8s.py [--built] FILE...: the checks of deploy/kubernetes on these documents.
cat >"$WORK/check_k8s.py" <<'PY'
import re, sys
import yaml

PALISADE_IMAGE = "ghcr.io/palisade-security/palisade"
bad = []

def pods(doc):
    """(where, job spec, pod spec) for a Job or a CronJob."""
    kind, name = doc.get("kind"), doc.get("metadata", {}).get("name")
    if kind == "Job":
        return [(f"Job/{name}", doc["spec"], doc["spec"]["template"]["spec"])]
    if kind == "CronJob":
        job = doc["spec"]["jobTemplate"]["spec"]
        return [(f"CronJob/{name}", job, job["template"]["spec"])]
    return []

def check_pod(where, job, pod, configmap, serviceaccounts, claims):
    if job.get("ttlSecondsAfterFinished") is None:
        bad.append(f"{where}: no ttlSecondsAfterFinished")
    if job.get("activeDeadlineSeconds") is None:
        bad.append(f"{where}: no activeDeadlineSeconds")
    if pod.get("restartPolicy") != "Never":
        bad.append(f"{where}: restartPolicy is not Never")
    if pod.get("automountServiceAccountToken") is not False:
        bad.append(f"{where}: the Kubernetes API token is mounted (automountServiceAccountToken)")
    if serviceaccounts is not None and pod.get("serviceAccountName") not in serviceaccounts:
        bad.append(f"{where}: service account {pod.get('serviceAccountName')} is not defined")
    for vol in pod.get("volumes", []):
        claim = vol.get("persistentVolumeClaim", {}).get("claimName")
        if claim and claims is not None and claim not in claims:
            bad.append(f"{where}: volume {vol['name']} claims {claim}, which is not defined")
    psc = pod.get("securityContext", {})
    for c in pod.get("initContainers", []) + pod["containers"]:
        cw = f"{where} container {c['name']}"
        sc = c.get("securityContext", {})
        eff = lambda k: sc.get(k, psc.get(k))
        if eff("runAsNonRoot") is not True:
            bad.append(f"{cw}: runAsNonRoot is not true")
        if eff("runAsUser") != 65532:
            bad.append(f"{cw}: runAsUser is not 65532")
        if (eff("seccompProfile") or {}).get("type") != "RuntimeDefault":
            bad.append(f"{cw}: seccompProfile is not RuntimeDefault")
        if sc.get("allowPrivilegeEscalation") is not False:
            bad.append(f"{cw}: allowPrivilegeEscalation is not false")
        if sc.get("readOnlyRootFilesystem") is not True:
            bad.append(f"{cw}: readOnlyRootFilesystem is not true")
        if sc.get("capabilities", {}).get("drop") != ["ALL"]:
            bad.append(f"{cw}: capabilities do not drop ALL")
        if sc.get("privileged"):
            bad.append(f"{cw}: privileged")
        res = c.get("resources", {})
        for part in ("requests", "limits"):
            for r in ("cpu", "memory"):
                if r not in res.get(part, {}):
                    bad.append(f"{cw}: no resources.{part}.{r}")
        image = c.get("image", "")
        m = re.fullmatch(r"([a-z0-9][a-z0-9./_-]*)(?::([A-Za-z0-9_][A-Za-z0-9._-]*))?(@sha256:[0-9a-f]{64})?", image)
        if not m or not (m.group(2) or m.group(3)):
            bad.append(f"{cw}: image {image!r} is not pinned to a tag or digest")
        elif m.group(2) == "latest":
            bad.append(f"{cw}: image {image!r} uses the latest tag")
        elif "palisade" in m.group(1) and m.group(1) != PALISADE_IMAGE:
            bad.append(f"{cw}: image {image!r} is not {PALISADE_IMAGE} (release.yml publishes ghcr.io/<repository>)")
        if m and m.group(1) == PALISADE_IMAGE:
            palisade_tags.add(m.group(2) or m.group(3))
        # $(NAME) in command and args is expanded by Kubernetes from the container's env: every
        # one must be declared there, and no other `$(` may appear (a shell's command
        # substitution in a script would be taken for one).
        env = {e["name"]: e for e in c.get("env", [])}
        for text in c.get("command", []) + c.get("args", []):
            for m2 in re.finditer(r"\$\(", text):
                ref = re.match(r"\$\(([A-Za-z_][A-Za-z0-9_]*)\)", text[m2.start():])
                if not ref:
                    bad.append(f"{cw}: `$(` that is not a $(NAME) reference in {text[:60]!r}...")
                elif ref.group(1) not in env:
                    bad.append(f"{cw}: $({ref.group(1)}) is not declared in the container's env")
        for e in env.values():
            ref = e.get("valueFrom", {}).get("configMapKeyRef")
            if ref and configmap is not None:
                if ref["name"] != configmap["metadata"]["name"] or ref["key"] not in configmap["data"]:
                    bad.append(f"{cw}: env {e['name']} reads {ref['name']}/{ref['key']}, which is not in the ConfigMap")
        for mount in c.get("volumeMounts", []):
            if mount["name"] not in {v["name"] for v in pod.get("volumes", [])}:
                bad.append(f"{cw}: mounts {mount['name']}, which is not a volume of the pod")

def container(pod, name):
    for c in pod.get("initContainers", []) + pod["containers"]:
        if c["name"] == name:
            return c
    bad.append(f"no container {name}")
    return {"args": [], "env": []}

def check_shards(where, job, pod, n):
    if job.get("completionMode") != "Indexed":
        bad.append(f"{where}: completionMode is not Indexed")
    for key in ("completions", "parallelism"):
        if job.get(key) != n:
            bad.append(f"{where}: {key} is {job.get(key)}, SHARDS is {n}")
    if not job.get("backoffLimitPerIndex"):
        bad.append(f"{where}: no backoffLimitPerIndex (a failed shard must be retried alone)")
    if "backoffLimit" in job:
        bad.append(f"{where}: backoffLimit is set with backoffLimitPerIndex")
    c = container(pod, "collect")
    args = c["args"]
    for want in (["collect", "--org", "--role-name", "$(ROLE_NAME)"], ["--shard", "auto/$(SHARDS)"],
                 ["-o", "/data/shard-$(JOB_COMPLETION_INDEX).json.gz"]):
        if not any(args[i:i + len(want)] == want for i in range(len(args))):
            bad.append(f"{where}: the collect args have no {' '.join(want)}")
    idx = {e["name"]: e for e in c.get("env", [])}.get("JOB_COMPLETION_INDEX", {})
    if idx.get("valueFrom", {}).get("fieldRef", {}).get("fieldPath") != "metadata.annotations['batch.kubernetes.io/job-completion-index']":
        bad.append(f"{where}: JOB_COMPLETION_INDEX does not come from the job-completion-index annotation")

def check_merge(where, job, pod, n):
    files = [f"/data/shard-{k}.json.gz" for k in range(n)]
    check = container(pod, "check-shards")
    if check["args"][1:] != ["check-shards"] + files:
        bad.append(f"{where}: check-shards is not given shard-0 .. shard-{n - 1}: {check['args'][1:]}")
    merge = container(pod, "merge")["args"]
    if merge != ["merge", "-o", "/data/org.json.gz"] + files:
        bad.append(f"{where}: the merge does not read shard-0 .. shard-{n - 1} into /data/org.json.gz: {merge}")
    scan = container(pod, "scan")["args"]
    if scan[:3] != ["scan", "--snapshot", "/data/org.json.gz"] or "--ocsf" not in scan:
        bad.append(f"{where}: the scan does not read /data/org.json.gz or write --ocsf: {scan}")
    else:
        ocsf = scan[scan.index("--ocsf") + 1]
        if ocsf not in container(pod, "upload-ocsf")["args"][0]:
            bad.append(f"{where}: upload-ocsf does not copy {ocsf}, the file the scan writes")
    if [c["name"] for c in pod.get("initContainers", [])] != ["check-shards", "merge", "scan"]:
        bad.append(f"{where}: the init containers are not check-shards, merge, scan in that order")

built = sys.argv[1] == "--built"
docs = []
for path in sys.argv[2:] if built else sys.argv[1:]:
    docs += [d for d in yaml.safe_load_all(open(path)) if d]
by_kind = {}
for d in docs:
    by_kind.setdefault(d["kind"], []).append(d)
palisade_tags = set()

configmaps = [d for d in by_kind.get("ConfigMap", []) if d["metadata"]["name"] == "palisade-settings"]
configmap = configmaps[0] if configmaps else None
has_base = configmap is not None
serviceaccounts = {d["metadata"]["name"]: d for d in by_kind.get("ServiceAccount", [])} if has_base else None
claims = {d["metadata"]["name"]: d for d in by_kind.get("PersistentVolumeClaim", [])} if has_base else None
if has_base:
    for name, sa in serviceaccounts.items():
        if not sa.get("metadata", {}).get("annotations", {}).get("eks.amazonaws.com/role-arn"):
            bad.append(f"ServiceAccount/{name}: no eks.amazonaws.com/role-arn annotation (IRSA)")
    for name, pvc in claims.items():
        if pvc["spec"].get("accessModes") != ["ReadWriteMany"]:
            bad.append(f"PersistentVolumeClaim/{name}: not ReadWriteMany (the shard pods write to it at once)")
    for ns in by_kind.get("Namespace", []):
        if ns["metadata"].get("labels", {}).get("pod-security.kubernetes.io/enforce") != "restricted":
            bad.append(f"Namespace/{ns['metadata']['name']}: does not enforce the restricted Pod Security Standard")
n = int(configmap["data"]["SHARDS"]) if configmap else 4

specs = {}
for d in docs:
    for where, job, pod in pods(d):
        check_pod(where, job, pod, configmap, serviceaccounts, claims)
        name = d["metadata"]["name"]
        if name == "palisade-shards":
            check_shards(where, job, pod, n)
        elif name == "palisade-merge":
            check_merge(where, job, pod, n)
        else:
            bad.append(f"{where}: a workload the checks do not know")
        specs.setdefault(name, []).append((where, job))
# The CronJobs run exactly the one-off Jobs' specs.
for name, pairs in specs.items():
    for where, job in pairs[1:]:
        if job != pairs[0][1]:
            bad.append(f"{where}: its Job spec differs from {pairs[0][0]}'s")
if not built and sorted(len(v) for v in specs.values()) != [2, 2]:
    bad.append(f"expected a Job and a CronJob for each of palisade-shards and palisade-merge: {sorted(specs)}")
if len(palisade_tags) > 1:
    bad.append(f"the palisade image has several versions: {sorted(palisade_tags)}")
if built:
    for d in docs:
        if d["kind"] != "Namespace" and d["metadata"].get("namespace") != "palisade":
            bad.append(f"{d['kind']}/{d['metadata']['name']}: not in namespace palisade")
for b in bad:
    print(b, file=sys.stderr)
sys.exit(1 if bad else 0)
PY
"$PY" "$WORK/check_k8s.py" "${MANIFESTS[@]}" >"$WORK/check.log" 2>&1 || fail "deploy/kubernetes: $(cat "$WORK/check.log")"
ok "deploy/kubernetes: every container non-root (65532), read-only root, no privilege escalation, ALL capabilities dropped, RuntimeDefault seccomp, requests and limits, images pinned by tag; every \$(VAR) declared"
ok "deploy/kubernetes: SHARDS = the Indexed Job's completions and parallelism = the merge's shard files; backoffLimitPerIndex; the CronJobs run the Jobs' specs; the PVC is ReadWriteMany"

# Every path a kustomization names exists, and every manifest is in some kustomization.
"$PY" - "$K8S" <<'PY' >"$WORK/kust.log" 2>&1 || fail "deploy/kubernetes kustomizations: $(cat "$WORK/kust.log")"
import pathlib, sys
import yaml

root = pathlib.Path(sys.argv[1])
bad, listed = [], set()
kusts = sorted(root.rglob("kustomization.yaml"))
for k in kusts:
    doc = yaml.safe_load(k.read_text())
    where = k.relative_to(root)
    if doc.get("kind") not in ("Kustomization", "Component"):
        bad.append(f"{where}: kind is {doc.get('kind')}")
    for key in ("resources", "components"):
        for entry in doc.get(key, []):
            p = (k.parent / entry).resolve()
            if p.is_dir():
                if not (p / "kustomization.yaml").is_file():
                    bad.append(f"{where}: {key} entry {entry} is a folder without kustomization.yaml")
            elif p.is_file():
                if key == "components":
                    bad.append(f"{where}: component {entry} is a file, not a folder")
                listed.add(p)
            else:
                bad.append(f"{where}: {key} entry {entry} does not exist")
    for patch in doc.get("patches", []):
        if "path" in patch and not (k.parent / patch["path"]).is_file():
            bad.append(f"{where}: patch {patch['path']} does not exist")
for m in sorted(root.rglob("*.yaml")):
    if m.name != "kustomization.yaml" and m.resolve() not in listed:
        bad.append(f"{m.relative_to(root)} is in no kustomization's resources")
for b in bad:
    print(b, file=sys.stderr)
print(len(kusts))
sys.exit(1 if bad else 0)
PY
ok "deploy/kubernetes: the $(tail -n 1 "$WORK/kust.log") kustomizations name only existing paths, and every manifest is in one"

# ---------------------------------------------------------------------------------------------
# 3. kubectl kustomize: the folders build, and the builds pass the same checks
# ---------------------------------------------------------------------------------------------
if command -v kubectl >/dev/null 2>&1 && kubectl kustomize --help >/dev/null 2>&1; then
  for dir in base shards merge cronjob; do
    kubectl kustomize "$K8S/$dir" >"$WORK/built-$dir.yaml" 2>"$WORK/kz.log" || fail "kubectl kustomize deploy/kubernetes/$dir: $(cat "$WORK/kz.log")"
    for v in "${K8S_VERSIONS[@]}"; do
      "$VENV/bin/kubernetes-validate" --strict --kubernetes-version "$v" --quiet "$WORK/built-$dir.yaml" >"$WORK/kv.log" 2>&1 ||
        fail "kubernetes-validate -k $v of the $dir build: $(cat "$WORK/kv.log")"
    done
    "$PY" "$WORK/check_k8s.py" --built "$WORK/built-$dir.yaml" >"$WORK/check.log" 2>&1 || fail "the $dir build: $(cat "$WORK/check.log")"
  done
  ok "kubectl kustomize builds base, shards, merge and cronjob; the builds are schema-valid for ${K8S_VERSIONS[*]}, in namespace palisade, and pass the checks above"

  # An overlay with 8 shards, as ../deploy/kubernetes/README.md shows it: SHARDS drives the
  # Indexed Job through the shard-count component, and the merge's lists get shard-4 .. shard-7.
  overlay="$WORK/overlay-8"
  mkdir -p "$overlay/settings"
  rel="$(realpath --relative-to="$overlay" "$K8S")"
  "$PY" - "$ROOT/deploy/kubernetes/README.md" "$overlay" "$rel" <<'PY' || fail "README.md's 8-shard overlay could not be extracted"
import pathlib, re, sys
readme, out, rel = pathlib.Path(sys.argv[1]).read_text(), pathlib.Path(sys.argv[2]), sys.argv[3]
# The README's blocks are headed by a comment naming their file.
blocks = dict(re.findall(r"```yaml\n# (overlay-8/\S+)\n(.*?)```", readme, re.S))
assert set(blocks) == {"overlay-8/kustomization.yaml", "overlay-8/settings/kustomization.yaml"}, sorted(blocks)
for name, text in blocks.items():
    (out / name.split("/", 1)[1]).write_text(text.replace("../deploy/kubernetes", rel))
PY
  kubectl kustomize "$overlay" >"$WORK/built-8.yaml" 2>"$WORK/kz.log" || fail "kubectl kustomize of README.md's 8-shard overlay: $(cat "$WORK/kz.log")"
  "$PY" "$WORK/check_k8s.py" --built "$WORK/built-8.yaml" >"$WORK/check.log" 2>&1 || fail "README.md's 8-shard overlay: $(cat "$WORK/check.log")"
  grep -q ' completions: 8$' "$WORK/built-8.yaml" || fail "README.md's 8-shard overlay: completions is not 8"
  ok "README.md's 8-shard overlay builds: SHARDS=8, completions and parallelism 8, the merge reads shard-0 .. shard-7"
else
  echo "skip - kubectl is not installed: the kustomize builds are not checked"
fi

# ---------------------------------------------------------------------------------------------
# 4. The merge Job's scripts (check-shards, upload-ocsf), run here
# ---------------------------------------------------------------------------------------------
# The Job's /data becomes $WORK/data; everything else runs as written.
mkdir -p "$WORK/scripts" "$WORK/data" "$WORK/fakeaws"
"$PY" - "$K8S/merge/job-merge.yaml" "$K8S/base/configmap.yaml" "$WORK/scripts" "$WORK/data" <<'PY' || fail "could not extract the merge Job's scripts"
import pathlib, shlex, sys
import yaml
job, cm, out, data = yaml.safe_load(open(sys.argv[1])), yaml.safe_load(open(sys.argv[2])), pathlib.Path(sys.argv[3]), sys.argv[4]
pod = job["spec"]["template"]["spec"]
for c in pod["initContainers"] + pod["containers"]:
    if c.get("command", [None])[0] == "/bin/bash":
        assert c["command"] == ["/bin/bash", "-c"], c["command"]
        script = c["args"][0].replace("/data/", data + "/")
        (out / f"{c['name']}.sh").write_text("#!/usr/bin/env bash\n" + script)
        (out / f"{c['name']}.args").write_text("\n".join(a.replace("/data/", data + "/") for a in c["args"][1:]) + "\n")
for k in ("SHARDS", "MAX_SHARD_AGE_MINUTES"):
    (out / k).write_text(cm["data"][k])
PY
[[ -s "$WORK/scripts/check-shards.sh" && -s "$WORK/scripts/upload-ocsf.sh" ]] || fail "the merge Job has no check-shards or upload-ocsf script"
SHARDS="$(cat "$WORK/scripts/SHARDS")"
MAX_AGE="$(cat "$WORK/scripts/MAX_SHARD_AGE_MINUTES")"
mapfile -t CHECK_ARGS <"$WORK/scripts/check-shards.args"
run_check() { # run_check SHARDS: sets $rc, output in $WORK/check-shards.log
  rc=0
  env -i PATH="$PATH" SHARDS="$1" MAX_SHARD_AGE_MINUTES="$MAX_AGE" \
    bash -c "$(cat "$WORK/scripts/check-shards.sh")" "${CHECK_ARGS[@]}" >"$WORK/check-shards.log" 2>&1 || rc=$?
}
for ((k = 0; k < SHARDS; k++)); do echo "{}" | gzip >"$WORK/data/shard-$k.json.gz"; done
run_check "$SHARDS"
[[ "$rc" == 0 ]] || fail "check-shards refused $SHARDS fresh shard files: $(cat "$WORK/check-shards.log")"
touch -d "$((MAX_AGE + 30)) minutes ago" "$WORK/data/shard-1.json.gz"
run_check "$SHARDS"
{ [[ "$rc" == 1 ]] && grep -q 'shard-1.json.gz was written .* earlier run' "$WORK/check-shards.log"; } ||
  fail "check-shards accepted a shard file older than MAX_SHARD_AGE_MINUTES (exit $rc): $(cat "$WORK/check-shards.log")"
echo "{}" | gzip >"$WORK/data/shard-1.json.gz"
rm "$WORK/data/shard-2.json.gz"
run_check "$SHARDS"
{ [[ "$rc" == 1 ]] && grep -q 'shard-2.json.gz is missing' "$WORK/check-shards.log"; } ||
  fail "check-shards accepted a missing shard file (exit $rc): $(cat "$WORK/check-shards.log")"
echo "{}" | gzip >"$WORK/data/shard-2.json.gz"
run_check $((SHARDS * 2))
{ [[ "$rc" == 1 ]] && grep -q "merges $SHARDS shard files but SHARDS is $((SHARDS * 2))" "$WORK/check-shards.log"; } ||
  fail "check-shards accepted a SHARDS the merge's file list does not match (exit $rc): $(cat "$WORK/check-shards.log")"
ok "check-shards: passes this run's $SHARDS files; refuses a file older than $MAX_AGE min, a missing one, and a SHARDS the merge's list does not match"

# A stand-in `aws` that records its arguments.
cat >"$WORK/fakeaws/aws" <<'SH'
#!/usr/bin/env bash
printf '%s\n' "$@" >"$FAKE_AWS_ARGV"
SH
chmod 0755 "$WORK/fakeaws/aws"
printf '{"class_uid":2004}\n' >"$WORK/data/palisade.ocsf.jsonl"
run_upload() { # run_upload BUCKET: sets $rc
  rc=0
  env -i PATH="$WORK/fakeaws:$PATH" FAKE_AWS_ARGV="$WORK/aws.argv" S3_BUCKET="$1" S3_PREFIX=palisade/ocsf/ TZ=UTC \
    bash -c "$(cat "$WORK/scripts/upload-ocsf.sh")" >"$WORK/upload.log" 2>&1 || rc=$?
}
run_upload security-lake-staging
[[ "$rc" == 0 ]] || fail "upload-ocsf: exit $rc: $(cat "$WORK/upload.log")"
mapfile -t argv <"$WORK/aws.argv"
[[ "${argv[*]:0:3}" == "s3 cp --only-show-errors" && "${argv[3]}" == "$WORK/data/palisade.ocsf.jsonl" ]] ||
  fail "upload-ocsf: aws got: ${argv[*]}"
[[ "${argv[4]}" =~ ^s3://security-lake-staging/palisade/ocsf/eventDay=$(date -u +%Y%m%d)/palisade-[0-9]{8}T[0-9]{6}Z\.ocsf\.jsonl$ ]] ||
  fail "upload-ocsf: unexpected destination ${argv[4]}"
run_upload REPLACE-WITH-YOUR-BUCKET
{ [[ "$rc" == 1 ]] && grep -q 'set S3_BUCKET' "$WORK/upload.log"; } || fail "upload-ocsf ran with the placeholder bucket (exit $rc)"
ok "upload-ocsf: aws s3 cp of the scan's OCSF file to s3://BUCKET/PREFIX/eventDay=YYYYMMDD/palisade-<time>.ocsf.jsonl; refuses the placeholder bucket"

# ---------------------------------------------------------------------------------------------
# 5. .github/workflows/org-scan.yml, job by job, with a stand-in palisade
# ---------------------------------------------------------------------------------------------
FAKEBIN="$WORK/fakebin"
mkdir -p "$FAKEBIN"
cat >"$FAKEBIN/palisade" <<'FAKE'
#!/usr/bin/env bash
# A stand-in for palisade: records each call (one line) and writes plausible files.
set -euo pipefail
printf '%s\n' "$*" >>"$FAKE_LOG"
[[ "${1:-}" == --version ]] && { echo "palisade 0.0.0 (fake)"; exit 0; }
cmd="$1"
shift
out="" shards="" shard="" snapshot="" files=()
declare -A write=()
while (($#)); do
  case "$1" in
    -o) out="$2"; shift ;;
    --shards) shards="$2"; shift ;;
    --shard) shard="$2"; shift ;;
    --snapshot) snapshot="$2"; shift ;;
    --sarif | --json | --markdown | --ocsf | --html) write[$1]="$2"; shift ;;
    --org | --role-name | --region | --regions | --format | --framework | --config | --policies | --fail-on | --unused-days)
      [[ "$1" == --org ]] || shift ;;
    -*) echo "fake palisade: unknown option $1" >&2; exit 2 ;;
    *) files+=("$1") ;;
  esac
  shift
done
case "$cmd" in
  accounts)
    python3 - "$shards" "$FAKE_MATRIX" <<'PY'
import json, sys
n, matrix = int(sys.argv[1]), json.loads(sys.argv[2])
accounts = [{"id": f"1111222233{k:02d}", "name": f"acct-{k}", "shard": s} for k, s in enumerate(matrix * 2)]
print(json.dumps({"organization": "o-fake", "shards": n, "matrix": matrix, "accounts": accounts}))
PY
    ;;
  collect) printf '{"shard":"%s"}\n' "$shard" | gzip >"$out" ;;
  merge)
    for f in "${files[@]}"; do [[ -s "$f" ]] || { echo "fake palisade: $f: no such file" >&2; exit 2; }; done
    printf '{"merged":%s}\n' "${#files[@]}" | gzip >"$out" ;;
  scan)
    [[ -s "$snapshot" ]] || { echo "fake palisade: no snapshot $snapshot" >&2; exit 2; }
    [[ -z "${write[--sarif]:-}" ]] || printf '{"version":"2.1.0","runs":[]}\n' >"${write[--sarif]}"
    [[ -z "${write[--json]:-}" ]] || printf '{"summary":{"failing_by_severity":{"critical":2,"high":1,"medium":0,"low":0,"info":0}}}\n' >"${write[--json]}"
    [[ -z "${write[--markdown]:-}" ]] || printf '## Palisade\n\n3 failing findings (fake)\n' >"${write[--markdown]}"
    [[ -z "${write[--ocsf]:-}" ]] || printf '{"class_uid":2004}\n' >"${write[--ocsf]}"
    [[ -z "${write[--html]:-}" ]] || printf '<!doctype html>\n' >"${write[--html]}" ;;
  *) echo "fake palisade: unknown command $cmd" >&2; exit 2 ;;
esac
FAKE
chmod 0755 "$FAKEBIN/palisade"
CALLER="$WORK/caller-repo"
mkdir -p "$CALLER/policies/org"
printf '# palisade.toml (fake)\n' >"$CALLER/palisade.toml"
WF="$ROOT/.github/workflows/org-scan.yml"

# sim STATE JOB INPUTS [MATRIX]: one job of org-scan.yml; sets $rc, log in STATE/JOB.log.
sim() {
  local state="$1" job="$2" inputs="$3" matrix="${4:-}" log
  log="$state/$job${matrix:+-$(tr -dc '0-9' <<<"$matrix")}.log"
  rc=0
  SIM_FAKE_BIN="$FAKEBIN" SIM_CALLER_REPO="$CALLER" FAKE_LOG="$state/palisade.log" FAKE_MATRIX="$FAKE_MATRIX" \
    "$PY" "$HERE/workflow_sim.py" "$WF" "$job" "$state" "$inputs" ${matrix:+"$matrix"} >"$log" 2>&1 || rc=$?
}
# org_run STATE INPUTS: plan, every shard of its matrix, then merge-and-scan; sets $rc of the
# last job run.
org_run() {
  local state="$1" inputs="$2" shard
  mkdir -p "$state"
  sim "$state" plan "$inputs"
  [[ "$rc" == 0 ]] || fail "org-scan.yml plan: exit $rc: $(cat "$state/plan.log")"
  for shard in $("$PY" -c 'import json, sys; print(" ".join(map(str, json.loads(json.load(open(sys.argv[1]))["plan"]["outputs"]["matrix"]))))' "$state/needs.json"); do
    sim "$state" shard "$inputs" "{\"shard\": $shard}"
    [[ "$rc" == 0 ]] || fail "org-scan.yml shard $shard: exit $rc: $(cat "$state/shard-$shard.log")"
  done
  sim "$state" merge-and-scan "$inputs"
}

FAKE_MATRIX="[0,1,3]"
INPUTS='{"role-to-assume": "arn:aws:iam::111122223333:role/palisade-org-reader", "audit-role-name": "palisade-audit",
  "regions": "us-east-1, eu-west-1", "frameworks": "hipaa", "config": "palisade.toml", "policies": "policies/org",
  "scan-args": "--unused-days 30"}'
S1="$WORK/run1"
org_run "$S1" "$INPUTS"
# fail-on high (the default) and the stand-in's 2 critical findings: the gate fails the job,
# after the SARIF upload and the artifacts.
{ [[ "$rc" == 1 ]] && grep -q '^failed - merge-and-scan: Gate on fail-on' "$S1/merge-and-scan.log"; } ||
  fail "org-scan.yml merge-and-scan: expected the gate to fail (exit 1), got $rc: $(cat "$S1/merge-and-scan.log")"
needs="$(cat "$S1/needs.json")"
[[ "$("$PY" -c 'import json, sys; d = json.loads(sys.argv[1])["plan"]["outputs"]; print(d["matrix"], d["accounts"], d["palisade-version"])' "$needs")" == "[0,1,3] 6 v9.9.9" ]] ||
  fail "org-scan.yml plan outputs: $needs"
grep -qx 'accounts --org --role-name palisade-audit --shards 4 --format json' "$S1/palisade.log" || fail "plan: palisade accounts was not run as expected: $(cat "$S1/palisade.log")"
grep -q '| 3 | 2 |' "$S1/summary-plan.md" || fail "plan: the job summary has no row for shard 3: $(cat "$S1/summary-plan.md")"
ok "org-scan.yml plan: palisade accounts --org --role-name --shards 4 --format json; matrix [0,1,3], account count and palisade version as job outputs; a summary row per shard"
for k in 0 1 3; do
  grep -qx "collect --org --role-name palisade-audit --shard $k/4 --region us-east-1 --region eu-west-1 -o shard-$k.json.gz" "$S1/palisade.log" ||
    fail "shard $k: palisade collect was not run as expected: $(grep collect "$S1/palisade.log")"
  [[ -s "$S1/artifacts/palisade-org-shard-$k/shard-$k.json.gz" ]] || fail "shard $k: no artifact palisade-org-shard-$k"
done
ok "org-scan.yml shard (one job per matrix entry): palisade collect --org --shard K/4 with a --region per region; artifact palisade-org-shard-K"
grep -qx 'merge shards/shard-0.json.gz shards/shard-1.json.gz shards/shard-3.json.gz -o org.json.gz' "$S1/palisade.log" ||
  fail "merge-and-scan: palisade merge was not run on the three shards: $(grep merge "$S1/palisade.log")"
scan_line="$(grep '^scan ' "$S1/palisade.log")"
for want in "--snapshot org.json.gz" "--framework hipaa" "--policies $S1/runs/merge-and-scan/workspace/caller/policies/org" \
  "--config $S1/runs/merge-and-scan/workspace/caller/palisade.toml" "--ocsf palisade-org.ocsf.jsonl --html palisade-org.html --unused-days 30" "--fail-on none"; do
  [[ "$scan_line" == *"$want"* ]] || fail "merge-and-scan: palisade scan lacks '$want': $scan_line"
done
grep -qx 'palisade-org.sarif category=palisade-org' "$S1/sarif-uploads.txt" || fail "merge-and-scan: the SARIF was not uploaded with category palisade-org"
for f in org.json.gz palisade-org.sarif palisade-org.ocsf.jsonl palisade-org.html palisade-org.json palisade-org.md; do
  [[ -s "$S1/artifacts/palisade-org-reports/$f" ]] || fail "merge-and-scan: $f is not in the palisade-org-reports artifact"
done
grep -q '3 failing findings (fake)' "$S1/summary-merge-and-scan.md" || fail "merge-and-scan: the Markdown report is not in the job summary"
ok "org-scan.yml merge-and-scan: palisade merge of the matrix's shards, scan.sh with frameworks, the caller's config and policies, --ocsf, --html and scan-args; SARIF uploaded (category palisade-org); reports and merged snapshot kept; summary written; the gate fails on findings at or above fail-on"

S2="$WORK/run2"
FAKE_MATRIX="[0,1]"
org_run "$S2" '{"role-to-assume": "arn:aws:iam::111122223333:role/r", "audit-role-name": "OrganizationAccountAccessRole", "regions": "all", "shards": 2, "fail-on": "none", "upload-sarif": false, "artifact-prefix": "org2"}'
[[ "$rc" == 0 ]] || fail "org-scan.yml with fail-on none: exit $rc: $(cat "$S2/merge-and-scan.log")"
grep -qx 'collect --org --role-name OrganizationAccountAccessRole --shard 0/2 --regions all -o shard-0.json.gz' "$S2/palisade.log" ||
  fail "regions all: $(grep collect "$S2/palisade.log")"
[[ ! -e "$S2/sarif-uploads.txt" && -d "$S2/artifacts/org2-reports" ]] || fail "upload-sarif false or artifact-prefix org2 was not followed"
grep -q '^skip - merge-and-scan: Check out the calling repository' "$S2/merge-and-scan.log" ||
  fail "the calling repository was checked out without config or policies: $(cat "$S2/merge-and-scan.log")"
ok "org-scan.yml: fail-on none passes; regions all becomes --regions all; upload-sarif false skips the upload; artifact-prefix names the artifacts; no caller checkout without config or policies"

# A shard whose artifact is missing fails the merge instead of dropping its accounts.
S3="$WORK/run3"
FAKE_MATRIX="[0,2]"
mkdir -p "$S3"
sim "$S3" plan '{"role-to-assume": "r", "audit-role-name": "a"}'
sim "$S3" shard '{"role-to-assume": "r", "audit-role-name": "a"}' '{"shard": 0}'
sim "$S3" merge-and-scan '{"role-to-assume": "r", "audit-role-name": "a"}'
{ [[ "$rc" != 0 ]] && grep -q 'not the plan.s shards' "$S3/merge-and-scan.log"; } ||
  fail "merge-and-scan merged without shard 2's artifact (exit $rc): $(cat "$S3/merge-and-scan.log")"
for bad in '"shards": 65' '"shards": 0' '"regions": "us-east-1;id"' '"fail-on": "severe"' '"audit-role-name": "a b"' '"frameworks": "hipaa;id"'; do
  S4="$(mktemp -d "$WORK/bad.XXXXXX")"
  sim "$S4" plan "{\"role-to-assume\": \"r\", \"audit-role-name\": \"a\", $bad}"
  { [[ "$rc" != 0 ]] && grep -q '^failed - plan: Check the inputs' "$S4/plan.log"; } || fail "plan accepted $bad (exit $rc): $(cat "$S4/plan.log")"
  ! grep -q '^accounts' "$S4/palisade.log" 2>/dev/null || fail "plan called palisade accounts despite $bad"
done
ok "org-scan.yml: a missing shard artifact fails the merge; bad shards, regions, fail-on, role name or frameworks fail the plan before any AWS call"

# ---------------------------------------------------------------------------------------------
# 6. shellcheck
# ---------------------------------------------------------------------------------------------
if command -v shellcheck >/dev/null 2>&1; then
  shellcheck "$HERE/run.sh" "$WORK/scripts/check-shards.sh" "$WORK/scripts/upload-ocsf.sh" >"$WORK/sc.log" 2>&1 ||
    fail "shellcheck: $(cat "$WORK/sc.log")"
  ok "shellcheck tests/deploy/run.sh and the merge Job's two bash scripts"
else
  echo "skip - shellcheck is not installed (apt-get install -y shellcheck)"
fi

echo "$passed passed, 0 failed"
