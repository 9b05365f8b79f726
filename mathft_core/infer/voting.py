"""Majority vote over sampled answers, with SymPy checks before the vote.

1. Each sample's final answer is extracted (``extract_answer``).
2. Candidates that fail a check are dropped: no answer, an answer the engine cannot parse,
   and, for CoT samples, a reasoning text with a variable-free ``A = B`` step that is false.
3. The rest are grouped by symmetric equivalence (``AnswerChecker.group``): ``\\frac{1}{2}``,
   ``0.5`` and ``\\dfrac{2}{4}`` are one vote block.
4. The largest group wins; ties go to the larger summed log-probability of the group's
   samples (when every sample has one), then to the group holding the earliest sample.
5. The winner is printed in canonical answer-key LaTeX. If every candidate was dropped, the
   most common raw answer (earliest on a tie) is output as written.

Identical answer strings are parsed and compared once, so a vote costs one parse per
distinct answer plus one comparison per (distinct answer, group) pair.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

import attrs

from mathft_core.answers import AnswerChecker, extract_answer
from mathft_core.infer.backends import Sample

NO_ANSWER = "no answer"
UNPARSEABLE = "unparseable"
FALSE_STEP = "false step"


@attrs.frozen(kw_only=True)
class Candidate:
    """One sample as the vote saw it: its extracted answer and why it was dropped (if it was)."""

    index: int
    text: str
    answer: str | None
    logprob: float | None
    dropped: str | None = None
    detail: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "answer": self.answer, "logprob": self.logprob, "dropped": self.dropped,
                "detail": self.detail}


@attrs.frozen(kw_only=True)
class VoteGroup:
    """Samples whose answers are symmetric-equivalent."""

    answer: str  # the group's most frequent written form (earliest on a tie)
    canonical: str | None
    members: tuple[int, ...]
    logprob: float | None

    @property
    def votes(self) -> int:
        return len(self.members)

    def to_json(self) -> dict[str, Any]:
        return {"answer": self.answer, "canonical": self.canonical, "votes": self.votes, "logprob": self.logprob,
                "members": list(self.members)}


@attrs.frozen(kw_only=True)
class VoteResult:
    """The vote's outcome: the output text, its share of all samples, and every step's evidence."""

    output: str
    confidence: float
    fallback: bool
    groups: tuple[VoteGroup, ...]
    candidates: tuple[Candidate, ...]

    @property
    def valid(self) -> int:
        return sum(1 for c in self.candidates if c.dropped is None)

    def to_json(self) -> dict[str, Any]:
        return {
            "output": self.output, "confidence": self.confidence, "fallback": self.fallback,
            "valid": self.valid, "total": len(self.candidates),
            "votes": [g.to_json() for g in self.groups], "samples": [c.to_json() for c in self.candidates],
        }


def _screen(samples: Sequence[Sample], checker: AnswerChecker, cot: bool) -> list[Candidate]:
    answers = [extract_answer(s.text) for s in samples]
    readable = {a: checker.parse(a) is not None for a in dict.fromkeys(a for a in answers if a is not None)}
    steps: dict[str, str] = {}
    out = []
    for i, (sample, answer) in enumerate(zip(samples, answers, strict=True)):
        dropped, detail = None, ""
        if answer is None:
            dropped = NO_ANSWER
        elif not readable[answer]:
            dropped = UNPARSEABLE
        elif cot:
            if sample.text not in steps:
                errors = checker.verify_steps(sample.text)
                steps[sample.text] = "; ".join(f"{e.step} ({e.detail})" for e in errors)
            if steps[sample.text]:
                dropped, detail = FALSE_STEP, steps[sample.text]
        out.append(Candidate(index=i, text=sample.text, answer=answer, logprob=sample.logprob, dropped=dropped,
                             detail=detail))
    return out


def _most_common(values: Sequence[str]) -> tuple[str, int]:
    """Most frequent value; Counter keeps first-seen order among equal counts (earliest wins)."""
    value, count = Counter(values).most_common(1)[0]
    return value, count


def vote(samples: Sequence[Sample], checker: AnswerChecker, *, cot: bool = False) -> VoteResult:
    """Vote over ``samples`` (see the module docstring); ``cot`` turns on the step check."""
    if not samples:
        raise ValueError("vote needs at least one sample")
    candidates = _screen(samples, checker, cot)
    total = len(candidates)
    survivors = [c for c in candidates if c.dropped is None]
    if not survivors:
        raw = [c.answer if c.answer is not None else c.text.strip() for c in candidates]
        output, count = _most_common(raw)
        return VoteResult(output=output, confidence=count / total, fallback=True, groups=(),
                          candidates=tuple(candidates))
    with_logprobs = all(c.logprob is not None for c in candidates)
    distinct = list(dict.fromkeys(c.answer for c in survivors if c.answer is not None))
    groups: list[VoteGroup] = []
    for block in checker.group(distinct):
        forms = {distinct[k] for k in block}
        members = tuple(c.index for c in survivors if c.answer in forms)
        written, _ = _most_common([candidates[i].answer or "" for i in members])
        logprob = sum(candidates[i].logprob or 0.0 for i in members) if with_logprobs else None
        groups.append(VoteGroup(answer=written, canonical=None, members=members, logprob=logprob))
    groups.sort(key=lambda g: (-g.votes, -(g.logprob or 0.0), g.members[0]))
    winner = attrs.evolve(groups[0], canonical=checker.canonicalize(groups[0].answer))
    groups[0] = winner
    return VoteResult(output=winner.canonical or winner.answer, confidence=winner.votes / total, fallback=False,
                      groups=tuple(groups), candidates=tuple(candidates))
