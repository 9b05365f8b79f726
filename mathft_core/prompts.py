"""Prompt and system texts shared by the build (training rows) and inference.

Phase A teaches step-by-step solutions (chat: system, user = the problem, assistant = the
CoT ending in ``\\boxed{}``); Phase B teaches the answer format with the competition's
answer-only baseline prompt (REFERENCE.md §1). Inference must use the same texts.
"""

from __future__ import annotations

#: System turn of Phase A (CoT) rows and of CoT inference.
SYSTEM_A = (
    "あなたは日本の中学・高校数学の問題を解く。"
    "途中の式と考え方を順に示し，最後に答えを LaTeX で $\\boxed{}$ の中に書け。"
)

#: System turn of Phase B (answer-format) rows and of answer-only inference.
SYSTEM_B = "あなたは日本の中学・高校数学の問題を解く。答えのみを LaTeX で出力せよ。"

#: The competition's answer-only baseline prompt, verbatim (REFERENCE.md §1).
ANSWER_ONLY_PROMPT = (
    "以下は数学の問題です。\n問題に対する解答のみを出力してください。\n"
    "推論過程は出力しないでください。\n\n# 問題\n{question}\n\n# 解答\n"
)

#: User turn of Phase A rows and of CoT inference: the problem text itself.
COT_PROMPT = "{question}"


def _message(role: str, content: str) -> dict[str, str]:
    return {"role": role, "content": content}


def phase_a_messages(problem: str, solution: str | None = None) -> list[dict[str, str]]:
    """Chat messages of a Phase A row; without ``solution``, the prompt for inference."""
    messages = [_message("system", SYSTEM_A), _message("user", COT_PROMPT.format(question=problem))]
    if solution is not None:
        messages.append(_message("assistant", solution))
    return messages


def phase_b_messages(problem: str, answer: str | None = None) -> list[dict[str, str]]:
    """Chat messages of a Phase B row; without ``answer``, the prompt for inference."""
    messages = [_message("system", SYSTEM_B), _message("user", ANSWER_ONLY_PROMPT.format(question=problem))]
    if answer is not None:
        messages.append(_message("assistant", answer))
    return messages


def baseline_messages(problem: str) -> list[dict[str, str]]:
    """The official submission example's prompt: one user turn, the baseline prompt, no system."""
    return [_message("user", ANSWER_ONLY_PROMPT.format(question=problem))]
