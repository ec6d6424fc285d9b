"""Write docs/rpc.md from the RPC contract tables (contracts/rpc/<service>.py `API`).

    python tools/rpc_doc.py          # rewrite docs/rpc.md
    python tools/rpc_doc.py --check  # exit 1 if docs/rpc.md is stale (the contract test)
"""

from __future__ import annotations

import sys
import typing
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "rpc.md"

HEADER = """# RPC methods: the gateway ↔ services contract

Generated from the method tables in `contracts/rpc/<service>.py` (`API`, see
`contracts/rpc/api.py`) by `python tools/rpc_doc.py`; do not edit by hand —
`tests/contract/test_rpc_doc.py` fails when this page is stale.

Conventions
- A **command** changes state and runs exactly once per command id (the gateway
  derives it from the request's `Idempotency-Key`; the service keeps each reply in
  its command inbox, committed with the effects). A **query** only reads.
- Methods take the acting person first (`actor`: `contracts.rpc.common.Actor`,
  signed by the gateway and verified by the service) unless marked *no actor*.
  Records of another company are `NotFound`.
- Refusals are `contracts.errors`: `InvalidRequest` (422), `NotFound` (404),
  `Conflict` (409), `Forbidden` (403); a bug is `InternalError` (500) with a
  correlation id. Every method may answer InvalidRequest for a malformed payload.
"""


def type_name(kind) -> str:
    origin = typing.get_origin(kind)
    if origin is typing.Annotated:
        return type_name(typing.get_args(kind)[0])
    if origin in (list, tuple):
        return f"[{', '.join(type_name(a) for a in typing.get_args(kind))}]"
    if origin is not None and type(None) in typing.get_args(kind):
        return " or ".join(type_name(a) for a in typing.get_args(kind))
    if kind is type(None):
        return "None"
    return getattr(kind, "__name__", str(kind))


def argument(param) -> str:
    text = f"{param.name}: `{type_name(param.type)}`"
    return text if param.required else f"{text} = {param.default!r}"


def render() -> str:
    sys.path.insert(0, str(ROOT / "contracts"))
    from contracts.rpc.api import service_apis

    parts = [HEADER]
    for service, api in service_apis().items():
        parts.append(f"\n## {service}\n| method | kind | args | returns | refuses | notes |\n"
                     "|---|---|---|---|---|---|")
        for method in api:
            args = ", ".join((["actor"] if method.actor else ["*no actor*"])
                             + [argument(p) for p in method.params])
            refuses = ", ".join(e.__name__ for e in method.refuses) or "—"
            parts.append(f"| `{method.name}` | {method.kind} | {args} | "
                         f"`{type_name(method.reply)}` | {refuses} | {method.doc} |")
    return "\n".join(parts) + "\n"


def main(argv: list[str]) -> int:
    text = render()
    if "--check" in argv:
        if DOC.read_text(encoding="utf-8") != text:
            print("docs/rpc.md is stale: run python tools/rpc_doc.py")
            return 1
        return 0
    DOC.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
