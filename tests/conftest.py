from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture
def data() -> Path:
    return DATA


def edited_texts(lines: list[str], edits):
    """Each text after applying the next random edit ("insert" | "delete" | "replace", where,
    new line) to a netlist whose title is line 0: how the incremental parser and checker are
    compared with a fresh one."""
    lines = ["title"] + lines
    for kind, at, new in edits:
        at = 1 + at % len(lines)
        if kind == "insert":
            lines.insert(at, new)
        elif at < len(lines):
            if kind == "delete":
                del lines[at]
            else:
                lines[at] = new
        yield "\n".join(lines)
