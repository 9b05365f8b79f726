"""One id normalisation for predict, eval and check-contamination.

Competition files give ids as JSON integers or strings; ``0`` and ``"0"`` are the same
problem everywhere (within one file they are duplicates). A pair of files whose id types
differ is matched by the ids' text, with a warning from :func:`id_type_warning`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any


def id_key(value: Any) -> str:
    """The text an id is matched by: ``34`` and ``"34"`` give ``"34"``."""
    if isinstance(value, str):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def id_types(values: Iterable[Any]) -> set[str]:
    """``{"integer", "string"}`` subset naming the JSON types of ``values``."""
    return {"string" if isinstance(v, str) else "integer" for v in values}


def id_type_warning(name_a: str, ids_a: Iterable[Any], name_b: str, ids_b: Iterable[Any]) -> str | None:
    """A warning line when the two files give ids as different JSON types (else ``None``)."""
    types_a, types_b = id_types(ids_a), id_types(ids_b)
    if not types_a or not types_b or types_a == types_b:
        return None
    return (f"ids in {name_a} are {' and '.join(sorted(types_a))}s, in {name_b} {' and '.join(sorted(types_b))}s; "
            "they are matched by their text (0 and \"0\" are one id)")


def require_id(value: Any, path: object, line: int) -> str:
    """The key of a row's ``id``; anything but a JSON string or integer names file, line and field."""
    from mathft_core.errors import InputFormatError

    if isinstance(value, bool) or not isinstance(value, str | int):
        raise InputFormatError(path, line, "id", f"must be a string or an integer, got {json.dumps(value)}")
    return id_key(value)
