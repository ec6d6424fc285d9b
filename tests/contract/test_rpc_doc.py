"""docs/rpc.md is the RPC tables, rendered (issue 7.1): it cannot drift from the code."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))

import rpc_doc  # noqa: E402


def test_the_rpc_page_is_generated_from_the_tables():
    assert rpc_doc.DOC.read_text(encoding="utf-8") == rpc_doc.render(), (
        "docs/rpc.md is stale: run .venv/bin/python tools/rpc_doc.py")
