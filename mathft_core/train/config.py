"""Training configuration: a TOML file read into frozen, validated settings.

Defaults are the origin system's (LoRA r 16, alpha 32, dropout 0.05 on q/k/v/o/gate/up/down,
lr 1e-4, 1 epoch). ``[train]`` holds settings shared by both phases; ``[phase_a]`` and
``[phase_b]`` override any of them for one phase. Relative paths resolve against the
config file's folder. Unknown keys are errors, so a typo never silently falls back.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import Any

import attrs

from mathft_core.errors import MathftError
from mathft_core.io import read_text

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

PHASES = ("A", "B")
LOSS_MODES = ("completion", "assistant")
METHODS = ("lora", "full")
REPORT_TO = ("tensorboard", "wandb")
#: Settings that never change the trained weights (a finished phase is reused across them).
NON_WEIGHT_KEYS = frozenset({"eval_batch_size", "logging_steps", "eval_steps", "save_steps", "save_total_limit",
                             "report_to"})
DEFAULT_TARGETS = ("q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj")


class ConfigError(MathftError, ValueError):
    """The training config is invalid; the message names the file and the key."""


@attrs.frozen(kw_only=True)
class LoraSettings:
    """LoRA adapter shape (peft ``LoraConfig``)."""

    r: int = 16
    alpha: int = 32
    dropout: float = 0.05
    target_modules: tuple[str, ...] = DEFAULT_TARGETS


@attrs.frozen(kw_only=True)
class PhaseSettings:
    """Trainer settings for one phase (trl ``SFTConfig``)."""

    method: str = "lora"
    learning_rate: float = 1e-4
    min_lr: float = 0.0
    betas: tuple[float, float] = (0.9, 0.999)
    max_grad_norm: float = 1.0
    epochs: float = 1.0
    max_steps: int = -1
    batch_size: int = 4
    eval_batch_size: int = 4
    gradient_accumulation_steps: int = 1
    max_length: int = 2048
    warmup_ratio: float = 0.0
    warmup_steps: int = 0
    lr_scheduler: str = "linear"
    weight_decay: float = 0.0
    logging_steps: int = 10
    eval_steps: int = 0
    save_steps: int = 200
    save_total_limit: int = 2
    seed: int = 42
    precision: str = "auto"
    gradient_checkpointing: bool = False
    loss: str = "completion"
    chat_template: Path | None = None
    packing: bool = False
    report_to: tuple[str, ...] = ()
    lora: LoraSettings = LoraSettings()

    def to_json(self) -> dict[str, Any]:
        """Every setting as plain JSON (what report.json records)."""
        data = attrs.asdict(self, value_serializer=lambda _i, _f, v: str(v) if isinstance(v, Path) else v)
        data["betas"] = list(self.betas)
        data["report_to"] = list(self.report_to)
        data["lora"]["target_modules"] = list(self.lora.target_modules)
        return data

    def weight_settings(self) -> dict[str, Any]:
        """The settings that change the trained weights (LoRA shape only with method = lora)."""
        data = {k: v for k, v in self.to_json().items() if k not in NON_WEIGHT_KEYS}
        if self.method == "full":
            data.pop("lora")
        if self.chat_template is not None:
            data["chat_template"] = Path(self.chat_template).read_text(encoding="utf-8") \
                if Path(self.chat_template).is_file() else str(self.chat_template)
        return data


@attrs.frozen(kw_only=True)
class TrainConfig:
    """Everything ``mathft train`` needs."""

    source: Path | None
    model: Path
    dtype: str
    data_dir: Path
    output_dir: Path
    merge_device: str
    probe_tolerance: float
    phase_a: PhaseSettings
    phase_b: PhaseSettings

    def phase(self, name: str) -> PhaseSettings:
        """Settings of phase ``A`` or ``B``."""
        return self.phase_a if name == "A" else self.phase_b


_SECTIONS = {"model", "data", "output", "save", "lora", "train", "phase_a", "phase_b"}
_PHASE_KEYS = {f.name for f in attrs.fields(PhaseSettings)} - {"lora"}
_LORA_KEYS = {f.name for f in attrs.fields(LoraSettings)}
_TYPES: dict[str, type | tuple[type, ...]] = {
    "learning_rate": (int, float), "epochs": (int, float), "warmup_ratio": (int, float),
    "weight_decay": (int, float), "dropout": (int, float), "gradient_checkpointing": bool,
    "lr_scheduler": str, "precision": str, "loss": str, "chat_template": str, "r": int, "alpha": int,
    "target_modules": list, "method": str, "min_lr": (int, float), "betas": list, "max_grad_norm": (int, float),
    "packing": bool, "report_to": list,
}


def _check_type(where: str, key: str, value: Any) -> Any:
    expected = _TYPES.get(key, int)
    if isinstance(value, bool) and expected is not bool:
        raise ConfigError(f"{where}: '{key}' must be {_type_name(expected)}, got {value!r}")
    if not isinstance(value, expected):
        raise ConfigError(f"{where}: '{key}' must be {_type_name(expected)}, got {value!r}")
    return value


def _type_name(expected: type | tuple[type, ...]) -> str:
    names = {int: "an integer", float: "a number", bool: "true or false", str: "a string", list: "a list"}
    if isinstance(expected, tuple):
        return names[expected[1]]
    return names[expected]


def _table(doc: dict[str, Any], name: str, where: str) -> dict[str, Any]:
    value = doc.get(name, {})
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: [{name}] must be a table")
    return value


def _only(table: dict[str, Any], allowed: set[str], where: str) -> None:
    unknown = sorted(set(table) - allowed)
    if unknown:
        raise ConfigError(f"{where}: unknown key '{unknown[0]}' (allowed: {', '.join(sorted(allowed))})")


def _path(base: Path, value: Any, where: str, key: str) -> Path:
    if not isinstance(value, str) or not value:
        raise ConfigError(f"{where}: '{key}' must be a non-empty path string")
    path = Path(value).expanduser()
    return path if path.is_absolute() else (base / path)


def _lora(table: dict[str, Any], where: str, base: LoraSettings) -> LoraSettings:
    _only(table, _LORA_KEYS, where)
    values = {k: _check_type(where, k, v) for k, v in table.items()}
    if "target_modules" in values:
        mods = values["target_modules"]
        if not mods or not all(isinstance(m, str) and m for m in mods):
            raise ConfigError(f"{where}: 'target_modules' must be a non-empty list of module names")
        values["target_modules"] = tuple(mods)
    lora = attrs.evolve(base, **values)
    if lora.r < 1 or lora.alpha < 1:
        raise ConfigError(f"{where}: 'r' and 'alpha' must be positive")
    if not 0 <= lora.dropout < 1:
        raise ConfigError(f"{where}: 'dropout' must be in [0, 1)")
    return lora


def _phase(table: dict[str, Any], where: str, base: PhaseSettings, root: Path) -> PhaseSettings:
    _only(table, _PHASE_KEYS | {"lora"}, where)
    values: dict[str, Any] = {}
    for key, value in table.items():
        if key == "lora":
            if not isinstance(value, dict):
                raise ConfigError(f"{where}: 'lora' must be a table")
            values["lora"] = _lora(value, f"{where}.lora", base.lora)
        elif key == "chat_template":
            values[key] = _path(root, value, where, key)
        elif key == "betas":
            betas = _check_type(where, key, value)
            if len(betas) != 2 or not all(isinstance(b, (int, float)) and not isinstance(b, bool) and 0 <= b < 1
                                          for b in betas):
                raise ConfigError(f"{where}: 'betas' must be two numbers in [0, 1), e.g. [0.9, 0.98]")
            values[key] = (float(betas[0]), float(betas[1]))
        elif key == "report_to":
            targets = _check_type(where, key, value)
            if not all(t in REPORT_TO for t in targets):
                raise ConfigError(f"{where}: 'report_to' takes {', '.join(REPORT_TO)} (or []), got {targets!r}")
            values[key] = tuple(dict.fromkeys(targets))
        else:
            values[key] = _check_type(where, key, value)
    settings = attrs.evolve(base, **values)
    if settings.method not in METHODS:
        raise ConfigError(f"{where}: 'method' must be one of {', '.join(METHODS)}, got {settings.method!r}")
    if settings.min_lr < 0 or settings.min_lr >= settings.learning_rate:
        raise ConfigError(f"{where}: 'min_lr' must be in [0, learning_rate), got {settings.min_lr}")
    if settings.min_lr and settings.lr_scheduler != "cosine":
        raise ConfigError(f"{where}: 'min_lr' needs lr_scheduler = \"cosine\" (got {settings.lr_scheduler!r})")
    if settings.max_grad_norm < 0:
        raise ConfigError(f"{where}: 'max_grad_norm' must be >= 0 (0 turns clipping off)")
    if settings.warmup_steps < 0:
        raise ConfigError(f"{where}: 'warmup_steps' must be >= 0")
    if settings.warmup_steps and settings.warmup_ratio:
        raise ConfigError(f"{where}: set 'warmup_steps' or 'warmup_ratio', not both")
    for target in settings.report_to:
        module = {"tensorboard": ("tensorboard", "tensorboardX"), "wandb": ("wandb",)}[target]
        if not any(importlib.util.find_spec(m) for m in module):
            raise ConfigError(f"{where}: report_to {target!r} needs the {module[0]} package installed")
    if settings.loss not in LOSS_MODES:
        raise ConfigError(f"{where}: 'loss' must be one of {', '.join(LOSS_MODES)}, got {settings.loss!r}")
    if settings.precision not in ("auto", "bf16", "fp16", "fp32"):
        raise ConfigError(f"{where}: 'precision' must be auto, bf16, fp16 or fp32, got {settings.precision!r}")
    if not 0 <= settings.warmup_ratio < 1:
        raise ConfigError(f"{where}: 'warmup_ratio' must be in [0, 1)")
    if settings.learning_rate <= 0:
        raise ConfigError(f"{where}: 'learning_rate' must be positive")
    if settings.epochs <= 0 and settings.max_steps <= 0:
        raise ConfigError(f"{where}: set 'epochs' > 0 or 'max_steps' > 0")
    for key in ("batch_size", "eval_batch_size", "gradient_accumulation_steps", "max_length", "logging_steps"):
        if getattr(settings, key) < 1:
            raise ConfigError(f"{where}: '{key}' must be at least 1")
    return settings


def parse_config(doc: dict[str, Any], *, source: Path | None = None) -> TrainConfig:
    """Validate a parsed TOML document; ``source`` names the file in errors and anchors paths."""
    name = str(source) if source else "<config>"
    root = source.parent if source else Path.cwd()
    _only(doc, _SECTIONS, name)
    model = _table(doc, "model", name)
    _only(model, {"path", "dtype"}, f"{name}: [model]")
    if "path" not in model:
        raise ConfigError(f"{name}: [model] 'path' is required (a local model directory)")
    dtype = model.get("dtype", "auto")
    if dtype not in ("auto", "bfloat16", "float16", "float32"):
        raise ConfigError(f"{name}: [model] 'dtype' must be auto, bfloat16, float16 or float32, got {dtype!r}")
    data = _table(doc, "data", name)
    _only(data, {"dir"}, f"{name}: [data]")
    if "dir" not in data:
        raise ConfigError(f"{name}: [data] 'dir' is required (the build output folder)")
    output = _table(doc, "output", name)
    _only(output, {"dir"}, f"{name}: [output]")
    save = _table(doc, "save", name)
    _only(save, {"merge_device", "probe_tolerance"}, f"{name}: [save]")
    merge_device = save.get("merge_device", "cpu")
    if not isinstance(merge_device, str):
        raise ConfigError(f"{name}: [save] 'merge_device' must be a string such as 'cpu' or 'cuda'")
    tolerance = save.get("probe_tolerance", 1e-3)
    if isinstance(tolerance, bool) or not isinstance(tolerance, (int, float)) or tolerance < 0:
        raise ConfigError(f"{name}: [save] 'probe_tolerance' must be a non-negative number")

    shared = PhaseSettings(lora=_lora(_table(doc, "lora", name), f"{name}: [lora]", LoraSettings()))
    shared = _phase(_table(doc, "train", name), f"{name}: [train]", shared, root)
    phase_a = _phase(_table(doc, "phase_a", name), f"{name}: [phase_a]", shared, root)
    phase_b = _phase(_table(doc, "phase_b", name), f"{name}: [phase_b]", shared, root)
    return TrainConfig(
        source=source,
        model=_path(root, model["path"], f"{name}: [model]", "path"),
        dtype=dtype,
        data_dir=_path(root, data["dir"], f"{name}: [data]", "dir"),
        output_dir=_path(root, output.get("dir", "runs/mathft"), f"{name}: [output]", "dir"),
        merge_device=merge_device,
        probe_tolerance=float(tolerance),
        phase_a=phase_a,
        phase_b=phase_b,
    )


def load_config(path: str | Path) -> TrainConfig:
    """Read and validate a TOML training config."""
    path = Path(path)
    if not path.exists():
        raise ConfigError(f"{path}: config file not found")
    text = read_text(path)  # a folder, an unreadable or a non-UTF-8 file names itself
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML ({exc})") from None
    return parse_config(doc, source=path.resolve())
