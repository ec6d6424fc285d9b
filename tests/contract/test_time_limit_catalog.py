"""The time-limit catalog (rule X-1) says honestly which limits are tracked.

A limit of ``X1_TIME_LIMITS`` is ``tracked=True`` exactly when

- the services' code opens it (``uow.deadlines.open(<limit>, ...)``, found by reading the
  source: the limit passed must be traceable to ``X1_TIME_LIMITS["<key>"]``), and
- a service test proves it breaches (``assert_limit_breaches(container, "<key>", ...)``
  from ``servicekit.testing_deadlines``, which drives the service's own use cases and
  sweeps at the due time; those tests run in the service tier).

Every other limit is "not tracked yet". The test prints both lists.
"""

from __future__ import annotations

import ast
import functools
from pathlib import Path

from servicekit.timelimits import X1_TIME_LIMITS

ROOT = Path(__file__).resolve().parents[2]
CATALOG = "X1_TIME_LIMITS"
BREACH_HELPER = "assert_limit_breaches"


def _sources(tests: bool) -> list[Path]:
    files = []
    for path in sorted((ROOT / "services").glob("*/**/*.py")):
        parts = path.relative_to(ROOT / "services").parts
        in_tests = len(parts) > 1 and parts[1] == "tests"
        if in_tests == tests and "migrations" not in parts:
            files.append(path)
    if tests:
        files += sorted((ROOT / "servicekit" / "tests").glob("**/*.py"))
    return files


class _Module:
    """Resolves the limit a ``deadlines.open`` call passes back to catalog keys."""

    def __init__(self, path: Path):
        self.path = path
        self.tree = ast.parse(path.read_text(), str(path))
        self.functions = {node.name: node for node in ast.walk(self.tree)
                          if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)}
        self.parents = {child: node for node in ast.walk(self.tree)
                        for child in ast.iter_child_nodes(node)}

    def opens(self) -> list[ast.Call]:
        return [node for node in ast.walk(self.tree)
                if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and node.func.attr == "open" and isinstance(node.func.value, ast.Attribute)
                and node.func.value.attr == "deadlines"]

    def where(self, node: ast.AST) -> str:
        return f"{self.path.relative_to(ROOT)}:{node.lineno}"

    def _function_of(self, node: ast.AST):
        while node in self.parents:
            node = self.parents[node]
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                return node
        return None

    def resolve(self, expr: ast.AST, scope, seen=frozenset()) -> set[str]:
        if (isinstance(expr, ast.Subscript) and isinstance(expr.value, ast.Name)
                and expr.value.id == CATALOG and isinstance(expr.slice, ast.Constant)):
            return {expr.slice.value}
        if isinstance(expr, ast.Attribute) and isinstance(expr.value, ast.Name):
            # a constant of another module of the services (e.g. the domain's model.X)
            keys = _module_constant(expr.attr)
            if keys:
                return keys
        if isinstance(expr, ast.IfExp):
            return self.resolve(expr.body, scope, seen) | self.resolve(expr.orelse, scope, seen)
        if isinstance(expr, ast.Call) and isinstance(expr.func, ast.Name | ast.Attribute):
            # a helper that picks the limit (e.g. planning's pln1_limit): what it returns
            keys = _function_returns(expr.func.id if isinstance(expr.func, ast.Name)
                                     else expr.func.attr)
            if keys:
                return keys
        if isinstance(expr, ast.Name) and (expr.id, scope) not in seen:
            seen = seen | {(expr.id, scope)}
            body = scope.body if scope is not None else self.tree.body
            values = [node.value for node in ast.walk(ast.Module(body=body, type_ignores=[]))
                      if isinstance(node, ast.Assign)
                      and any(isinstance(t, ast.Name) and t.id == expr.id for t in node.targets)]
            if values:
                return set().union(*(self.resolve(v, scope, seen) for v in values))
            if scope is not None:
                params = [a.arg for a in scope.args.posonlyargs + scope.args.args]
                if expr.id in params:
                    return self._from_callers(scope, expr.id, params.index(expr.id), seen)
                return self.resolve(expr, None, seen)
            imported = _module_constant(expr.id)  # a constant imported from another module
            if imported:
                return imported
        raise AssertionError(f"{self.where(expr)}: cannot tell which limit of {CATALOG} this "
                             f"deadline opens ({ast.unparse(expr)}); name it as "
                             f"{CATALOG}['<key>'] or a constant assigned from it")

    def _from_callers(self, function, name: str, index: int, seen) -> set[str]:
        keys: set[str] = set()
        for call in ast.walk(self.tree):
            if isinstance(call, ast.Call) and isinstance(call.func, ast.Name) \
                    and call.func.id == function.name:
                arg = next((k.value for k in call.keywords if k.arg == name), None)
                if arg is None and index < len(call.args):
                    arg = call.args[index]
                if arg is not None:
                    keys |= self.resolve(arg, self._function_of(call), seen)
        assert keys, f"{self.where(function)}: {function.name}() opens a limit but no caller " \
                     f"in the module passes one"
        return keys


def _module_constant(name: str) -> set[str]:
    """Catalog keys a module-level `NAME = X1_TIME_LIMITS[...]` of the services assigns."""
    keys: set[str] = set()
    for path in _sources(tests=False):
        for node in ast.parse(path.read_text(), str(path)).body:
            if (isinstance(node, ast.Assign) and isinstance(node.value, ast.Subscript)
                    and isinstance(node.value.value, ast.Name) and node.value.value.id == CATALOG
                    and isinstance(node.value.slice, ast.Constant)
                    and any(isinstance(t, ast.Name) and t.id == name for t in node.targets)):
                keys.add(node.value.slice.value)
    return keys


