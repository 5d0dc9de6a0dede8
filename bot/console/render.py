"""Answer -> plain text for the terminal. Pure: no I/O."""

from __future__ import annotations

import textwrap

from knowledge.answer import Answer, Citation

_WIDTH = 92


def _quote(text: str, indent: str = "  ") -> str:
    return textwrap.fill(
        f"\u201c{text}\u201d", _WIDTH, initial_indent=indent, subsequent_indent=indent
    )


def citation_line(cite: Citation) -> str:
    return f"{cite.council_name}, {cite.document}, {cite.label}"


def _lead_in(cite: Citation) -> str | None:
    return f"  (under: \u201c{cite.context[-1]}\u201d)" if cite.context else None


def render_answer(answer: Answer) -> str:
    if not answer.answered:
        return _render_silence(answer)
    top, related = answer.citations[0], answer.citations[1:3]
    lines = [citation_line(top)]
    lead = _lead_in(top)
    if lead:
        lines.append(lead)
    lines.append(_quote(top.quote))
    if top.freshness:
        lines.append(f"  \u26a0 {top.freshness}")
    if related:
        lines.append("Related:")
        lines += [f"  {c.label} \u2014 {textwrap.shorten(c.quote, 110)}" for c in related]
    return "\n".join(lines)


def _render_silence(answer: Answer) -> str:
    lines = [f"{answer.council_name}'s policy doesn't cover this; ask the Clerk."]
    ref = answer.reference
    if ref is not None:
        lines.append(
            f"For reference only (not {answer.council_name}'s rule): {citation_line(ref)} says"
        )
        lines.append(_quote(textwrap.shorten(ref.quote, 300)))
    return "\n".join(lines)
