"""``--explain CODE`` and the generated docs: one rendering of a rule's documentation."""

from __future__ import annotations

from validator.rule import Rule


def header(rule: Rule) -> str:
    fix = {"none": "not fixable", "safe": "fix: safe", "unsafe": "fix: unsafe",
           "safe-or-unsafe": "fix: safe or unsafe (see Fix safety)"}[rule.fix_safety]
    sdk = f" · sdk {', '.join(rule.sdk)}" if rule.sdk else ""
    return f"{rule.code} {rule.name} ({rule.severity.value} · {fix}{sdk})"


def options_text(rule: Rule) -> str:
    if not rule.options:
        return "None."
    return "\n".join(f"- {o.name} ({o.type}, default {o.default!r}){': ' + o.help if o.help else ''}"
                     for o in rule.options)


def examples_text(rule: Rule, fence: bool = False) -> str:
    out = []
    for ex in rule.examples:
        label = "valid" if ex.valid else "invalid"
        where = ", ".join(f"{e.path or 'first YAML'}:{e.line}:{e.column}" for e in ex.expected if e.line)
        out.append(f"{label}{' (' + ex.title + ')' if ex.title else ''}{' — reported at ' + where if where else ''}:")
        for path, text in ex.files.items():
            out.append(f"  {path}")
            body = "\n".join("    " + ln for ln in text.rstrip("\n").splitlines())
            out.append(f"```\n{body}\n```" if fence else body)
    return "\n".join(out)


def explain(rule: Rule) -> str:
    return (
        f"{header(rule)}\n\n{rule.summary}\n\n{rule.doc}\n\nOptions:\n{options_text(rule)}\n\n"
        f"Examples:\n{examples_text(rule)}\n"
    )