@functools.cache
def _function_returns(name: str) -> frozenset[str]:
    """Catalog keys a function of the services named `name` returns (resolved in its module)."""
    keys: set[str] = set()
    for path in _sources(tests=False):
        if f"def {name}(" not in path.read_text():
            continue
        module = _Module(path)
        function = module.functions.get(name)
        if function is None:
            continue
        for node in ast.walk(function):
            if isinstance(node, ast.Return) and node.value is not None:
                keys |= module.resolve(node.value, function)
    return frozenset(keys)


def opened_by_code() -> dict[str, list[str]]:
    """Catalog key -> the call sites in the services' code that open it."""
    found: dict[str, list[str]] = {}
    for path in _sources(tests=False):
        module = _Module(path)
        for call in module.opens():
            assert call.args, f"{module.where(call)}: deadlines.open takes the TimeLimit first"
            for key in module.resolve(call.args[0], module._function_of(call)):
                found.setdefault(key, []).append(module.where(call))
    return found


def proven_to_breach() -> dict[str, list[str]]:
    """Catalog key -> the service tests that show it breaches."""
    found: dict[str, list[str]] = {}
    for path in _sources(tests=True):
        if BREACH_HELPER not in path.read_text():
            continue
        module = _Module(path)
        for call in ast.walk(module.tree):
            if isinstance(call, ast.Call) and isinstance(call.func, ast.Name) \
                    and call.func.id == BREACH_HELPER:
                key = call.args[1] if len(call.args) > 1 else None
                assert isinstance(key, ast.Constant), \
                    f"{module.where(call)}: pass the catalog key as a literal string"
                found.setdefault(key.value, []).append(module.where(call))
    return found


def test_every_limit_is_tracked_with_a_breach_test_or_marked_not_tracked_yet(capsys):
    opened, proven = opened_by_code(), proven_to_breach()
    tracked = [key for key, limit in X1_TIME_LIMITS.items() if limit.tracked]
    untracked = [key for key, limit in X1_TIME_LIMITS.items() if not limit.tracked]
    with capsys.disabled():
        print(f"\nX-1 limits tracked ({len(tracked)}): {', '.join(tracked)}")
        print(f"X-1 limits not tracked yet ({len(untracked)}): {', '.join(untracked)}")

    unknown = sorted((set(opened) | set(proven)) - set(X1_TIME_LIMITS))
    assert not unknown, f"not in the catalog: {unknown}"
    problems = []
    for key in tracked:
        if key not in opened:
            problems.append(f"{key} is marked tracked but no service opens it")
        if key not in proven:
            problems.append(f"{key} is marked tracked but no test shows it breaches "
                            f"({BREACH_HELPER})")
    for key in untracked:
        for what, where in (("opened by", opened.get(key)), ("breach-tested in", proven.get(key))):
            if where:
                problems.append(f"{key} is marked not tracked yet but is {what} {where}: "
                                f"mark it tracked=True")
    assert not problems, "\n".join(problems)


def test_the_reader_sees_every_open_in_the_services_code():
    """Guard the guard: every ``deadlines.open(`` written in the services is read above."""
    written = sum(path.read_text().count("deadlines.open(") for path in _sources(tests=False))
    read = sum(len(_Module(path).opens()) for path in _sources(tests=False))
    assert read == written > 0


def test_every_limit_a_service_opens_reaches_a_named_person_at_every_rung():
    """X-1/X-2, walking the catalog: whichever department opens a limit (or holds it, when
    the limit names its holder), a breach of it in any company of the demo group reaches
    that department's leader there, then the
    company's GM (plus the group GM for the co-production company: outsourcing) — never
    no one (gateway.inbox.ladder over demo/group.json's people)."""
    import json

    from gateway.core.accounts import department_from_roles, level_from_roles
    from gateway.core.directory import Account
    from gateway.inbox.feed import outsourcing_companies
    from gateway.inbox.ladder import recipients

    group = json.loads((ROOT / "demo" / "group.json").read_text())
    people = [Account(username=p["username"], roles=p.get("roles", []),
                      companies=p.get("companies"),
                      department=p.get("department") or department_from_roles(p["roles"]),
                      level=p.get("level") or level_from_roles(p["roles"]))
              for p in group["users"]["people"]]
    by_name = {person.username: person for person in people}
    outsourcing = outsourcing_companies(group)
    opened = opened_by_code()
    assert opened, "no limit is opened by any service"
    walked = 0
    for key, sites in sorted(opened.items()):
        holder = X1_TIME_LIMITS[key].holder  # AFS-1: sales' act, after-sales tracks it
        for department in sorted({holder or site.split("/")[1] for site in sites}):
            for company in group["companies"]:
                company_id = company["company_id"]
                leaders = recipients("department_leader", department, company_id, people,
                                     outsourcing)
                assert leaders, f"{key} ({department}, {company_id}) reaches no one"
                if company["kind"] == "product":
                    assert {by_name[u].level for u in leaders} == {"leader"}, (key, leaders)
                    assert all(by_name[u].department == department for u in leaders)
                gms = recipients("general_manager", department, company_id, people,
                                 outsourcing)
                levels = {by_name[u].level for u in gms}
                assert "general_manager" in levels or "group_general_manager" in levels, \
                    (key, company_id, gms)
                if company_id in outsourcing:
                    assert "group_general_manager" in levels, (key, company_id, gms)
                walked += 1
    print(f"\nX-1 limits walked up the X-2 ladder: {walked} (limit, department, company)")
