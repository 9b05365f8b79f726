"""Surface variety: deterministic, math-preserving rewrites of problem texts only."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from latex2sympy2_extended import latex2sympy
from typer.testing import CliRunner

from mathft_core.build.config import load_config
from mathft_core.cli import app
from mathft_core.errors import InputFormatError
from mathft_core.generate import POLITE_RE, make_item
from mathft_core.io import read_jsonl
from mathft_core.plugins import load_units
from mathft_core.render import build_environment
from mathft_core.surface import (
    DEFAULT_MIX,
    ENDINGS,
    GAPS,
    MATH_STYLES,
    PUNCTUATIONS,
    SPACINGS,
    SurfaceError,
    SurfaceMix,
    SurfaceStyle,
    apply_surface,
    math_signature,
)

UNITS = ("jhs1.linear_equations", "jhs3.quadratic_equations", "math1.quadratic_functions", "math2.trig_functions",
         "math3.differentiation_iii", "mathc.conic_curves")

styles = st.builds(SurfaceStyle, punctuation=st.sampled_from(tuple(PUNCTUATIONS)), ending=st.sampled_from(ENDINGS),
                   math=st.sampled_from(MATH_STYLES), spacing=st.sampled_from(SPACINGS),
                   gap=st.sampled_from(GAPS))


@functools.cache
def _registry():
    return load_units()


@functools.cache
def _env(unit_id: str):
    return build_environment([_registry()[unit_id]])


def _item(unit_id: str, type_index: int, seed: int, index: int, surface):
    unit = _registry()[unit_id]
    ptype = unit.types[type_index % len(unit.types)]
    return make_item(unit, ptype, _env(unit_id), seed=seed, index=index, difficulty=1 + index % 5, surface=surface)


items = st.tuples(st.sampled_from(UNITS), st.integers(0, 9), st.integers(0, 2**32 - 1), st.integers(0, 10**5))


@settings(max_examples=40, deadline=None, derandomize=True, database=None)
@given(ident=items)
def test_surface_never_touches_params_solution_or_answer(ident) -> None:
    plain = _item(*ident, surface=None)
    varied = _item(*ident, surface=DEFAULT_MIX)
    assert varied.params == plain.params and varied.phrasing == plain.phrasing
    assert varied.solution == plain.solution and varied.answer == plain.answer
    assert math_signature(varied.problem) == math_signature(plain.problem)
    assert plain.surface == {} and set(varied.surface) == {"punctuation", "ending", "math", "spacing", "gap"}
    assert not POLITE_RE.search(varied.solution)


@settings(max_examples=60, deadline=None, derandomize=True, database=None)
@given(ident=items, style=styles)
def test_every_style_keeps_the_math_and_applies_its_punctuation(ident, style: SurfaceStyle) -> None:
    text = _item(*ident, surface=None).problem
    out, applied = apply_surface(text, style)
    assert math_signature(out) == math_signature(text)
    comma, stop = PUNCTUATIONS[style.punctuation]
    prose = "".join(p for p in _prose(out))
    assert not (set("、，") - {comma}) & set(prose) and not (set("。．") - {stop}) & set(prose)
    assert applied["math"] == ("display" if "$$" in out else "inline")
    if style.spacing == "compact":
        assert "^{2}" not in out and " = " not in "".join(_maths(out))


def _maths(text: str) -> list[str]:
    return [p for i, p in enumerate(text.split("$")) if i % 2 == 1]


def _prose(text: str) -> list[str]:
    return [p for i, p in enumerate(text.split("$")) if i % 2 == 0]


@pytest.mark.parametrize(("formula", "compact"), [
    ("6x^{2} - x - 4 = 0", "6x^2-x-4=0"),
    ("a,\\ -3 \\leqq x < 5", "a,\\ -3 \\leqq x<5"),
    ("\\frac{1}{2} x^{3} + \\sqrt{x} - e^{x}", "\\frac{1}{2} x^3+\\sqrt{x}-e^x"),
])
def test_compact_spacing_keeps_latex_valid(formula: str, compact: str) -> None:
    out, _ = apply_surface(f"次の式 ${formula}$ を考えよ。", SurfaceStyle(spacing="compact"))
    assert out == f"次の式 ${compact}$ を考えよ。"
    if "\\leqq" not in formula and "=" not in formula:
        assert latex2sympy(compact).equals(latex2sympy(formula))


def test_endings_punctuation_and_display() -> None:
    text = "2次方程式 $x^2 - 4 = 0$ を解け。また，点 $(1, 2)$ の値を求めよ。"
    out, applied = apply_surface(text, SurfaceStyle(punctuation="、。", ending="kudasai", math="display"))
    assert out == "2次方程式 $$x^{2} - 4 = 0$$ を解いてください。また、点 $(1, 2)$ の値を求めてください。"
    assert applied == {"punctuation": "、。", "ending": "kudasai", "math": "display", "spacing": "spaced",
                       "gap": "spaced"}
    out, _ = apply_surface("式 $a$ を計算せよ．", SurfaceStyle(punctuation="、。", ending="nasai"))
    assert out == "式 $a$ を計算しなさい。"
    # a verb inside a sentence is no sentence end: 「解ける」 stays
    assert apply_surface("解けるか。", SurfaceStyle(ending="kudasai"))[0] == "解けるか。"


def test_tight_gap_joins_math_and_prose_but_never_two_formulas() -> None:
    text = "1個 $a$ 円のパンを $x$ 個買う。$x = 2$ $y = 3$ のとき，$a$ を求めよ。"
    out, _ = apply_surface(text, SurfaceStyle(gap="tight"))
    assert out == "1個$a$円のパンを$x$個買う。$x = 2$ $y = 3$のとき，$a$を求めよ。"
    assert math_signature(out) == math_signature(text)


def test_a_rewrite_that_changed_the_math_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    import mathft_core.surface as surface

    monkeypatch.setattr(surface, "_space", lambda body, spacing: body.replace("x", "y"))
    with pytest.raises(SurfaceError):
        apply_surface("$x + 1$ を求めよ。", SurfaceStyle())


def test_style_comes_from_the_items_own_stream() -> None:
    a = DEFAULT_MIX.choose(42, "u.v", "t", 7)
    assert a == DEFAULT_MIX.choose(42, "u.v", "t", 7)
    drawn = {DEFAULT_MIX.choose(42, "u.v", "t", i) for i in range(300)}
    assert {s.punctuation for s in drawn} == set(PUNCTUATIONS) and {s.ending for s in drawn} == set(ENDINGS)
    only = SurfaceMix(punctuation={"、。": 1}, ending={"kudasai": 1, "plain": 0}, math={"display": 1},
                      spacing={"compact": 1}, gap={"tight": 1})
    assert {only.choose(1, "u.v", "t", i) for i in range(20)} == {
        SurfaceStyle(punctuation="、。", ending="kudasai", math="display", spacing="compact", gap="tight")}
    with pytest.raises(ValueError, match="unknown style"):
        SurfaceMix(punctuation={"!?": 1}, ending={"plain": 1}, math={"inline": 1}, spacing={"spaced": 1},
                   gap={"tight": 1})


def test_default_config_mix_is_the_default_mix_and_can_be_changed(tmp_path: Path) -> None:
    assert load_config().surface.mix() == DEFAULT_MIX
    cfg = tmp_path / "b.toml"
    cfg.write_text('[surface]\nending = { kudasai = 1 }\n', encoding="utf-8")
    assert load_config(cfg).surface.ending == (("kudasai", 1),)  # a table set by the user replaces the default
    cfg.write_text("[surface]\nenabled = false\n", encoding="utf-8")
    assert load_config(cfg).surface.mix() is None


@pytest.mark.parametrize(("body", "key", "line"), [
    ('seed = 1\n[surface]\nspacing = { tight = 1 }\n', "surface.spacing", 3),
    ('[surface]\nenabled = true\nmath = { inline = -1 }\n', "surface.math", 3),
    ('[surface]\nending = { plain = 0 }\n', "surface.ending", 2),
    ('[surface]\nshout = true\n', "surface.shout", 2),
])
def test_bad_surface_keys_name_file_line_and_key(tmp_path: Path, body: str, key: str, line: int) -> None:
    cfg = tmp_path / "b.toml"
    cfg.write_text(body, encoding="utf-8")
    with pytest.raises(InputFormatError) as info:
        load_config(cfg)
    assert (info.value.line, info.value.field) == (line, key)


def test_generate_surface_option(tmp_path: Path) -> None:
    runner = CliRunner()
    rows = {}
    for spec in ("default", "off"):
        out = tmp_path / f"{spec}.jsonl"
        result = runner.invoke(app, ["generate", "--units", "jhs3.quadratic_equations", "--per-type", "6",
                                     "--surface", spec, "--out", str(out)])
        assert result.exit_code == 0, result.output
        rows[spec] = [row for _, row in read_jsonl(out)]
    assert all(r["surface"] == {} for r in rows["off"]) and all(r["surface"] for r in rows["default"])
    assert [r["params"] for r in rows["off"]] == [r["params"] for r in rows["default"]]
    assert [r["problem"] for r in rows["off"]] != [r["problem"] for r in rows["default"]]
    bad = tmp_path / "bad.toml"
    bad.write_text("[surface]\nmath = { inline = 0 }\n", encoding="utf-8")
    result = runner.invoke(app, ["generate", "--units", "jhs3.quadratic_equations", "--surface", str(bad),
                                 "--out", str(tmp_path / "x.jsonl")])
    assert result.exit_code == 2
    assert [line for line in result.output.splitlines() if line.startswith("error:")] == [
        f"error: {bad}:2: field 'surface.math': at least one style needs a weight > 0"]


def test_cleaning_keeps_polite_problem_texts_and_still_cleans_solutions() -> None:
    import attrs

    from mathft_core.build.clean import clean_records, select_rules

    record = _item("jhs3.quadratic_equations", 0, 7, 3, surface=SurfaceMix(
        punctuation={"、。": 1}, ending={"kudasai": 1}, math={"inline": 1}, spacing={"spaced": 1}, gap={"tight": 1}))
    assert "ください" in record.problem
    polite_cot = attrs.evolve(record, id="other", solution=record.solution.replace("である。", "です。"))
    kept, stats = clean_records([record, polite_cot], select_rules(load_config().clean))
    assert kept[0] == record and kept[0].problem == record.problem
    assert stats.changed["polite"] == 1 and "です" not in kept[1].solution
