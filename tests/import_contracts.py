"""Custom import-linter contracts (named in pyproject.toml, run by ``lint-imports``).

import-linter's own ``forbidden`` contract cannot name a *submodule* of an external package
(``deepface.modules.demography``): with external packages in the graph, they are squashed
to ``deepface``. This contract reads each import statement of the project that reaches the
forbidden modules' package and refuses the ones that import a forbidden module.
"""

from __future__ import annotations

import re
from typing import Any

from importlinter.application import output
from importlinter.domain import fields
from importlinter.domain.contract import Contract, ContractCheck

_FROM = re.compile(r"^\s*from\s+([\w.]+)\s+import\s+(.+)$")
_IMPORT = re.compile(r"^\s*import\s+(.+)$")


def imported_names(line: str) -> list[str]:
    """The dotted modules (or module.attribute) an import line can bring in."""
    match = _FROM.match(line)
    if match:
        base, names = match.group(1), match.group(2).strip().strip("()\\").split(",")
        found = [base]
        for name in names:
            name = name.strip().split(" as ")[0].strip()
            if name:
                found.append(f"{base}.{name}")
        return found
    match = _IMPORT.match(line)
    if match:
        return [part.strip().split(" as ")[0].strip() for part in match.group(1).split(",")]
    return []


def imports_forbidden(line: str, forbidden: list[str]) -> str | None:
    names = imported_names(line)
    if not names:
        return None
    for module in forbidden:
        if any(n == module or n.startswith(module + ".") for n in names):
            return module
        base = names[0]
        if line.rstrip().endswith(("(", "\\")) and module.startswith(base + "."):
            return module  # a multi-line import from the forbidden module's package: refuse to guess
    return None


class ForbiddenSubmodulesContract(Contract):
    """No module under ``source_modules`` imports any of ``forbidden_modules`` (external submodules)."""

    source_modules = fields.ListField(subfield=fields.StringField())
    forbidden_modules = fields.ListField(subfield=fields.StringField())

    def check(self, graph: Any, verbose: bool) -> ContractCheck:
        forbidden: list[str] = list(self.forbidden_modules)  # type: ignore[arg-type]
        roots = {m.split(".")[0] for m in forbidden}
        sources: list[str] = list(self.source_modules)  # type: ignore[arg-type]
        violations = []
        for importer in sorted(graph.modules):
            if not any(importer == s or importer.startswith(s + ".") for s in sources):
                continue
            for root in roots:
                if root not in graph.modules:
                    continue
                for detail in graph.get_import_details(importer=importer, imported=root):
                    hit = imports_forbidden(detail["line_contents"], forbidden)
                    if hit:
                        violations.append(f"{importer}:{detail['line_number']} imports {hit}")
        return ContractCheck(kept=not violations, warnings=[], metadata={"violations": violations})

    def render_broken_contract(self, check: ContractCheck) -> None:
        for line in check.metadata["violations"]:
            output.print_error(line)
            output.new_line()
