"""A level the request asks for over a stated input range is measured at the range's worst end."""
from spice_lsp.generation.checklist import measure
from spice_lsp.generation.request import Spec

_REQUEST = "keep node reg at 9.1 V from an unregulated 15-20 V input (VRAW on raw), 450 ohm load"
_DECK = ("zener regulator\nVRAW raw 0 DC 20\nR1 raw reg {r}\nD1 0 reg dz\nRL reg 0 450\n"
         ".model dz D (is=1p n=1 rs=2 bv=9.1 ibv=5m)\n.dc VRAW 15 20 0.1\n.end\n")


def _worst(r: float) -> tuple[float | None, str]:
    return measure(Spec("9.1 V", "vout", 9.1), _DECK.format(r=r), "reg", None, description=_REQUEST)


def test_a_feed_resistor_sized_at_the_top_of_the_range_is_measured_at_its_bottom():
    # (20 - 9.1) / (20.2 mA + 5 mA) = 432 ohm starves the load at 15 V: (15 - v) / 432 < v / 450 below 7.7 V
    value, how = _worst(432)
    assert value is not None and value < 8.0 and "15 to 20" in how


def test_one_sized_at_the_bottom_holds_the_level_over_the_range():
    value, _ = _worst(220)  # (15 - 9.1) / 220 = 27 mA > 20 mA of load: the zener keeps conducting
    assert value is not None and abs(value - 9.1) < 0.45


def test_a_sweep_of_a_range_the_request_does_not_state_is_no_such_check():
    value, how = measure(Spec("9.1 V", "vout", 9.1), _DECK.format(r=220).replace("15 20", "0 20"), "reg", None,
                         description=_REQUEST)
    assert "operating point" in how and value is not None


def test_a_corner_said_as_the_end_of_the_passband_is_a_bound_on_its_side():
    from spice_lsp.generation.request import read_request

    def bounds(text):
        return [s.bound for s in read_request(text).specs if s.quantity == "cutoff"]
    assert bounds("block the DC but let audio through from about 30 Hz upward") == ["max"]
    assert bounds("RC high-pass passing everything from 30 Hz up, 10k load") == ["max"]
    assert bounds("RC low-pass that keeps everything up to 20 kHz, C = 1 nF") == ["min"]
    assert bounds("RC low-pass, cutoff 3.3 kHz, C = 10 nF, AC sweep up to 1 MHz") == [None]


def test_a_corner_bounded_from_above_is_designed_below_it():
    from spice_lsp.generation.pipeline import generate
    result = generate("Between node a and a 10k load at node b, block the DC but let audio through from 30 Hz upward.")
    item = next(i for i in result.checks if "30 Hz" in i.what)
    measured = float(item.detail.split()[1])
    assert item.status == "pass" and measured <= 30
