"""Training config: origin defaults, per-phase overrides, errors that name file and key."""

from __future__ import annotations

from pathlib import Path

import pytest

from mathft_core.errors import InputFormatError, MathftError
from mathft_core.train.config import DEFAULT_TARGETS, ConfigError, load_config
from mathft_core.train.data import load_phase, read_conversations
from mathft_core.train.sft import phases
from tests.train.conftest import write_manifest

REPO = Path(__file__).resolve().parents[2]


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "train.toml"
    path.write_text(text, encoding="utf-8")
    return path


MINIMAL = '[model]\npath = "models/base"\n[data]\ndir = "out"\n'


def test_defaults_are_the_origin_systems(tmp_path: Path) -> None:
    cfg = load_config(_write(tmp_path, MINIMAL))
    for phase in (cfg.phase_a, cfg.phase_b):
        assert (phase.lora.r, phase.lora.alpha, phase.lora.dropout) == (16, 32, 0.05)
        assert phase.lora.target_modules == DEFAULT_TARGETS == (
            "q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj",
        )
        assert (phase.learning_rate, phase.epochs, phase.loss) == (1e-4, 1.0, "completion")
    assert cfg.model == tmp_path / "models" / "base"  # relative to the config file
    assert cfg.data_dir == tmp_path / "out"
    assert cfg.output_dir == tmp_path / "runs" / "mathft"


def test_phase_sections_override_shared_settings(tmp_path: Path) -> None:
    cfg = load_config(_write(tmp_path, MINIMAL + """
[lora]
r = 32
[train]
learning_rate = 2e-4
batch_size = 2
[phase_b]
epochs = 2
[phase_b.lora]
target_modules = ["q_proj", "v_proj"]
"""))
    assert (cfg.phase_a.lora.r, cfg.phase_a.learning_rate, cfg.phase_a.epochs) == (32, 2e-4, 1.0)
    assert (cfg.phase_b.lora.r, cfg.phase_b.learning_rate, cfg.phase_b.epochs) == (32, 2e-4, 2)
    assert cfg.phase_b.lora.target_modules == ("q_proj", "v_proj")
    assert cfg.phase_a.lora.target_modules == DEFAULT_TARGETS
    assert cfg.phase_b.batch_size == 2


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ("[train]\nlearning_rte = 1e-4\n", r"\[train\]: unknown key 'learning_rte'"),
        ("[train]\nepochs = \"one\"\n", r"\[train\]: 'epochs' must be a number"),
        ("[lora]\nr = 0\n", r"\[lora\]: 'r' and 'alpha' must be positive"),
        ("[phase_a]\nloss = \"all\"\n", r"\[phase_a\]: 'loss' must be one of completion, assistant"),
        ("[phase_b.lora]\ntarget_modules = []\n", r"\[phase_b\]\.lora: 'target_modules' must be a non-empty list"),
        ("[train]\nbatch_size = true\n", r"'batch_size' must be an integer"),
        ("[save]\nprobe_tolerance = -1\n", r"'probe_tolerance' must be a non-negative number"),
        ("[extras]\nx = 1\n", r"unknown key 'extras'"),
    ],
)
def test_bad_values_name_the_file_and_key(tmp_path: Path, extra: str, message: str) -> None:
    path = _write(tmp_path, MINIMAL + extra)
    with pytest.raises(ConfigError, match=message) as info:
        load_config(path)
    assert str(path.resolve()) in str(info.value)


def test_missing_sections_and_files(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"\[model\] 'path' is required"):
        load_config(_write(tmp_path, '[data]\ndir = "out"\n'))
    with pytest.raises(ConfigError, match="config file not found"):
        load_config(tmp_path / "absent.toml")
    with pytest.raises(ConfigError, match="invalid TOML"):
        load_config(_write(tmp_path, "[model\n"))


def test_shipped_example_config_is_valid() -> None:
    cfg = load_config(REPO / "configs" / "train.toml")
    assert cfg.phase_a.lora.r == 16 and cfg.phase_a.learning_rate == 1e-4


def test_phase_spec() -> None:
    assert phases("ab") == ("A", "B") and phases("B") == ("B",)
    with pytest.raises(MathftError, match="--phase must be A, B or AB"):
        phases("C")


def _rows(tmp_path: Path, *lines: str) -> Path:
    path = tmp_path / "phase_a" / "train.jsonl"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


GOOD = '{"id": "1", "messages": [{"role": "system", "content": "S"}, {"role": "user", "content": "Q"}, {"role": "assistant", "content": "A"}]}'


@pytest.mark.parametrize(
    ("line", "field", "message"),
    [
        ('{"id": "2"}', "messages", "missing required field"),
        ('{"messages": [{"role": "user", "content": "Q"}]}', "messages", "last message must be the assistant"),
        ('{"messages": [{"role": "bot", "content": "Q"}]}', "messages[0].role", "must be one of"),
        ('{"messages": [{"role": "user", "content": "Q"}, {"role": "assistant", "content": " "}]}',
         "messages[1].content", "non-empty string"),
        ('{"messages": [{"role": "system", "content": "S"}, {"role": "assistant", "content": "A"}]}',
         "messages", "needs a user message"),
        ("{broken", None, "invalid JSON"),
    ],
)
def test_bad_rows_name_file_line_and_field(tmp_path: Path, line: str, field: str | None, message: str) -> None:
    path = _rows(tmp_path, GOOD, line)
    with pytest.raises(InputFormatError, match=message) as info:
        read_conversations(path)
    assert info.value.line == 2 and info.value.field == field and str(path) in str(info.value)


def test_rows_take_the_trl_shape_of_the_loss_mode(tmp_path: Path) -> None:
    _rows(tmp_path, GOOD, '{"id": "2", "prompt": [{"role": "user", "content": "Q2"}], "completion": [{"role": "assistant", "content": "A2"}]}')
    write_manifest(tmp_path)
    train, val = load_phase(tmp_path, "A", "completion")
    assert val == []
    assert train[0] == {
        "prompt": [{"role": "system", "content": "S"}, {"role": "user", "content": "Q"}],
        "completion": [{"role": "assistant", "content": "A"}],
    }
    assert train[1]["completion"] == [{"role": "assistant", "content": "A2"}]
    train, _ = load_phase(tmp_path, "A", "assistant")
    assert train[1] == {"messages": [{"role": "user", "content": "Q2"}, {"role": "assistant", "content": "A2"}]}


def test_missing_training_file_says_to_build(tmp_path: Path) -> None:
    with pytest.raises(MathftError, match=r"training data not found \(run `mathft build` first\)"):
        load_phase(tmp_path, "B", "completion")
