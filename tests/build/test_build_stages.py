"""Config, dedup, decontamination, heldout and split: each stage on its own."""

from __future__ import annotations

import random
import re
from pathlib import Path

import attrs
import pytest
from buildhelpers import example_registry
from hypothesis import given
from hypothesis import strategies as st

from mathft_core.build import contamination as ct
from mathft_core.build.config import load_config
from mathft_core.build.dedup import dedup_records
from mathft_core.build.evalsets import TextItem, read_texts
from mathft_core.build.split import plan_heldout, split_by_unit
from mathft_core.errors import InputFormatError
from mathft_core.generate import generate_records
from mathft_core.records import ProblemRecord


def test_default_config_targets_at_least_5200_items() -> None:
    config = load_config()
    assert config.seed == 42
    for n_types in (2, 29, 147):
        assert config.items.per_type_for(n_types) * n_types >= 5200
    assert config.items.difficulty_cycle() == (1, 2, 3, 4, 5)
    assert (config.split.phase_a_train, config.split.phase_b_train) == (0.7, 0.8)
    assert config.clean.length_budget == 900 and config.clean.head_fraction == 0.6
    assert config.contamination.same_template_threshold == 0.4
    # the shipped default points at nothing outside the repository (issue 15, finding 10)
    assert config.contamination.eval_sets == ()


def test_user_config_merges_and_resolves_paths(tmp_path: Path) -> None:
    path = tmp_path / "conf" / "build.toml"
    path.parent.mkdir()
    path.write_text(
        'out = "o"\n[items]\nper_type = 7\ndifficulty_mix = { 1 = 2, 5 = 1 }\n'
        '[[contamination.eval_sets]]\nname = "dev"\npath = "dev.jsonl"\nformat = "jsonl"\noptional = false\n',
        encoding="utf-8",
    )
    config = load_config(path)
    assert config.out == path.parent / "o"
    assert config.items.per_type_for(147) == 7 and config.items.difficulty_cycle() == (1, 1, 5)
    assert config.contamination.eval_sets[0].path == path.parent / "dev.jsonl"
    assert config.dedup.ngram == 5  # untouched sections keep their defaults


@pytest.mark.parametrize(
    ("text", "line", "key"),
    [
        ("[items]\ntotal = -3\n", 2, "items.total"),
        ("[dedup]\n\nthreshold = 1.5\n", 3, "dedup.threshold"),
        ("[split]\nphase_a_trian = 0.7\n", 2, "split.phase_a_trian"),
        ("[contamination]\nleak_policy = \"warn\"\n", 2, "contamination.leak_policy"),
        ("seed = \"x\"\n", 1, "seed"),
    ],
)
def test_bad_config_names_file_line_and_key(tmp_path: Path, text: str, line: int, key: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputFormatError) as info:
        load_config(path)
    assert (info.value.path, info.value.line, info.value.field) == (str(path), line, key)


def test_config_hash_ignores_output_folder(tmp_path: Path) -> None:
    one = load_config(overrides={"out": str(tmp_path / "a")})
    two = load_config(overrides={"out": str(tmp_path / "b")})
    three = load_config(overrides={"seed": 7})
    assert one.content_hash() == two.content_hash() != three.content_hash()


def _records(per_type: int = 40) -> list[ProblemRecord]:
    records, _ = generate_records(example_registry(), per_type=per_type)
    return records


def test_dedup_removes_exact_copies_and_caps_clusters() -> None:
    records = _records(60)
    copies = [attrs.evolve(r, id=r.id + "-copy", problem=" " + r.problem) for r in records[:5]]
    config = load_config().dedup
    result = dedup_records([*records, *copies], config)
    assert {d for d, _ in result.exact_dropped} >= {c.id for c in copies}
    capped = dedup_records(records, attrs.evolve(config, max_per_cluster=3))
    assert capped.near_dropped
    assert all(size <= 3 for size in _cluster_counts(capped).values())
    # no template disappears: every (type, phrasing) kept in the uncapped run is still there
    assert {(r.type, r.phrasing) for r in capped.kept} == {(r.type, r.phrasing) for r in dedup_records(records, attrs.evolve(config, max_per_cluster=0)).kept}


def _cluster_counts(result) -> dict[str, int]:
    """Kept items per masked problem text (each such group lies inside one cluster)."""
    from mathft_core.build.textkey import masked_key

    counts: dict[str, int] = {}
    for record in result.kept:
        key = masked_key(record.problem)
        counts[key] = counts.get(key, 0) + 1
    return counts


def test_dedup_is_deterministic_and_order_based() -> None:
    records = _records(30)
    config = attrs.evolve(load_config().dedup, max_per_cluster=5)
    one = dedup_records(records, config)
    two = dedup_records(list(records), config)
    assert [r.id for r in one.kept] == [r.id for r in two.kept]
    index = {r.id: i for i, r in enumerate(records)}
    assert [index[r.id] for r in one.kept] == sorted(index[r.id] for r in one.kept)


def test_contamination_verdicts_on_a_short_standard_problem() -> None:
    thresholds = ct.Thresholds()
    evals = [TextItem(source="dev", id="1", text="2次不等式 $x^2 - 5x + 6 < 0$ を解け。")]
    train = [
        TextItem(source="train", id="copy", unit="u", text="2次不等式 $x^2-5x+6<0$ を解け。\n解答は略す。"),
        TextItem(source="train", id="template", unit="u", text="2次不等式 $t^2 - 7t + 9 < 0$ を解け。"),
        TextItem(source="train", id="other", unit="v", text="$14$ を $3$ 進数に直せ。"),
    ]
    pairs = ct.flag_pairs(evals, train, thresholds)
    assert [(p.train_id, p.verdict) for p in pairs] == [("copy", "leak"), ("template", "same_template")]
    summary = ct.summarize_by_eval(evals, pairs)
    assert summary == [{"eval_set": "dev", "eval_id": "1", "verdict": "leak", "matches": 2, "units": ["u"]}]


