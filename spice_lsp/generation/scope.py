"""Which circuits we have a recipe for: a request that names a circuit no family builds is
answered "no recipe for <X>" with the nearest known circuits, never with a different circuit.

A named circuit ("Colpitts oscillator", "Schmitt trigger", "R-2R DAC") must lie inside the
words that chose the family (the family's own pattern match) or among the variants the family
accepts; a circuit noun with no family at all ("an oscillator") is refused the same way.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from spice_lsp.generation.intent import _ASSUMED
from spice_lsp.generation.passing import in_passing
from spice_lsp.language.units import parse_number

# Circuits people ask for by name; each must be covered by the family that answers.
NAMED = re.compile(r"""\b(?:
    colpitts|hartley|clapp|pierce|crystal|quartz|xtal|555|timer|astable|monostable|bistable|multivibrator
  | schmitt|hysteresis|comparators?|instrumentation|difference\s+amplifier|subtractor|summing|summer|adder
  | log(?:arithmic)?\s+amp\w*|anti-?log\w*|exponential\s+amp\w*|gyrator|simulated\s+inductor
  | precision\s+rectifier|super\s?diode|peak\s+detector|sample[- ]and[- ]hold|track[- ]and[- ]hold
  | sampler|switched[- ]capacitor\s+(?:integrator|amplifier|filter)
  | differentiator|cascode|darlington|sziklai|wilson|widlar|push[- ]pull|class[- ]?(?:a|b|ab|c|d)
  | jfets?|ota|two[- ]stage|miller|folded|telescopic|common[- ]mode\s+feedback|cmfb
  | charge[- ]pump|doubler|tripler|quadrupler|voltage\s+multiplier|cockcroft|villard
  | ldo|linear\s+regulator|series\s+regulator|shunt\s+regulator|bandgap|lm317|tl431
  | 78\d\d(?![.,]?\d|\s*(?:[kmunpµ]?(?:hz|v|a|ω|ohms?|s|f|h)\b|%|°))  # "7805", not "7870 Hz"
  | h[- ]bridge|half[- ]bridge|full[- ]bridge\s+(?:driver|inverter|converter)|dead[- ]time|gate\s+driver
  | buck[- ]boost|flyback|forward\s+converter|sepic|cuk|inverter\s+(?:for|to)\s+ac
  | dac|r-?2r|adc|flash\s+converter|sigma[- ]delta|delta[- ]sigma
  | nor|xor|xnor|(?<!drain\s)(?<!source\s)(?<!bulk\s)and\s+gate  # ("drain and gate": two pins, no AND gate)
  | or\s+gate|transmission\s+gate|latch|flip[- ]?flop|sram|dram|d-?ff
  | multiple[- ]feedback|mfb|state[- ]variable|biquad|twin[- ]?t|all[- ]?pass|bessel|chebyshev|elliptic|cauer
  | butterworth|(?:[3-9]|third|fourth|fifth|sixth|seventh|eighth)(?:th|rd)?[- ]order
  | leds?|light[- ]emitting|thermistor|ntc|ptc|rtd|pt100|pt1000|thermocouple|hall\s+sensor
  | vco|voltage[- ]controlled\s+oscillator|pll|phase[- ]locked|mixer|modulator|demodulator|envelope\s+detector
  | transformer|relay|motor|solenoid|triac|thyristor|scr|diac|ujt|optocoupler|opto-?isolator
  | aoi\d+|oai\d+|baxandall|tone\s+control|dickson
  | armstrong|tickler|foldback|beta[- ]multiplier|current[- ]starved|soft[- ]start|maxwell|ptat\s+current
  | howland|current\s+(?:source|sink|pump)|voltage\s+reference|clamper|dc\s+restorer|level\s+shifter
  | transceiver|transmitter|radio|modem|wi-?fi|bluetooth|zigbee|lora(?:wan)?|ethernet|gps
  | lna|low[- ]noise\s+amplifier|power\s+amplifier|audio\s+amplifier|headphone|speaker|antenna|balun
  | lc\s+oscillator|tank\s+circuit|crystal\s+oscillator|relaxation\s+oscillator|square[- ]wave\s+generator
  | triangle[- ]wave|function\s+generator|sawtooth|oscillators?|regulators?|converters?|amplifiers?|filters?
)\b""", re.IGNORECASE | re.VERBOSE)
# The generic nouns above name a circuit only when no family pattern covers them.
HEAD_NOUN = re.compile(r"\s+(?:oscillator|amplifier|amp|filter|regulator|converter|circuit|trigger|gate|driver|"
                       r"source|sink|mirror|stage|detector|rectifier|pump|timer|generator|reference|pair|buffer)\b",
                       re.IGNORECASE)


# Words before a circuit noun that make it one part of the circuit asked for, not the circuit
# ("a 1 mA tail current source", "the photocurrent modelled as a current source", "an op-amp error
# amplifier" in a regulator, an oscillator's "sustaining amplifier").
PART_OF = re.compile(r"(?:\btail|\bbias|\bideal|\berror|\bsustaining|"
                     r"\b(?:modell?ed|represented|simulated|stood\s+in\s+for)\s+(?:as|by|with)\s+an?|"
                     r"\b(?:excited|driven|fed|biased|supplied)\s+(?:with\s+)?(?:[\d.]+\s*[munpµ]?A\s+(?:DC\s+|AC\s+)?)?"
                     r"(?:by|from)\s+an?(?:\s+[\d.]+\s*[munpµ]?A)?)\s+$", re.IGNORECASE)  # "fed 1 mA by a"


# A device's name followed by what it disturbs a signal with: the disturbance a filter removes, not a circuit.
DISTURBANCE = re.compile(r"[\s-]+(?:noise|hum|buzz|whine|interference|emi|rfi|ripple|spikes?|transients?|pops?|"
                         r"clicks?|chatter|glitches?|harmonics)\b", re.IGNORECASE)


# Words after a device's name that say which part stands for it ("a relay coil, modelled as 240 Ω from +12 V to coil",
# "a motor represented by a 10 ohm resistor"): a load the request states as a part, not a circuit to build.
MODELLED_AS = re.compile(r"(?:\s+[\w-]+){0,2}\s*,?\s*(?:which\s+is\s+|is\s+)?(?:modell?ed|represented|simulated|"
                         r"approximated|stood\s+in\s+for)\s+(?:as|by)\b", re.IGNORECASE)


# A source's name right after a device's ("amplifier V1 on node amp", "the sensor (VS1) at s"): the source stands for
# the device, a part of the circuit asked for, not a circuit to build.
SOURCE_NAMED = re.compile(r"\s+\(?[VI][A-Z0-9]{1,6}\b(?!\s*(?:=|:))")

# Words before a circuit's name that say it is not wanted ("on its own (no PLL)", "not the three-op-amp kind").
NEGATED = re.compile(r"(?:\bno|\bnot\s+(?:an?|the)|\bwithout(?:\s+an?|\s+the)?|\binstead\s+of(?:\s+an?|\s+the)?)"
                     r"\s+$", re.IGNORECASE)

# Words before a node's name (written lower case): "node rtd", "into rtd", "at sin".
NODE_BEFORE = re.compile(r"(?:\bnodes?|\binto|\bat|\bfrom|\bto|\bon)\s+$")  # "... result on adc"

# Words after a circuit's noun that make it a node's role or what a node connects to ("the summing node pd",
# "Amplifier node amp_o", "5 V at node sns for an ADC pin", "the summing junction"): a node described, no circuit.
# ... or the node named in parentheses after it ("to the ADC (node adc)")
NODE_AFTER = re.compile(r"(?:'s)?\s+(?:nodes?|junctions?|pins?|terminals?)\b|\s*\(\s*(?:on\s+|at\s+)?node\b"
                        r"|\s+(?:on|at)\s+node\b", re.IGNORECASE)  # ("the ADC on node adc33")
# Words before a device a circuit serves that make it where a node goes ("3 V at node sense, which goes to the ADC",
# "feeding the speaker"): what the circuit is for (PURPOSE), no circuit asked for.
DESTINATION = re.compile(r"\b(?:goes|go|going|runs?|connect(?:s|ed)?|wired|routed|sent|leads?|feeds?|feeding|into|"
                         r"drives?|driving|reaches|to|for)\s+(?:the|an?|my|our|its|their)\s+(?:[\w.-]+\s+){0,2}$",
                         re.IGNORECASE)  # ("... at node amid for my 3.3 V ADC")

# Words before a port's name: "input adc", "output pin led".
PORT_BEFORE = re.compile(r"\b(?:inputs?|outputs?|pins?|ports?)\s+$", re.IGNORECASE)

# A sensor the request states as the part it is electrically ("PT100 RTD at 100 °C (138.5 Ω) from rtd
# to ground", "Thermocouple amplifier: the junction gives 4.1 mV DC at in"): a resistance or a voltage
# in the same clause, which the request's parts carry; the circuit asked for is the rest.
SENSOR = re.compile(r"thermocouple|rtd|pt1000|pt100|thermistor|ntc|ptc", re.IGNORECASE)
STATED_AS_PART = re.compile(r"[^;]{0,60}?\d\s*(?:(?:[munpkM]|meg)?\s*(?:V|Ω|ohms?)|k|meg)\b", re.IGNORECASE)
# the same said before its name: "the 10k NTC", "a 100 Ω PT100"
VALUED = re.compile(r"\d\s*(?:(?:[kM]|meg)\s*(?:Ω|ohms?)?|Ω|ohms?)\s+$", re.IGNORECASE)


# A property a circuit's part has, said before the part ("a hysteresis divider of two equal resistors", "a two-resistor
# hysteresis network", "two cascaded Butterworth 2nd-order stages", "Miller compensation capacitor"): the role of one
# part of the circuit asked for, not a circuit of its own.
QUALITY = re.compile(r"hysteresis|butterworth|bessel|chebyshev|miller", re.IGNORECASE)
PART_AFTER = re.compile(r"[\s-]+(?:[\w-]+\s+)?(?:dividers?|resistors?|networks?|feedback|loops?|capacitors?|caps?|"
                        r"compensation|stages?|sections?|thresholds?|trip\s+points?)\b", re.IGNORECASE)


# What no circuit can do: answered with the reason, never with a circuit.
IMPOSSIBLE = re.compile(r"perpetual[- ]motion|free[- ]energy|over[- ]?unity|infinite\s+(?:power|energy|gain\s+and\s+"
                        r"bandwidth)|(?:without|no)\s+(?:any\s+)?(?:input\s+)?power\s+(?:at\s+all|source)|"
                        r"faster[- ]than[- ]light", re.IGNORECASE)


# Resistors alone neither raise a voltage above their source nor make a signal with none ("only resistors, 10 V out of
# a 1.5 V battery", "three resistors, no source of any kind, that put out a sine"): a passive network divides.
_RESISTORS_ONLY = re.compile(r"\b(?:only|just|nothing\s+but|purely|made\s+(?:only\s+)?(?:of|from))\s+(?:\w+\s+)?"
                             r"resistors\b|\bresistors?\s+only\b|\bresistors?\b[^.;]{0,20}?\bnothing\s+else\b",
                             re.IGNORECASE)
_V = r"(\d+(?:\.\d+)?)\s*v\b"
_OUT_LEVEL = re.compile(rf"{_V}(?:\s+dc)?\s+(?:at\s+(?:node\s+)?)?out(?:put)?\b|\bout(?:put)?\s+(?:of\s+)?{_V}",
                        re.IGNORECASE)
_IN_LEVEL = re.compile(rf"\b(?:from|of)\s+(?:an?\s+|the\s+)?{_V}"
                       rf"|{_V}(?:\s+dc)?\s+(?:battery|supply|source|cell|input|in\b)", re.IGNORECASE)
_NO_SOURCE = re.compile(r"\bno\s+(?:\w+\s+)?(?:source|supply|battery|power)s?\b|\bwithout\s+(?:an?\s+|any\s+)?"
                        r"(?:source|supply|battery|power)", re.IGNORECASE)
_SIGNAL_MADE = re.compile(r"\b(?:sine|square|triangle|oscillat\w*|tone|clock|signal|wave)\b", re.IGNORECASE)


def passive_impossible(description: str) -> str | None:
    """Why a resistors-only request cannot be met (more voltage out than in, a signal with no source), if it asks
    that."""
    if not _RESISTORS_ONLY.search(description):
        return None
    out, source = _OUT_LEVEL.search(description), _IN_LEVEL.search(description)
    if out and source and (high := float(out[1] or out[2])) > (low := float(source[1] or source[2])):
        return f"resistors alone cannot give {high:g} V from {low:g} V: a resistive network only divides its source"
    if _NO_SOURCE.search(description) and _SIGNAL_MADE.search(description):
        return "resistors with no source cannot put out a signal: a passive network makes nothing by itself"
    return None


# More power out than any source puts in ("delivers 10 W into the speaker while its supply only ever provides 1 W").
_WATTS = r"(?P<{0}>\d+(?:\.\d+)?\s*(?:m|k)?w)\b"
_POWER_OUT = re.compile(r"\b(?:deliver\w*|puts?\s+out|outputs?|gives?)\s+(?:\w+\s+)?" + _WATTS.format("w"),
                        re.IGNORECASE)
_POWER_IN = re.compile(r"\b(?:supply|source|battery|input)\b[^.;]{0,30}?\b(?:provides?|gives?|delivers?|supplies|"
                       r"draws?|takes?)\s+(?:only\s+)?(?:\w+\s+)?" + _WATTS.format("w")
                       + r"|\b(?:draws?|takes?|consumes?)\s+(?:only\s+)?" + _WATTS.format("w2"), re.IGNORECASE)


def power_impossible(description: str) -> str | None:
    """Why a request for more power out than its source gives cannot be met, if it asks for that."""
    out, source = _POWER_OUT.search(description), _POWER_IN.search(description)
    if not (out and source):
        return None
    delivered, drawn = out["w"], source["w"] or source["w2"]
    watts_out, watts_in = (parse_number(w.lower().rstrip("w").replace(" ", "") or "0") for w in (delivered, drawn))
    if watts_out is None or watts_in is None or watts_out <= watts_in:
        return None
    return f"{delivered} out of a source giving {drawn}: a circuit cannot deliver more power than it draws " \
           "(energy is conserved)"


# What is asked for is not a netlist: software, hardware description, board or mechanical files ("Write the Arduino
# sketch that ...", "Verilog RTL for a UART", "export Gerbers"), also named with no verb as the request's subject ("The
# STEP file of an enclosure for my amplifier": its "amplifier" is what the file is for, no circuit asked for).
NOT_A_NETLIST = re.compile(r"(?:(?P<verb>\b(?:write|draft|code|program|give\s+me|generate|produce|export|make\s+me|"
                           r"create)\b)(?:\s+[\w-]+){0,3}?\s+|^\s*(?:(?:the|an?|my|some)\s+)?)"
                           r"(?P<what>(?:arduino\s+)?sketch|firmware|source\s+code|"
                           r"(?:c|c\+\+|python|micropython)\s+(?:code|program)|verilog|vhdl|rtl|gerbers?|drill\s+files?|"
                           r"bill\s+of\s+materials|bom|step\s+files?|stl\s+files?|cad\s+(?:model|files?))\b"
                           r"(?(verb)|\s+(?:of|for)\b)", re.IGNORECASE)  # (with no verb: "... of/for" what it is for)
# A device of fiction: no physics a circuit obeys makes it ("an antigravity generator", "a warp drive").
FICTION = re.compile(r"\b(?:anti-?gravity|teleport\w*|time\s+machines?|warp\s+drives?|tractor\s+beams?|force\s+fields?"
                     r"|flux\s+capacitors?|mind[- ]read\w*|telepath\w*|invisibility|cold\s+fusion"
                     r"|alchem\w*|philosopher'?s\s+stone|(?:turn\w*|transmut\w*|chang\w+|convert\w*|make\w*)\s+"
                     r"(?:\w+\s+){0,3}?into\s+(?:solid\s+|pure\s+)?gold)\b", re.IGNORECASE)
# A quantum device's own behaviour: no classical circuit simulator computes it.
# A superconducting device by name (a Josephson junction, a SQUID, flux-quantum logic): ngspice has no model of one
# ("superconducting" alone is said of fictional parts too, which the reference's cases answer).
QUANTUM = re.compile(r"\b(?:qubits?|transmons?|decoherence|entangle\w*|bell[- ]state|quantum[- ]dot\s+cellular"
                     r"|josephson\s+junctions?|squids?|rsfq|(?:single[- ])?flux[- ]quantum\w*"
                     r"|quantum\s+flux\s+parametrons?)\b", re.IGNORECASE)


# A vacuum-tube device ("a triode phase integrator", "a pentode stage"): ngspice has no model of one and no recipe here
# builds one ("triode" said of a MOSFET is its region: "M1 in triode").
VACUUM = re.compile(r"\b(?:vacuum[- ]tubes?|thermionic\s+(?:valves?|tubes?)|pentodes?|tetrodes?|thyratrons?|magnetrons?"
                    r"|klystrons?|nixie\s+tubes?|(?<!\bin\s)(?<!\bthe\s)triodes?(?!\s+(?:region|mode|operation|regime)))\b",
                    re.IGNORECASE)
_MOS_SAID = re.compile(r"\b(?:mosfets?|[np]mos|cmos|fets?|[MJ]\d+)\b", re.IGNORECASE)


# An economy or a market: no electrical system, whatever circuit it is asked to be drawn as ("the 2008 financial crisis
# ... as an RC network, using their real balance sheets").
ECONOMY = re.compile(r"\b(?:financial\s+(?:crisis|crash|contagion|markets?)|balance\s+sheets?|"
                     r"stock\s+(?:market|prices?)|recessions?|gdp|inflation\s+rates?|interest\s+rates?)\b",
                     re.IGNORECASE)


def not_a_circuit(description: str) -> str | None:
    """Why the request asks for something no SPICE netlist is (software, a quantum device), if it does."""
    if m := NOT_A_NETLIST.search(description):
        return (f"'{m['what']}' is not a circuit: this tool writes SPICE netlists, not software, board or mechanical "
                "files")
    if m := FICTION.search(description):
        return f"'{m[0]}' is fiction, not a circuit: no netlist obeys physics that makes it"
    if m := ECONOMY.search(description):
        return (f"'{m[0]}' is no electrical system: a netlist models circuits, and its real data are not voltages and "
                "currents a circuit simulator could be given")
    if m := QUANTUM.search(description):
        return f"'{m[0]}': a quantum device's behaviour is beyond a circuit simulator (SPICE solves classical circuits)"
    if (m := VACUUM.search(description)) and not _MOS_SAID.search(description):
        return (f"no recipe for '{m[0]}': a vacuum-tube device, which ngspice has no model of and this tool builds no "
                "circuit with; describe a semiconductor equivalent, or give the tube's model and the circuit element "
                "by element")
    return None


# What any circuit request says somewhere: a figure, a quantity's unit, a part, a pin, a port, a signal or a circuit's
# noun (the families' own names are added by the caller). A request with none of them ("which stock should I buy to
# double my money?") asks for no circuit, whatever a reader of what circuits do makes of its verbs ("double": a gain).
_CIRCUIT_WORDS = re.compile(
    r"\d|\b(?:(?:kilo|mega?|giga|milli|micro|nano|pico)(?:volt|amp|ohm|farad|henr|hertz|watt)"  # "a kilohertz"
    r"|volt|amp|ohm|farad|henr|hertz|hz|watt|db|decibel|current|signal|circuit|netlist|spice|node|ground|gnd"
    r"|supply|rail|batter|resist|capacit|caps?\b|induct|coil|transform|diode|leds?\b|transistor|bjt|fet|mosfet|jfet"
    r"|cmos|nmos|pmos|npn|pnp|op-?amp|amplif|filter|oscillat|gain|frequenc|bandwidth|bias|load|input|output|sine|square"
    r"|pulse|clock|wave|logic|gate|inverter|latch|flip-?flop|comparator|regulator|converter|rectif|bridge|sensor"
    r"|thermistor|photo|speaker|motor|relay|switch|buffer|mirror|dac|adc|pwm|timer|audio|tone|noise|impedance|ac|dc"
    r"|charg|tank|resonan|ladder|divider|pump|boost|buck|trigger|vco|pll|mixer|antenna|rf|crystal|quartz|electr|analog"
    r"|digital|adders?\b|sram|memory\s+cells?|bit\s*cells?|ptat|ctat|vbe|band-?gap|solar|photovoltaic|opto|gilbert"
    r"|bias[- ]?t(?:ee)?\b)", re.IGNORECASE)


def names_no_circuit(description: str, family_words: frozenset[str]) -> str | None:
    """Why the request is no circuit request, if it names nothing of one (`family_words`: the words of the
    families' names, "multivibrator", "darlington", and the whole names, "ldo", "two-to-one mux")."""
    low = description.lower()
    if _CIRCUIT_WORDS.search(description) or family_words & set(re.findall(r"[a-z]+", low)) or \
            any(re.search(rf"(?<!\w){re.escape(name)}(?!\w)", low) for name in family_words if not name.isalpha()):
        return None
    return ("no circuit could be recognised in the description: it names no part, node, signal, value or circuit "
            "kind; this tool writes SPICE netlists (name a circuit, e.g. 'RC low-pass, cutoff 1 kHz', and its values)")


# Praise in place of a specification ("an amplifier. a nice one.", "the best circuit possible"): with no figure, no
# port, and only a generic noun for the circuit, there is nothing to build to or check against.
_PRAISE = re.compile(r"\b(?:nice|good|best|great|cool|awesome|decent|amazing|perfect|excellent)\b", re.IGNORECASE)


def too_vague(description: str, covered: list[tuple[int, int]]) -> str | None:
    """Why the request is too vague to answer: no circuit named beyond "an amplifier" or "a transistor" (`covered`:
    where the family's own words matched), no figure, and praise for a specification."""
    named = [(a, b) for a, b in covered if not re.fullmatch(_ASSUMED, description[a:b], re.IGNORECASE)]
    if named or re.search(r"\d|\b(?:nodes?|inputs?|outputs?|between)\b", description, re.IGNORECASE) \
            or not (m := _PRAISE.search(description)):
        return None
    return (f"'{description.strip()}' is too vague to build: '{m[0]}' is no specification; name the circuit's kind "
            "and at least one of its values")


# A whole product or chip (a GPU's shader core, a phone's processor, a motherboard): no netlist of ours is one.
# Asked for outright it is refused; said as what a named circuit serves ("a buck converter for a CPU core") it is not.
PRODUCT = re.compile(r"\b(?:gpus?|cpus?|graphics\s+(?:cards?|chips?|processors?)|(?:micro)?processors?|shaders?|socs?|"
                     r"systems?[- ]on[- ](?:an?[- ])?chips?|fpgas?|asics?|motherboards?|mainboards?|smartphones?|"
                     r"laptops?|computers?|game\s+consoles?|memory\s+controllers?|ddr\d\w*|base\s+stations?|"
                     # a processor line by its name: "the AMD Ryzen 9 7950X", "a Snapdragon 8 Gen 3"
                     r"ryzen|xeon|epyc|pentium|celeron|athlon|snapdragon|exynos|tegra"
                     # a maker's chip by its model: "Apple's M3 chip", "Samsung's Exynos 2400 die"
                     r"|(?:apple|intel|amd|nvidia|qualcomm|samsung|broadcom|mediatek|arm|google|ibm|tesla|sony)(?:'s)?"
                     r"\s+(?:[a-z]+\s+)?[a-z]{0,3}\d+\w*(?:\s+(?:pro|max|ultra|plus))?\s+(?:chip|die|soc)s?"
                     r")(?:\s+(?:cores?|chips?|units?))?\b", re.IGNORECASE)
# "the netlist of the ... in a GPU": the product is what is asked for, unless a circuit we build is named between.
ASKED_FOR = re.compile(r"\b(?:netlist|schematic|design|circuit|layout)s?\s+(?:of|for)\b[^.;]*$", re.IGNORECASE)
# A product a circuit is for or fed from, said right before its name: context, not what is asked for.
SERVED = re.compile(r"\b(?:for|from|into|in|on|to|by|with)\s+(?:an?\s+|the\s+|my\s+|our\s+|your\s+)?"
                    r"(?:[\w-]+\s+){0,2}$", re.IGNORECASE)


# What the circuit asked for is for, said after its noun: "a filter for a 48 kS/s ADC", "a preamp in front of the
# ADC". The thing served is context, not a second circuit to build ("a filter feeding a biquad" names two circuits).
_SERVING = (r"filters?|amplifiers?|amps?|preamps?|buffers?|stages?|drivers?|regulators?|references?|front[- ]ends?|"
            r"crossovers?|notch(?:es)?|detectors?")
_FOR = r"\s+(?:for|ahead\s+of|in\s+front\s+of)\s+(?:an?\s+|the\s+|my\s+|our\s+|your\s+)?"
FOR_WHAT = re.compile(rf"\b(?:{_SERVING}|circuits?|networks?|converters?){_FOR}(?:[\w/.'-]+\s+){{0,3}}$", re.IGNORECASE)
# "<a buffer stage> for a flash ADC": the circuit asked for is the noun before "for"; what it serves follows.
SERVES = re.compile(rf"\b(?P<noun>{_SERVING}){_FOR}", re.IGNORECASE)

# A purpose said first, then the circuit that serves it: "Three-channel audio mixer: inverting summing amp ...",
# "Anti-aliasing filter - 4th-order Butterworth low-pass ...", "Hum filter built as an active twin-T notch".
# The heading ends at the separator; the circuit's own name must open the words after it.
PURPOSE_SEPARATOR = re.compile(r"\s*(?::|\s[\u2013\u2014-]{1,2}\s|,?\s+(?:built|implemented|reali[sz]ed|made|done)\s+"
                               r"(?:as|with|from|using)\s|,?\s+using\s)\s*", re.IGNORECASE)
# The words that may open the circuit's name before the family's own words ("an inverting summing amp").
OPENING = re.compile(r"(?:(?:an?|the|one|two|three|four|\w+-order|\d\w*|single|dual|active|passive|unity-gain|"
                     r"inverting|non-inverting|simple|classic|standard|op-amp|opamp)[\s,]+){0,4}", re.IGNORECASE)
# A circuit's full name ends in its head noun: "summing amp", "Butterworth low-pass", "twin-T notch".
NAME_HEAD = re.compile(r"[^,;.:()]{0,40}?\b(?:amp|amplifier|filter|low-?pass|high-?pass|band-?pass|band-?stop|"
                       r"notch|stage|buffer|follower|integrator|differentiator|summer|rectifier|clipper|clamp|detector|"
                       r"regulator|reference|oscillator|converter|comparator|trigger|bridge|divider|network|"
                       r"mirror|source|sink|driver|doubler|pump|crossover)s?\b", re.IGNORECASE)
# A topology named in the heading is a circuit of its own ("Colpitts oscillator: common-emitter stage with ...");
# a purpose is what any circuit may serve: the generic nouns (the family must be one: an oscillator is
# not an amplifier) and what a circuit feeds, drives or stands for.
GENERIC = re.compile(r"(?:oscillator|regulator|converter|amplifier|filter)s?", re.IGNORECASE)
PURPOSE = re.compile(r"mixers?|adc|dac|leds?|light[- ]emitting|relay|motor|solenoid|speaker|headphone|antenna|"
                     r"thermocouple|thermistor|ntc|ptc|rtd|pt100|pt1000|audio\s+amplifier|power\s+amplifier|lna|"
                     r"low[- ]noise\s+amplifier|voltage\s+reference|level\s+shifter|tone\s+control",
                     re.IGNORECASE)


@dataclass(frozen=True)
class Uncovered:
    phrase: str  # the circuit the request names, as written


def uncovered(description: str, covered: list[tuple[int, int]], family) -> Uncovered | None:
    """The first circuit the request names that the chosen family's words do not cover; a product
    (a GPU, a phone's processor) when the request asks for it rather than for a circuit."""
    if product := _product(description, covered):
        return product
    if served := _served_only(description, covered, family):
        return served
    if family.accepts:  # the parts it builds cover their whole phrase ("an inverting summing amplifier" of a DAC)
        covered = covered + [m.span() for m in re.finditer(family.accepts, description, re.IGNORECASE)]
    covered = covered + _own_names(description, family)
    for m in NAMED.finditer(description):
        if any(start <= m.start() and m.end() <= stop for start, stop in covered):
            continue
        # Another name in parentheses right after the family's own: "State-variable (biquad) filter".
        if description[m.end():m.end() + 1] == ")" and \
                any(description[stop:m.start()].strip() == "(" for _, stop in covered):
            continue
        if family.accepts and re.fullmatch(family.accepts, m[0], re.IGNORECASE):
            continue
        if PART_OF.search(description[max(0, m.start() - 40):m.start()]) or MODELLED_AS.match(description, m.end()) or \
                SOURCE_NAMED.match(description, m.end()) or \
                NEGATED.search(description[max(0, m.start() - 20):m.start()]):
            continue
        if DISTURBANCE.match(description, m.end()) and not GENERIC.fullmatch(m[0]):
            continue  # "filter motor noise", "relay hum", "speaker pops": what the circuit keeps out, no circuit
        if m[0].islower() and NODE_BEFORE.search(description[max(0, m.start() - 20):m.start()]):
            continue  # "from node rtd to ground", "a current source into rtd": a node's name
        if NODE_AFTER.match(description, m.end()) or PURPOSE.fullmatch(m[0]) and DESTINATION.search(
                description[max(0, m.start() - 40):m.start()]):
            continue  # "the summing node pd", "an ADC pin", "goes to the ADC": what a node is or connects to
        if SENSOR.fullmatch(m[0]) and (STATED_AS_PART.match(description, m.end())
                                       or VALUED.search(description, 0, m.start())):
            continue
        # "amplifier"/"filter" alone are covered by any family whose words precede them
        # ("common-emitter amplifier": the pattern matched "common-emitter").
        if re.fullmatch(r"(?:oscillators?|regulators?|converters?|amplifiers?|filters?)", m[0], re.IGNORECASE) \
                and any(stop <= m.start() and not description[stop:m.start()].strip(" -") for _, stop in covered):
            continue
        noun = m[0].lower().rstrip("s")
        if noun == family.noun:
            continue
        if any(stop <= m.start() and re.fullmatch(r"[^.;:!?]*:[^.;:!?]*", description[stop:m.start()])
               for _, stop in covered):
            continue  # "Precision full-wave rectifier: half-wave precision rectifier plus summing amp": its blocks
        if FOR_WHAT.search(description, 0, m.start()) and not any(a <= m.start() < b for a, b in covered):
            continue  # "an anti-aliasing filter for a 48 kS/s ADC": what the circuit serves
        if _purpose(description, m, covered, family):
            continue
        if re.match(r"(?:'s)?\s+(?:inputs?\b|outputs?\s+(?:node|pin)\s+[a-z_]\w*)", description[m.end():], re.I):
            # "the ADC input (node adc) wants 0 to 5 V", "amplifier output node spk": the port of what the circuit
            # is fed from or feeds
            continue
        if QUALITY.fullmatch(m[0]) and PART_AFTER.match(description, m.end()):
            continue  # "a hysteresis divider", "two cascaded Butterworth 2nd-order stages": a part's role, no circuit
        if in_passing(description, m.start(), m.end(), covered):
            continue  # "a low-pass in front of the ADC", "fed a 1 kHz sawtooth", "a 4 Ω speaker": no circuit asked for
        if m[0].islower() and len(m[0]) <= 4 and PORT_BEFORE.search(description, 0, m.start()):
            continue  # "my ADC input adc wants ±2.5 V": a node's name after its port's
        tail = HEAD_NOUN.match(description, m.end())
        return Uncovered(description[m.start():tail.end() if tail else m.end()])
    return None


def _own_names(description: str, family) -> list[tuple[int, int]]:
    """Where the request writes one of the family's own names whole ("Miller integrator" is the op-amp
    integrator's): a name people give the circuit covers its words, an eponym included."""
    spelled = [r"[\s-]+".join(map(re.escape, name.split())) for name in family.names]
    return [m.span() for name in spelled
            for m in re.finditer(rf"(?<![\w-]){name}(?![\w-])", description, re.IGNORECASE)]


# The short forms of the families' head nouns ("a difference amp for a bridge" is an amplifier).
_NOUNS = {"amp": "amplifier", "preamp": "amplifier"}


def _served_only(description: str, covered: list[tuple[int, int]], family) -> Uncovered | None:
    """The circuit asked for, when the family's words name only what it serves ("a buffer stage for a flash ADC"
    chose the ADC): that circuit is not the family's, and a different circuit is never the answer."""
    if not covered:
        return None
    for m in SERVES.finditer(description):
        noun = m["noun"].lower().rstrip("s")
        if all(a >= m.end() for a, _ in covered) and _NOUNS.get(noun, noun) != family.noun \
                and not (family.accepts and re.search(family.accepts, description[:m.end("noun")], re.IGNORECASE)):
            return Uncovered(m["noun"])  # the refusal names it with its modifiers (adapt.noun_phrase)
    return None


def _purpose(description: str, m: re.Match, covered: list[tuple[int, int]], family) -> bool:
    """The named circuit is a purpose said in a heading before the circuit that serves it, whose full name
    (the family's words ending in a head noun) opens the words after the separator."""
    sep = PURPOSE_SEPARATOR.search(description, m.end())
    if sep is None or any(a < sep.start() for a, _ in covered):
        return False  # no heading, or the heading itself names the family's circuit
    opening = OPENING.match(description, sep.end())
    start = opening.end() if opening else sep.end()
    if not any(a == start for a, _ in covered) or not NAME_HEAD.match(description, start):
        return False
    if GENERIC.fullmatch(m[0]):
        return m[0].lower().rstrip("s") == family.noun
    return bool(PURPOSE.fullmatch(m[0]))


def _product(description: str, covered: list[tuple[int, int]]) -> Uncovered | None:
    """A product the request asks for: it follows "netlist of" with no circuit we build named between, or
    the request names no such circuit (the family was assumed from "transistor" or "amplifier") and does
    not say the circuit is for or from the product."""
    named = [(a, b) for a, b in covered if not re.fullmatch(_ASSUMED, description[a:b], re.IGNORECASE)]
    for m in PRODUCT.finditer(description):
        if NEGATED.search(description[max(0, m.start() - 20):m.start()]):
            continue
        asked = ASKED_FOR.search(description, 0, m.start())
        served = SERVED.search(description, 0, m.start())  # "an amplifier for a laptop's microphone"
        if asked and not any(asked.start() <= a < m.start() for a, _ in named) or not named and not served:
            return Uncovered(m[0])
    return None


# One manufactured chip's own circuit: its die's transistor-level netlist, an on-chip block of a part number
# ("the ATmega328P's internal RC oscillator"), or a deck fitted to one sample's silicon or to a maker's
# proprietary process models. No recipe builds those: the honest answer says so, never a textbook stand-in.
_PART_NUMBER = r"[A-Za-z]{1,8}-?\d{2,}[A-Za-z0-9-]*"
ONE_CHIP = re.compile(
    rf"\bproprietary\b|\bconfidential\b|\bdie\s+(?:parameters|models?|data)\b|"
    rf"\b(?:foundry|pdk|process[- ]design[- ]kit)(?:[- ]level|[- ]grade)?[- ]"
    rf"(?:accura\w*|exact\w*|models?|sign[- ]?off)\b|"
    rf"\b(?:calibrated|trimmed|matched|fitted|tuned)\s+(?:exactly\s+)?to\s+(?:match\s+)?(?:my|our|one|this|a|the)\s+"
    rf"(?:own\s+|particular\s+|specific\s+|individual\s+|exact\s+|single\s+)*(?:chip|die|part|sample|unit|device)'?s?"
    rf"(?:\s+silicon)?\b|"
    rf"\b(?:my|our|this|one)\s+(?:own\s+|particular\s+|specific\s+|individual\s+|exact\s+)*(?:chip|die|sample)'s\s+silicon\b|"
    rf"\b{_PART_NUMBER}(?:'s)?\s+(?:die|silicon)\b|"
    rf"\b(?:die|internal|on[- ]?chip|on[- ]?die|transistor[- ](?:level|for[- ]transistor))\s+(?:[\w-]+\s+){{0,4}}?"
    rf"(?:netlist|schematic|circuit(?:ry)?|oscillator|reference|design)\s+(?:of|in|inside)\s+(?:the\s+|an?\s+)?"
    rf"(?:[\w-]+\s+){{0,2}}?{_PART_NUMBER}\b|"
    rf"\b{_PART_NUMBER}'s\s+(?:internal|on[- ]?chip|on[- ]?die)\b|"
    # a product's chip named by what it is, not its number ("a specific smartphone PMIC", "a particular laptop's
    # charger IC"), or its values as the factory set them ("factory trim", "calibration fuses", "exactly as shipped")
    rf"\b(?:a|one)\s+(?:specific|particular|named|certain)\s+(?:[\w'-]+\s+){{0,3}}?"
    rf"(?:ics?|chips?|pmics?|socs?|mcus?|microcontrollers?|processors?)\b|"
    # ... or by the product it sits in ("the power-management IC inside Apple's latest MacBook"), or its drawing
    # as its maker's engineers made it
    rf"\b(?:ics?|chips?|pmics?|socs?|asics?|controllers?|dies?)\s+(?:inside|in|from|of)\s+(?:an?\s+|the\s+|my\s+)?"
    rf"(?:[\w'-]+\s+){{0,3}}?(?:macbook|iphone|ipad|pixel|galaxy|laptop|notebook|phone|smartphone|tablet|console|"
    rf"playstation|xbox|airpods?|watch|tesla|car)s?\b|"
    rf"\bas\s+(?:(?:[A-Z][\w&-]*\s+)?[A-Za-z]+(?:'s|s')|the\s+(?:vendor|manufacturer|maker)'s|its\s+(?:vendor|manufacturer|maker)'s)\s+"
    rf"(?:own\s+)?engineers\s+(?:drew|designed|laid\s+(?:it\s+)?out|made|wrote)\b|"
    rf"\b(?:factory|production|fused?|calibration|shipped)[- ](?:trim|fuses?|calibration)\w*\b|"
    rf"\btrim(?:med)?\s+(?:[\w-]+\s+)?(?:values?|codes?|settings?|bits?)\s+(?:exactly\s+)?(?:as|that|they|the\s+(?:vendor|maker|factory))\s+"
    rf"(?:\w+\s+)?(?:ship|shipped|programm\w*|fus\w*|set)\b|"
    rf"\btrim(?:med)?\s+(?:[\w-]+\s+)?(?:values?|codes?|settings?)\s+from\s+the\s+(?:factory|vendor|maker|fab)\b|"
    rf"\b(?:exactly\s+)?as\s+(?:shipped|fabricated|manufactured|taped[- ]out|(?:it\s+is\s+)?in\s+(?:the\s+)?silicon)\b|"
    # "the transistor-level internals of Apple's M3 power-management IC": a chip's own insides
    rf"\b(?:transistor[- ]level\s+)?internals\s+of\s+(?:an?\s+|the\s+)?(?:[\w'-]+\s+){{0,4}}?"
    rf"(?:ics?|chips?|pmics?|socs?|asics?|processors?)\b|"
    rf"\bthe\s+way\s+the\s+(?:factory|vendor|manufacturer|maker)\s+(?:programm|trimm|set|fus|calibrat)\w*\b|"
    # a whole processor: its maker and number ("the original Intel 8086"), or its transistors counted in thousands
    rf"\b(?:intel|amd|motorola|zilog|nvidia|qualcomm)\s+(?:[a-z0-9]+\s+){{0,2}}?\d{{3,}}\w*\b|"
    rf"\b(?:its|the|all|every\s+one\s+of\s+its)\s+\d{{1,3}}(?:,\d{{3}})+\s+transistors\b|"
    # ... or its every core drawn at transistor level ("every shader core at transistor level")
    rf"\b(?:every|each|all)\s+(?:of\s+its\s+)?(?:[\w-]+\s+){{0,2}}?(?:cores?|shaders?)\b[^.;]{{0,20}}?"
    rf"\btransistor[- ]level\b|"
    # a die or chip inside a product named by its maker ("the DAC die inside a Sony NW-ZX707 Walkman")
    rf"\b(?:dies?|ics?|chips?|asics?)\s+(?:inside|in)\s+(?:an?\s+|the\s+|my\s+)?(?-i:[A-Z][\w-]*\s+)"
    rf"(?:[\w-]+\s+){{0,2}}?{_PART_NUMBER}\b", re.IGNORECASE)


# One documented product's own board or circuit, reproduced part for part: "component for component, exactly as JPL
# built it", "with the original part numbers and values", "component values exactly as printed"
ONE_PRODUCT = re.compile(r"\bcomponent[- ]for[- ]component\b"
                         r"|\bexactly\s+as\s+(?:[\w'-]+\s+){0,4}?(?:built|printed|published|shipped|made)\b"
                         r"|\b(?:the|its|all)\s+(?:the\s+)?original\s+(?:part\s+numbers|components|parts|values)\b",
                         re.IGNORECASE)


def one_product(description: str) -> str | None:
    """The words asking for one documented product's own circuit, part for part, if the request does."""
    m = ONE_PRODUCT.search(description)
    return m[0] if m else None


def one_chip(description: str) -> str | None:
    """The words asking for one manufactured chip's own circuit or silicon, if the request does."""
    m = ONE_CHIP.search(description)
    return m[0] if m else None
