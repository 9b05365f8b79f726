"""End to end on CPU: generated problems -> tiny model, 16 samples each -> vote -> predictions
-> grader-compatible evaluation -> report; and ``mathft predict`` with the network disabled."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from mathft_core.infer.backends import Sample, SamplingConfig, TransformersBackend
from mathft_core.infer.predict import PredictSettings, predict
from mathft_core.infer.voting import vote
from mathft_core.io import read_jsonl, write_jsonl

pytestmark = pytest.mark.model
REPO = Path(__file__).resolve().parents[2]
MATHFT = Path(sys.executable).with_name("mathft")


@pytest.fixture(scope="module")
def heldout(tmp_path_factory) -> Path:
    """Competition-format rows (the build's heldout shape) from units of different categories."""
    from mathft_core.build.export import heldout_row
    from mathft_core.generate import generate_records
    from mathft_core.plugins import collect_units, get_plugin_manager

    registry = collect_units(get_plugin_manager())
    picked: dict[str, str] = {}
    for unit_id in registry.ids():
        picked.setdefault(registry.units[unit_id].unit.category, unit_id)
    records, _ = generate_records(registry, sorted(picked.values())[:4], per_type=1, seed=7)
    rows = [heldout_row(r) for r in records if r.verified][:8]
    assert len(rows) >= 4
    path = tmp_path_factory.mktemp("heldout") / "heldout.jsonl"
    write_jsonl(path, rows)
    return path


def test_predict_vote_evaluate_report(tmp_path, heldout, tiny_model_dir, checker):
    backend = TransformersBackend(tiny_model_dir, batch_size=4)
    settings = PredictSettings(sampling=SamplingConfig(n=16, max_new_tokens=16), batch_size=4)
    out, side = tmp_path / "predictions.jsonl", tmp_path / "sidecar.jsonl"
    summary = predict(heldout, out, backend, checker, settings, sidecar_path=side)
    gold = [r for _, r in read_jsonl(heldout)]
    preds = [r for _, r in read_jsonl(out)]
    details = [r for _, r in read_jsonl(side)]
    assert [p["id"] for p in preds] == [g["id"] for g in gold] == [d["id"] for d in details]
    assert summary.generated == len(gold)
    for pred, detail in zip(preds, details, strict=True):
        assert len(detail["samples"]) == 16
        # the output is the vote over the recorded samples
        again = vote([Sample(s["text"], s["logprob"]) for s in detail["samples"]], checker)
        assert pred["output"] == again.output == detail["output"]
        assert sum(g["votes"] for g in detail["votes"]) == detail["valid"]

    report = tmp_path / "report"
    result = subprocess.run([str(MATHFT), "eval", str(out), str(heldout), "-o", str(report)],
                            capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    data = json.loads((report / "report.json").read_text(encoding="utf-8"))
    rows = [r for _, r in read_jsonl(report / "rows.jsonl")]
    assert data["overall"]["total"] == len(gold) == len(rows)
    assert data["overall"]["correct"] == sum(r["correct"] for r in rows)
    assert sum(v["total"] for v in data["by_category"].values()) == len(gold)
    assert sum(e["count"] for e in data["taxonomy"].values()) == len(gold) - data["overall"]["correct"]
    for name in ("accuracy_by_category.png", "accuracy_by_unit.png", "errors.png"):
        assert (report / name).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "# Evaluation report" in (report / "report.md").read_text(encoding="utf-8")
    assert (report / "report.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


GUARD = textwrap.dedent("""
    import os, socket
    _log = os.environ["MATHFT_NET_LOG"]
    _connect, _connect_ex, _getaddrinfo = socket.socket.connect, socket.socket.connect_ex, socket.getaddrinfo

    def _note(what):
        with open(_log, "a", encoding="utf-8") as handle:
            handle.write(f"{os.getpid()} {what}\\n")

    def connect(self, address):
        if self.family in (socket.AF_INET, socket.AF_INET6):
            _note(f"connect {address!r}")
            raise OSError("network disabled")
        return _connect(self, address)

    def connect_ex(self, address):
        if self.family in (socket.AF_INET, socket.AF_INET6):
            _note(f"connect_ex {address!r}")
            raise OSError("network disabled")
        return _connect_ex(self, address)

    def getaddrinfo(host, *args, **kwargs):
        _note(f"getaddrinfo {host!r}")
        raise socket.gaierror("network disabled")

    socket.socket.connect, socket.socket.connect_ex, socket.getaddrinfo = connect, connect_ex, getaddrinfo
""")


def _no_network_prefix() -> list[str]:
    """``unshare -n`` (a private network namespace) where this machine allows it."""
    if shutil.which("unshare") and subprocess.run(["unshare", "-n", "true"], capture_output=True).returncode == 0:
        return ["unshare", "-n"]
    return []


def test_predict_runs_offline_with_competition_arguments(tmp_path, heldout, tiny_model_dir):
    """The socket guard refuses and records every internet connection and DNS lookup in
    every process (the answer workers too); the model is found under MATHFT_MODEL_ROOT."""
    guard = tmp_path / "guard"
    guard.mkdir()
    (guard / "sitecustomize.py").write_text(GUARD, encoding="utf-8")
    models = tmp_path / "models"
    models.mkdir()
    shutil.copytree(tiny_model_dir, models / "tiny")
    log = tmp_path / "net.log"
    env = {**os.environ, "PYTHONPATH": f"{guard}{os.pathsep}{REPO}", "MATHFT_NET_LOG": str(log),
           "MATHFT_MODEL_ROOT": str(models), "OMP_NUM_THREADS": "1"}
    env.pop("HF_HUB_OFFLINE", None)  # predict must go offline by itself
    out = tmp_path / "output.jsonl"
    cmd = [*_no_network_prefix(), str(MATHFT), "predict", "--input_path", str(heldout), "--output_path", str(out),
           "--n", "4", "--max-new-tokens", "8", "--backend", "transformers"]
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=300, env=env, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert f"model {models / 'tiny'}" in result.stderr.replace("\n", "")
    assert not log.exists(), log.read_text(encoding="utf-8")
    # the guard is live in this environment: a plain request is refused and recorded
    probe = subprocess.run([sys.executable, "-c", "import urllib.request; urllib.request.urlopen('http://example.org')"],
                           capture_output=True, text=True, timeout=60, env=env)
    assert probe.returncode != 0 and "example.org" in log.read_text(encoding="utf-8")
    inputs = [r for _, r in read_jsonl(heldout)]
    outputs = [r for _, r in read_jsonl(out)]
    assert [r["id"] for r in outputs] == [r["id"] for r in inputs]
    assert all(isinstance(r["output"], str) for r in outputs)
    assert all({k: v for k, v in o.items() if k != "output"} == i for o, i in zip(outputs, inputs, strict=True))
