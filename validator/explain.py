"""``--explain CODE`` and the generated docs (validator/docs.py): one rendering of a rule's documentation.

The docstring sections come in ruff's order (*What it does*, *Why is this bad?*, *Example*,
*Use instead*, *Fix safety*, *Options*); fix safety and options are completed from the
rule's metadata, so they are never missing. Examples are tiny packs that mostly repeat the
shared fixtures, so ``--explain`` shows each one as a diff against the rule's first valid
example: the lines that make the difference.
"""

from __future__ import annotations

import difflib

from validator.rule import Example, Rule

ORDER = ("What it does:", "Why is this bad?", "Example:", "Use instead:", "Fix safety:", "Options:")
FIX_WORDS = {"none": "not fixable", "safe": "fix: safe", "unsafe": "fix: unsafe",
             "safe-or-unsafe": "fix: safe or unsafe (see Fix safety)"}
FIX_DEFAULT = {"none": "Not fixable.", "safe": "Safe.", "unsafe": "Unsafe: review the change.",
               "safe-or-unsafe": "Safe in some cases, unsafe in others."}


def header(rule: Rule) -> str:
    sdk = f" · sdk {', '.join(rule.sdk)}" if rule.sdk else ""
    return f"{rule.code} {rule.name} ({rule.severity.value} · {FIX_WORDS[rule.fix_safety]}{sdk})"


def sections(rule: Rule) -> list[tuple[str, str]]:
    """``(title, text)`` of the docstring sections in order, with *Fix safety* always present."""
    from validator.rule import _doc_sections

    found = _doc_sections(rule.doc)
    titles = [t for t in ORDER if t in found or t == "Fix safety:"]
    titles += [t for t in found if t not in ORDER]
    out = []
    for title in titles:
        if title == "Options:":
            continue  # rendered by options_text, with the declared types and defaults
        text = found.get(title) or (FIX_DEFAULT[rule.fix_safety] if title == "Fix safety:" else "")
        out.append((title, text))
    return out


def options_text(rule: Rule) -> str:
    """The declared options with types and defaults, and the severity, as set in configuration."""
    lines = [f"- {o.name} ({o.type}, default {o.default!r}){': ' + o.help if o.help else ''}" for o in rule.options]
    if rule.always_on:
        lines.append(f"- severity: always {rule.severity.value}; this rule cannot be deselected or suppressed")
    else:
        lines.append(f"- severity (error, warning or info, default {rule.severity.value!r})")
    prose = rule.doc_section("Options:")
    if prose and not all(o.help for o in rule.options):  # the docstring's words, when the metadata lacks some
        lines += ["", prose]
    return "\n".join(lines)


def _where(ex: Example) -> str:
    points = [f"{e.path or 'first YAML'}:{e.line}:{e.column}" if e.line else (e.path or "first YAML")
              for e in ex.expected]
    return ", ".join(points)


def _diff(old: dict[str, str], new: dict[str, str], context: int = 2) -> list[str]:
    out: list[str] = []
    for path in sorted(set(old) | set(new), key=lambda p: (p not in new, p)):
        if old.get(path) == new.get(path):
            continue
        a = (old.get(path) or "").splitlines()
        b = (new.get(path) or "").splitlines()
        out += list(difflib.unified_diff(a, b, f"a/{path}" if path in old else "/dev/null",
                                         f"b/{path}" if path in new else "/dev/null", n=context, lineterm=""))
    return out


def examples_text(rule: Rule) -> str:
    """Each example: valid or invalid, where it is reported, and how it differs from the base."""
    base = next((ex for ex in rule.examples if ex.valid), None)
    out = []
    for ex in rule.examples:
        label = ("valid" if ex.valid else "invalid") + (f" ({ex.title})" if ex.title else "")
        if ex.options:
            label += " with " + ", ".join(f"{k} = {v!r}" for k, v in ex.options.items())
        if not ex.valid and ex.expected:
            label += f", reported at {_where(ex)}"
        if ex is base:
            out.append(f"{label}: the pack {', '.join(ex.files)}")
            continue
        changes = _diff(dict(base.files) if base is not None else {}, dict(ex.files))
        out.append(f"{label}:" if changes else f"{label}: the same pack")
        out += ["    " + line for line in changes]
        if ex.fixed is not None:
            fixed = _diff(dict(ex.files), dict(ex.fixed))
            out.append("  after the fix:" if fixed else "  the fix changes nothing")
            out += ["    " + line for line in fixed]
    return "\n".join(out)


def explain(rule: Rule) -> str:
    parts = [header(rule), "", rule.summary, ""]
    for title, text in sections(rule):
        parts += [title, _indent(text), ""]
    parts += [f"Options ([tool.validate.rules.{rule.code}]):", _indent(options_text(rule)), ""]
    parts += ["Examples (each a tiny pack; the changes from the first valid one):", _indent(examples_text(rule)), ""]
    parts += [f"Docs: {rule.url}", ""]
    return "\n".join(parts)


def _indent(text: str) -> str:
    return "\n".join(("    " + line).rstrip() for line in text.splitlines())
