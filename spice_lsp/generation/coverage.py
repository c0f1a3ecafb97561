"""The names a request gives its parts, each looked for in the answer.

The request reader turns the statements it understands into constraints, and the checklist
checks those. A part the reader did not understand ("the 2k RA across C1", "Q3's collector")
would otherwise go unchecked, and the answer could say verified without it. So, independently
of the reader, every word written as a part's designator (a letter and a number: R1, Q12, RF2;
or a capitalised name given a value or a part noun: "RA = 10k", "resistor RS") must name an
element, node, model or subcircuit of the answer."""
from __future__ import annotations

import re

from spice_lsp.generation.checklist import FAIL, CheckItem
from spice_lsp.language import model as m

_LETTERS = "RCLDQMJVIEGFHKSWX"  # SPICE element letters a user names parts with
_NUMBERED = re.compile(r"^[A-Za-z]{1,3}\d{1,2}$")  # R1, RF2, Q12 (LM317, NE555: three digits, part numbers)
_TOKEN = re.compile(r"(?<![\w.\-/])([A-Za-z][A-Za-z0-9_]*)(?!\w)")
_PART_NOUN = re.compile(r"(?:resistor|capacitor|cap|inductor|diode|transistor|mosfet|jfet|bjt|source|load|"
                        r"switch|supply|coil|led|zener)s?\s*$", re.IGNORECASE)
_GIVEN = re.compile(r"^\s*(?:=|:\s*\d|\(\s*\d|of\s+\d|is\s+\d)", re.IGNORECASE)
# Capitalised words that name a circuit, an analysis, a unit or a model parameter, never a part.
_NOT_PARTS = set("""AC DC LC RLC RON ROFF VON VOFF VH RMS SIN PWL PULSE TRAN GND
CMOS NMOS PMOS BJT JFET MOSFET LED LDO DAC ADC OTA VCO PLL
CMRR PSRR NPN PNP VCVS VCCS CCVS CCCS IC SPICE EMF ESR ESD EMI FET MEG MHZ KHZ HZ KOHM MOHM OHM OHMS MV UV KV
MA UA NA MS US NS PS UF NF PF UH MH NH DB PWM SMPS CCM DCM KVL KCL IV VI SR JK VOH VOL VIH VIL IS N BF BR
VAF VAR VTO KP LAMBDA GAMMA PHI TEMP TNOM CJO CGS CGD CGSO CGDO CBD CBS BETA VT TF TR XTI EG BV IBV NE ISE
IKF IKR ISC NC VJ MJ FC TT VJE VJC MJE MJC XTB TOX LD WD UO VMAX NSUB HF LF VHF UHF SMD THD SNR ENOB LSB MSB
SPI USB UART GPIO MCU CPU E6 E12 E24 E48 E96 E192 X5R X7R C0G NP0 R2R FM AM SSB OK RON ROFF VH""".split())


def _model_parameter(description: str, start: int, end: int) -> bool:
    """A word written as a model parameter: "(IS=1e-14 RS=10)", "RS=10" beside another "X=" """
    before = description[max(0, start - 60):start]
    if "(" in before and ")" not in before[before.rindex("("):] and re.search(r"\w\s*=", before[before.rindex("("):]):
        return True
    if not re.match(r"=\S", description[end:end + 2]):
        return False
    return bool(re.search(r"\b[A-Za-z]+=\S+\s*$", before) or re.match(r"=\S+\s+[A-Za-z]+=", description[end:]))


def designators(description: str) -> list[str]:
    """The part names a request writes, in order, once each."""
    found: list[str] = []
    for match in _TOKEN.finditer(description):
        word = match.group(1)
        if (word[0].upper() not in _LETTERS or word.upper() in _NOT_PARTS
                or word.upper() in map(str.upper, found)):
            continue
        numbered = bool(_NUMBERED.match(word)) and (word[0].isupper() or word[0] in "rcldqmj")
        named = (word.isupper() and 2 <= len(word) <= 5 and word.isalpha()
                 and bool(_GIVEN.match(description[match.end():])
                          or _PART_NOUN.search(description[max(0, match.start() - 24):match.start()])))
        if (numbered or named) and not _model_parameter(description, match.start(), match.end()):
            found.append(word)
    return found


def netlist_names(netlist: m.Netlist) -> set[str]:
    """Every name an answer defines or uses: elements, their nodes and models, models, subcircuits."""
    names: set[str] = set()
    for st in netlist.statements:
        if isinstance(st, m.Element):
            names.add(st.name.lower())
            names.update(f.text.lower() for f in st.fields if f.kind == "word")
        elif isinstance(st, (m.Model, m.Subckt, m.ParamDef)):
            names.add(st.name.lower())
            if isinstance(st, m.Subckt):
                names.update(f.text.lower() for f in st.ports)
    return names


def named_parts(description: str, netlist: m.Netlist) -> list[CheckItem]:
    """A failing item for each part name the request writes that the answer does not have."""
    have = netlist_names(netlist)
    return [CheckItem(f"{name} (named in the request)", FAIL, "not in the netlist")
            for name in designators(description) if name.lower() not in have]
