"""``docs/rules.md``, generated from the registry: ``python -m validator.docs > docs/rules.md``.

One section per rule whose heading ``CODE name`` gives the anchor ``#<code>-<name>`` that
``validator.finding.rule_url`` (and every report's ``url``) points at. tests/test_docs.py
fails when the committed file differs from what this prints.
"""

from __future__ import annotations

import ast
import re
import sys

from validator.explain import FIX_WORDS, options_text, sections
from validator.rule import Rule

COMMAND = "python -m validator.docs > docs/rules.md"
FAMILIES = {"SY": "Parsing", "SX": "Schema", "EC": "Event collectors", "FI": "Fetch incidents", "CM": "Commands",
            "PK": "Packs", "SP": "Suppressions"}


def anchor(rule: Rule) -> str:
    """The GitHub anchor of the rule's heading (lowercase, spaces to hyphens)."""
    return f"{rule.code.lower()}-{rule.name}"


def render(rules: dict[str, Rule] | None = None) -> str:
    if rules is None:
        from validator.registry import all_rules

        rules = all_rules()
    out = [
        "# Rules",
        "",
        f"<!-- Generated from the rule modules by `{COMMAND}`; do not edit. -->",
        "",
        "Every rule, its default severity and whether `--fix` can repair it. `validate --explain CODE`",
        "prints the same text with the rule's examples. Options and severities are set in",
        "`[tool.validate.rules.CODE]` (see the README, *Configuration*).",
        "",
        "| Code | Name | Severity | Fix | Summary |",
        "|---|---|---|---|---|",
    ]
    out += [f"| {r.code} | [{r.name}](#{anchor(r)}) | {r.severity.value} | {r.fix_safety if r.fixable else ''} | "
            f"{_cell(r.summary)} |" for r in rules.values()]
    family = None
    for rule in rules.values():
        if rule.code[:2] != family:
            family = rule.code[:2]
            out += ["", f"## {FAMILIES.get(family, family)}"]
        out += ["", *_rule_section(rule)]
    return "\n".join(out) + "\n"


def _rule_section(rule: Rule) -> list[str]:
    facts = [f"Severity **{rule.severity.value}**", FIX_WORDS[rule.fix_safety].replace("fix: ", "fix ")]
    if rule.sdk:
        facts.append("sdk " + ", ".join(f"`{c}`" for c in rule.sdk))
    if rule.always_on:
        facts.append("always on")
    out = [f"### {rule.code} {rule.name}", "", _sentence(rule.summary), "", " · ".join(facts)]
    for title, text in sections(rule):
        out += ["", f"**{title.rstrip(':')}**", ""]
        out += _code_block(text) if title in ("Example:", "Use instead:") else [text]
    out += ["", "**Options**", "", options_text(rule)]
    return out


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _code_block(text: str) -> list[str]:
    return [f"```{_language(text)}", text, "```"]


def _language(text: str) -> str:
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    if lines and all(re.match(r"\s*(- )?[\w.:\-\"' ]+:( |$)|\s*- ", ln) for ln in lines):
        return "yaml"
    if lines and lines[0].lstrip().startswith(("{", "[")):
        return "json"
    try:
        ast.parse(text)
    except SyntaxError:
        return "text"
    return "python"


def main() -> None:
    sys.stdout.write(render())


if __name__ == "__main__":
    main()
