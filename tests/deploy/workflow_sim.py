"""Runs the jobs of .github/workflows/org-scan.yml on this machine, step by step, the way a runner
would, with a stand-in `palisade` (tests/deploy/run.sh).

What is real: every `run:` script, with its `env:` and `working-directory`, under
`bash --noprofile --norc -eo pipefail` (the runner's bash); the step outputs, job summary and
PATH files between steps; the job outputs from one job to the next; the matrix from the plan
job's output; `if:` conditions. What is simulated: the actions (checkout copies this
repository's scripts, configure-aws-credentials does nothing, the artifact actions copy
files to and from a local directory, upload-sarif records its inputs) and the install step
(install.sh itself is tested by tests/action/run.sh; here only its wiring is checked).

    python3 workflow_sim.py WORKFLOW JOB STATE_DIR INPUTS_JSON [MATRIX_JSON]

STATE_DIR keeps what outlives a job: needs.json (outputs of finished jobs), artifacts/, and
the record of uploads. Prints a line per step; exits with the failing step's exit code.
"""
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys

import yaml

ROOT = pathlib.Path(__file__).resolve().parents[2]
FAKE_SHA = "0123456789abcdef0123456789abcdef01234567"


class Context:
    def __init__(self, workflow, job_id, state, inputs, matrix, workspace, temp):
        declared = workflow[True]["workflow_call"]["inputs"]  # PyYAML reads `on:` as True
        unknown = set(inputs) - set(declared)
        if unknown:
            raise SystemExit(f"workflow_sim: inputs the workflow does not declare: {sorted(unknown)}")
        self.values = {
            "inputs": {k: inputs.get(k, v.get("default", "")) for k, v in declared.items()},
            "job": {"workflow_repository": "palisade-security/palisade", "workflow_sha": FAKE_SHA},
            "github": {"token": "fake-token", "workspace": str(workspace)},
            "runner": {"temp": str(temp)},
            "matrix": matrix,
            "needs": json.loads((state / "needs.json").read_text()) if (state / "needs.json").exists() else {},
            "steps": {},
        }
        self.job_id = job_id

    def lookup(self, ref):
        node = self.values
        for part in ref.split("."):
            if part == "outputs" and isinstance(node, dict) and "outputs" not in node:
                node = {}
            if not isinstance(node, dict):
                raise KeyError(ref)
            if part not in node:
                # Step and job outputs that were never written read as '' (as on GitHub);
                # anything else is a typo in the workflow.
                if ref.startswith(("steps.", "needs.")):
                    return ""
                raise KeyError(f"unknown context value {ref}")
            node = node[part]
        return node

    def evaluate(self, expr):
        """A ${{ }} expression, for the forms the workflow uses: context values, string
        literals, ==, !=, !, &&, ||, !cancelled() and fromJSON()."""
        refs = []

        def ref(m):
            refs.append(m.group(0))
            return f"_ref({len(refs) - 1})"

        py = re.sub(r"'[^']*'", lambda m: repr(m.group(0)[1:-1]), expr)
        py = py.replace("!cancelled()", "True").replace("fromJSON(", "_json(")
        py = re.sub(r"(?<!['\w])(?:inputs|job|github|runner|matrix|needs|steps)(?:\.[A-Za-z0-9_-]+)+", ref, py)
        py = py.replace("&&", " and ").replace("||", " or ")
        py = re.sub(r"!(?!=)", " not ", py)
        return eval(py, {"_ref": lambda i: self.lookup(refs[i]), "_json": json.loads, "True": True})

    def render(self, value):
        """A workflow value: one whole ${{ }} keeps its type; inside text it becomes text."""
        if not isinstance(value, str):
            return value
        whole = re.fullmatch(r"\$\{\{((?:(?!\}\}).)*)\}\}", value.strip(), re.S)
        if whole:
            return self.evaluate(whole.group(1))
        return re.sub(r"\$\{\{(.*?)\}\}", lambda m: as_text(self.evaluate(m.group(1))), value)


def as_text(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (dict, list)):
        return json.dumps(v)
    return str(v)


def read_kv(path):
    """A GITHUB_OUTPUT file (name=value lines; the workflow writes no multi-line values)."""
    out = {}
    for line in pathlib.Path(path).read_text().splitlines():
        if "=" in line:
            k, v = line.split("=", 1)
            out[k] = v
    return out


def simulate_action(step, with_, ctx, workspace, state, job_id):
    uses = step["uses"].split("@", 1)[0]
    if uses == "actions/checkout":
        dest = workspace / with_.get("path", ".")
        if with_.get("repository"):
            assert with_["repository"] == "palisade-security/palisade" and with_["ref"] == FAKE_SHA, with_
            (dest / "scripts").mkdir(parents=True, exist_ok=True)
            shutil.copytree(ROOT / "scripts" / "action", dest / "scripts" / "action", dirs_exist_ok=True)
        else:  # the calling repository
            src = pathlib.Path(os.environ["SIM_CALLER_REPO"])
            shutil.copytree(src, dest, dirs_exist_ok=True)
        assert with_.get("persist-credentials") is False, f"{step}: persist-credentials is not false"
    elif uses == "aws-actions/configure-aws-credentials":
        for key in ("role-to-assume", "aws-region", "role-session-name"):
            assert with_.get(key), f"configure-aws-credentials without {key}"
        assert re.fullmatch(r"[\w+=,.@-]{2,64}", with_["role-session-name"]), with_["role-session-name"]
    elif uses == "actions/upload-artifact":
        name = with_["name"]
        dest = state / "artifacts" / name
        assert not dest.exists(), f"artifact {name} uploaded twice in one run"
        dest.mkdir(parents=True)
        found = 0
        for line in str(with_["path"]).splitlines():
            src = workspace / line.strip()
            if line.strip() and src.is_file():
                shutil.copy(src, dest / src.name)
                found += 1
        if found == 0 and with_.get("if-no-files-found", "warn") == "error":
            print(f"workflow_sim: upload-artifact {name}: no files", file=sys.stderr)
            return 1
    elif uses == "actions/download-artifact":
        import fnmatch

        dest = workspace / with_["path"]
        dest.mkdir(parents=True, exist_ok=True)
        assert with_.get("merge-multiple") is True
        for art in sorted((state / "artifacts").iterdir()):
            if fnmatch.fnmatchcase(art.name, with_["pattern"]):
                for f in art.iterdir():
                    shutil.copy(f, dest / f.name)
    elif uses == "github/codeql-action/upload-sarif":
        sarif = pathlib.Path(with_["sarif_file"])
        assert sarif.is_file(), f"upload-sarif: {sarif} is not a file"
        (state / "sarif-uploads.txt").open("a").write(f"{sarif.name} category={with_['category']}\n")
    else:
        raise SystemExit(f"workflow_sim: no simulation for {uses}")
    return 0