def test_contamination_scan_is_the_same_with_two_workers() -> None:
    rng = random.Random(3)
    evals = [TextItem(source="e", id=str(i), text=f"{i}個の箱に{i + 1}個ずつ玉を入れると全部で何個か。") for i in range(20)]
    train = [TextItem(source="t", id=str(i), text=f"{rng.randint(1, 99)}個の箱に{rng.randint(1, 9)}個ずつ玉を入れると全部で何個か。" if i % 3 else "関係のない文章である。")
             for i in range(5000)]
    assert ct.flag_pairs(evals, train, ct.Thresholds(), workers=2) == ct.flag_pairs(evals, train, ct.Thresholds())


def test_eval_set_formats(tmp_path: Path) -> None:
    jsonl = tmp_path / "dev.jsonl"
    jsonl.write_text('{"id": 34, "problem": "方程式を解け。", "solution": "1"}\n', encoding="utf-8")
    tsv = tmp_path / "m.tsv"
    tsv.write_text("問題文A\t18\n問題文B\t3\n", encoding="utf-8")
    txt = tmp_path / "lines.txt"
    txt.write_text("一行目\n\n三行目\n", encoding="utf-8")
    chat = tmp_path / "train.jsonl"
    chat.write_text('{"id": "a", "messages": [{"role": "system", "content": "S"}, {"role": "user", "content": "U"}, '
                    '{"role": "assistant", "content": "A"}]}\n', encoding="utf-8")
    assert read_texts(jsonl) == [TextItem(source="dev", id="34", text="方程式を解け。")]
    assert [(i.id, i.text) for i in read_texts(tsv)] == [("1", "問題文A"), ("2", "問題文B")]
    assert [(i.id, i.text) for i in read_texts(txt)] == [("1", "一行目"), ("3", "三行目")]
    assert read_texts(chat, fields=("problem", "solution"))[0].text == "U\nA"
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": 1, "problem": "x"}\n{"id": 2}\n', encoding="utf-8")
    with pytest.raises(InputFormatError, match=r"bad.jsonl:2: field 'problem'"):
        read_texts(bad)


def test_heldout_plan_holds_whole_phrasings_and_hardest_levels() -> None:
    records = _records(40)
    counts = {("example.base_conversion", "to_base"): 3, ("example.base_conversion", "from_base"): 3}
    config = attrs.evolve(load_config().heldout, phrasing_types=1.0, hardest_types=1.0)
    plan = plan_heldout(42, counts, config)
    held = [r for r in records if plan.holds(r)]
    assert all(r.difficulty == 5 or r.phrasing == plan.phrasings[(r.unit, r.type)] for r in held)
    assert {r.phrasing for r in records if not plan.holds(r) and r.type == "to_base"}.isdisjoint(
        {plan.phrasings[("example.base_conversion", "to_base")]})
    assert all(r.difficulty != 5 for r in records if not plan.holds(r))
    assert plan_heldout(42, counts, attrs.evolve(config, phrasing_types=0.0, hardest_types=0.0)).to_json()["phrasings"] == []


def _fake(unit: str, i: int) -> ProblemRecord:
    return ProblemRecord(id=f"{unit}-{i}", unit=unit, type="t", course="中1", category="中1", difficulty=1, seed=42,
                         index=i, phrasing=0, params={}, problem="p", solution="s", answer="1", answer_form="soft",
                         verified=True, verdict="ok")


@given(st.dictionaries(st.sampled_from(["u.a", "u.b", "u.c"]), st.integers(2, 120), min_size=1),
       st.sampled_from([0.7, 0.8]), st.integers(1, 20))
def test_split_is_stratified_and_stable_when_items_are_added(sizes: dict[str, int], share: float, extra: int) -> None:
    records = [_fake(u, i) for u, n in sizes.items() for i in range(n)]
    train, val = split_by_unit(records, share, salt="42:a")
    assert {r.id for r in train}.isdisjoint({r.id for r in val}) and len(train) + len(val) == len(records)
    for unit, n in sizes.items():
        k = sum(1 for r in train if r.unit == unit)
        assert 1 <= k <= n - 1 and abs(k - share * n) <= 1
    grown = records + [_fake(u, 1000 + i) for u in sizes for i in range(extra)]
    train2, _ = split_by_unit(grown, share, salt="42:a")
    moved = {r.id for r in train} ^ ({r.id for r in train2} & {r.id for r in records})
    assert len(moved) <= len(sizes) * (extra + 1)  # at most m + 1 boundary items per unit move


def test_check_contamination_cli(tmp_path: Path, mgsm_path: Path) -> None:
    from typer.testing import CliRunner

    from mathft_core.cli import app

    lines = mgsm_path.read_text(encoding="utf-8").splitlines()
    question = lines[0].split("\t")[0]
    train = tmp_path / "train.jsonl"
    train.write_text(
        '{"id": "leaky", "problem": "次の問題を解け。' + question + '", "solution": "略"}\n'
        '{"id": "fine", "problem": "$14$ を $3$ 進数に直せ。", "solution": "略"}\n', encoding="utf-8")
    result = CliRunner().invoke(app, ["check-contamination", str(train), str(mgsm_path)])
    assert result.exit_code == 1, result.output
    rows = [line for line in result.stdout.splitlines() if line.startswith("{")]
    assert len(rows) == 1 and '"train_id": "leaky"' in rows[0] and '"verdict": "leak"' in rows[0]
    assert re.search(r'"eval_set": "mgsm_ja", "eval_id": "1"', rows[0])
