"""training/cases/phychip_v2.jsonl, PhyChip's bench v2 ported by training/phychip_port.py: the cases
load, every reference parses, simulates and passes its own checks, and the port says where it came from."""
from concurrent.futures import ThreadPoolExecutor

import pytest

from training import bench, phychip_port
from training.case_checks import Reading, node_key, reference_problems

CASES_DIR = bench.SHIPPED_CASES.parent
PHYCHIP = bench.load_cases(CASES_DIR / "phychip_v2.jsonl")


def test_cases_are_well_formed_and_their_ids_are_new():
    other = [c["id"] for name in ("spice_lsp_cases.jsonl", "requests.jsonl", "open_world.jsonl")
             for c in bench.load_cases(CASES_DIR / name)]
    ids = [c["id"] for c in PHYCHIP]
    assert len(set(ids)) == len(ids) and not set(ids) & set(other)
    assert len(PHYCHIP) + len(phychip_port.LEFT_OUT) == 50  # every task of bench v2 is ported or listed
    for case in PHYCHIP:
        assert case["reference"] and "Apache-2.0" in case["source"], case["id"]
        reading = Reading(case["reference"])
        assert all(node_key(n) in reading.nodes for n in case["constraints"]["nodes"]), case["id"]
        for spec in case["checks"]:
            assert spec["min"] < spec["max"] and spec["why"], case["id"]


def test_notice_names_the_source_and_its_licence():
    notice = (CASES_DIR / "NOTICE").read_text(encoding="utf-8")
    assert "nithingovindugari/phychip" in notice and "Apache License, Version 2.0" in notice


@pytest.fixture(scope="module")
def verdicts() -> dict[str, list[str]]:
    with ThreadPoolExecutor(4) as pool:  # ngspice runs in subprocesses
        return dict(zip((c["id"] for c in PHYCHIP), pool.map(reference_problems, PHYCHIP)))


@pytest.mark.parametrize("case_id", [c["id"] for c in PHYCHIP])
def test_reference_parses_simulates_and_passes_its_checks(case_id, verdicts):
    assert verdicts[case_id] == []


def test_control_analyses_become_dot_cards_and_the_rest_of_the_block_goes():
    deck = "t\nV1 a 0 1\nR1 a 0 1k\n.control\ntran 1u 1m\nprint v(a)\nmeas tran x max v(a)\n.endc\n.end\n"
    assert phychip_port.dot_analyses(deck) == "t\nV1 a 0 1\nR1 a 0 1k\n.tran 1u 1m\n.end"