def main():
    wf_path, job_id, state, inputs, *rest = sys.argv[1:]
    state = pathlib.Path(state)
    workflow = yaml.safe_load(open(wf_path))
    job = workflow["jobs"][job_id]
    matrix = json.loads(rest[0]) if rest else {}
    label = job_id + ("-" + "-".join(str(v) for v in matrix.values()) if matrix else "")
    workspace = state / "runs" / label / "workspace"
    temp = state / "runs" / label / "temp"
    workspace.mkdir(parents=True)
    temp.mkdir(parents=True)
    ctx = Context(workflow, job_id, state, json.loads(inputs), matrix, workspace, temp)
    summary = temp / "step-summary.md"
    summary.touch()
    path_file = temp / "path"
    path_file.touch()
    shell = workflow.get("defaults", {}).get("run", {}).get("shell")
    assert shell == "bash", "the workflow's default shell is not bash"

    failed = 0
    for i, step in enumerate(job["steps"]):
        name = step.get("name", step.get("uses", f"step {i}"))
        cond = step.get("if")
        if cond is not None and not ctx.render(cond if "${{" in str(cond) else "${{ " + str(cond) + " }}"):
            print(f"skip - {label}: {name}")
            continue
        if failed and not (cond and "cancelled()" in str(cond)):
            print(f"skip - {label}: {name} (an earlier step failed)")
            continue
        env = {k: as_text(ctx.render(v)) for k, v in (step.get("env") or {}).items()}
        if "uses" in step:
            with_ = {k: ctx.render(v) for k, v in (step.get("with") or {}).items()}
            rc = simulate_action(step, with_, ctx, workspace, state, job_id)
        elif name == "Install palisade":
            # The real script, as the step runs it, for version `source` in dry-run mode: it
            # must find the checkout of this workflow's commit through GITHUB_ACTION_PATH.
            dry = subprocess.run(
                ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
                cwd=workspace, capture_output=True, text=True,
                env={**os.environ, **env, "INPUT_VERSION": "source", "PALISADE_FALLBACK_DRY_RUN": "1",
                     "RUNNER_TEMP": str(temp), "GITHUB_ACTION_PATH": "/nonexistent"},
            )
            want = f"--path {workspace}/.palisade"
            assert dry.returncode == 0 and want in dry.stdout, f"install step: {dry.stdout}{dry.stderr}"
            # Then the stand-in, as install.sh would leave it.
            fakebin = pathlib.Path(os.environ["SIM_FAKE_BIN"])
            with path_file.open("a") as f:
                f.write(f"{fakebin}\n")
            outputs = {"bin": str(fakebin / "palisade"), "version": env["INPUT_VERSION"] if env["INPUT_VERSION"] != "latest" else "v9.9.9", "method": "release"}
            ctx.values["steps"][step.get("id", f"_{i}")] = {"outputs": outputs}
            print(f"ok - {label}: {name} (install.sh found the checkout; stand-in installed)")
            continue
        else:
            out = temp / f"output-{i}"
            out.touch()
            extra_path = [p for p in path_file.read_text().splitlines() if p]
            run_env = {
                **os.environ,
                "PATH": ":".join(extra_path + [os.environ["PATH"]]),
                "GITHUB_OUTPUT": str(out),
                "GITHUB_STEP_SUMMARY": str(summary),
                "GITHUB_PATH": str(path_file),
                "GITHUB_WORKSPACE": str(workspace),
                "RUNNER_TEMP": str(temp),
                "RUNNER_OS": "Linux",
                "RUNNER_ARCH": "X64",
                **env,
            }
            cwd = workspace / step.get("working-directory", ".")
            rc = subprocess.run(
                ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
                cwd=cwd, env=run_env,
            ).returncode
            ctx.values["steps"][step.get("id", f"_{i}")] = {"outputs": read_kv(out)}
        print(f"{'ok' if rc == 0 else 'failed'} - {label}: {name}" + (f" (exit {rc})" if rc else ""))
        if rc:
            failed = rc

    needs = ctx.values["needs"]
    if not matrix:
        needs[job_id] = {"outputs": {k: as_text(ctx.render(v)) for k, v in (job.get("outputs") or {}).items()}}
        (state / "needs.json").write_text(json.dumps(needs))
    (state / f"summary-{label}.md").write_text(summary.read_text())
    sys.exit(failed)


if __name__ == "__main__":
    main()
