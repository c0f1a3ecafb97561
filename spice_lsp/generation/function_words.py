"""What a circuit does, said instead of its name: a bag of function concepts read from the request.

    "Add two DC signals ... and flip the sign"          -> add + invert      -> inverting summing amplifier
    "keeps the DC away ... while passing everything from 20 Hz up"
                                                        -> block low + pass high -> high-pass filter

Each concept is a small vocabulary (its synonyms), found anywhere in the request, so the words may come
in any order and any sentence shape; the set of concepts found, not one phrase, names the circuit. The
result is the words that name such a circuit ("summing amplifier"), which the family rules then read
together with the rest of the request (an op-amp, a zener, the parts given pick the variant). Pure: no
I/O, no model.
"""
from __future__ import annotations

import dataclasses
import math
import re
from dataclasses import dataclass

# --- vocabularies ---------------------------------------------------------------------------------

_HZ = r"[\d.]+\s*(?:[kmg]|meg)?\s*hz\b"
# an edge in kilohertz written as audio people do ("the hiss above roughly 5k"), never a resistance
_HZ_OR_K = rf"(?:{_HZ}|[\d.]+\s*k\b(?!\s*(?:ω|ohms?|resistors?|loads?|pull)))"
_VOLTS = r"[-+]?[\d.]+\s*(?:m|milli)?\s*(?:v|volts?)\b"
_ABOUT = r"(?:about\s+|around\s+|roughly\s+|approximately\s+|some\s+|~\s*)?"
_OPAMP = re.compile(r"\bop[- ]?amps?\b|\boperational\b")
_TRANSISTOR = re.compile(r"\b(?:npn|pnp|bjts?|bipolar|transistors?)\b")
_MOS = re.compile(r"\b(?:mosfets?|nmos|pmos|fets?)\b")
_OTHER_PARTS = re.compile(r"\b(?:op[- ]?amps?|operational|transistors?|mosfets?|bjts?|diodes?|zeners?|capacitors?"
                          r"|caps?|inductors?|coils?|leds?)\b")
_HALVES = r"(?:hal(?:f|ves)|half[- ]cycles?|parts?|lobes?|swings?)"

# Concepts read as one pattern each: (name, pattern). A concept is present when its pattern is found.
_CONCEPTS: dict[str, str] = {
    # signals added: "add two DC signals", "sum the inputs", "a plus b"; never a part added ("add a 10k load")
    "average": r"\baverag(?:e|es|ing)\s+(?:out\s+)?(?:the\s+|of\s+)?(?:two|three|four|several|\d|all)?\s*"
               r"(?:[\w.]+\s+){0,2}?(?:signals|voltages|inputs|levels|channels)\b"
               r"|\b(?:the\s+)?(?:average|mean)\s+of\s+(?:the\s+)?(?:two|three|four|several|\d|all)?\s*(?:[\w.]+\s+)?"
               r"(?:signals|voltages|inputs|levels|channels)\b"
               # the nodes listed: "the average of nodes a, b and c", "mean of x and y"
               r"|\b(?:average|mean)\s+of\s+(?:the\s+)?(?:nodes?\s+)?[a-z]\w{0,3}(?:\s*,\s*(?:node\s+)?[a-z]\w{0,3})*"
               r",?\s+(?:and|&)\s+(?:node\s+)?[a-z]\w{0,3}\b",
    "add": r"\b(?:add|adds|adding|sum|sums|summing|combin(?:e|es|ing)|total(?:s|ling)?|mix(?:es|ing)?|"
           r"blend(?:s|ing)?|merg(?:e|es|ing))\b"
           r"(?:\s+(?:up|together))?\s+(?:the\s+|two\s+|three\s+|four\s+|several\s+|both\s+|all\s+|\d\s+)?"
           r"(?:[\w.]+\s+){0,4}?(?:signals?|voltages?|inputs?|sources?|levels?|channels?|feeds?|tracks?)\b"
           r"|\bthe\s+sum\s+of\b|\badd\w*\s+(?:\w+\s+){0,3}?together\b"
           # (parts are no signals: "an op-amp plus RC", "a cap + LED")
           r"|(?<![\w.-])(?!(?:amps?|rc|caps?|leds?|res)\b)(?:v\()?[a-z]\w{0,3}\)?\s*(?:\bplus\b|\+)\s*"
           r"(?!(?:an?\s+)?(?:rc|caps?|leds?|res|resistors?|capacitors?)\b)(?:v\()?[a-z]\w{0,3}\)?(?![\w(])",
    "subtract": r"\bdifference\s+(?:between|of)\b|\bsubtract\w*"
                r"|=\s*(?:[\d.]+\s*[*x×·]?\s*)?\(?\s*v?[a-z]\w{0,3}\s*[-−]\s*v?[a-z]\w{0,3}\b"
                r"|\b(?:take|takes|taking)\s+(?:\S+\s+){1,3}?away\s+from\b"
                r"|(?:[\d.]+\s*(?:times|x|×|\*|·)?\s*)\(\s*v?[a-z]\w{0,3}\s*[-−]\s*v?[a-z]\w{0,3}\s*\)"
                # ("a minus b", not "come out as minus the sum of a and b": words, no operands)
                r"|(?<![\w.])(?!(?:as|is|be|the|and|or|of|to|it|out|by)\b)(?:v\()?[a-z]\w{0,3}\)?\s+minus\s+"
                r"(?!(?:the|a|an|one|two|three|four|five|ten)\b)(?:v\()?[a-z]\w{0,3}\)?(?![\w(])",
    # "logarithm of the input"; a log sweep, scale or spacing is an analysis, not a function
    "log": r"\blog(?:arithm\w*)?\b(?!\s*(?:-|\s)?(?:sweep|scale|spac\w*|steps?|points?|axis|frequenc\w*|plot))"
           r"|\bln\s*\(",
    "exp": r"\bantilog\w*|\bexponential(?:ly)?\s+(?:of|with|in|on)\s+(?:the\s+)?(?:input|in|voltage)\b"
           r"|\bexponent(?:ial)?\s+(?:function\s+)?of\s+(?:the\s+)?input\b",
    # the phase moved ("shift the phase by 90 degrees", "a quarter-cycle delay"); "out of phase" is an inversion
    "phase": r"\b(?:shift\w*|turn\w*|rotat\w*|delay\w*|lag\w*|lead\w*|mov\w*)\s+(?:\w+\s+){0,4}?phase\b"
             r"|(?<!of\s)(?<!in\s)\bphase\s+(?:\w+\s+){0,2}?(?:shift\w*|lag\w*|lead\w*|delay\w*|rotat\w*)"
             r"|(?<!of\s)(?<!in\s)\bphase\b[^.;]{0,40}?\b(?:by|of)\s+(?:\d+|a\s+quarter|ninety|forty[- ]five)\s*"
             r"(?:°|deg\w*|turn|cycle|\b)|\bquarter[- ](?:turn|cycle|period)\b"
             r"|\b\d+\s*(?:°|deg\w*)\s+(?:of\s+)?(?:phase\b|lead\b|lag\b|(?:phase\s+)?shift)"
             # "make my sine lag by 90 degrees": the lag said by its angle
             r"|\b(?:lag|lead|shift|delay|rotat)\w*\s+(?:it\s+|them\s+|(?:the\s+|its\s+|my\s+|node\s+)?\w+\s+)?by\s+(?:about\s+)?"
             r"(?:\d+|ninety|forty[- ]five)\s*(?:°|deg\w*)",
    # amplitude left as it is: the all-pass's flat magnitude
    "amplitude_kept": r"\b(?:amplitude|gain|magnitude|level|size|loudness|strength)\w*\b[^.;]{0,40}?"
                      r"\b(?:alone|unchanged|untouched|flat|constant|the\s+same|unaffected|intact|unity|equal)\b"
                      r"|\b(?:without|no|not)\s+(?:chang|affect|touch|alter)\w*\s+(?:the\s+|its\s+)?"
                      r"(?:amplitude|gain|magnitude|level|size)",
    # a current in, a voltage out; light is a photodiode's current ("light to volts", "photocurrent into a voltage")
    "i_to_v": r"\b(?:currents?|photocurrents?|light|illumination|brightness)\b[^.;]{0,40}?\b(?:in)?to\s+"
              r"(?:an?\s+|the\s+)?(?:proportional\s+)?(?:voltages?|volts)\b"
              r"(?!\s*(?:divider|source|reference|follower|regulator|supply))"
              r"|\bvoltage\s+(?:proportional\s+to|from)\s+(?:the\s+|a\s+)?(?:\w+\s+)?current\b"
              r"|\bcurrent\s+in\b[^.;]{0,30}?\bvoltage\s+out\b"
              r"|\bcurrents?\b[^.;]{0,30}?\b(?:in)?to\s+(?:a\s+)?(?:[\d.]+\s*(?:-|–|to)\s*)?[\d.]+\s*(?:v|volts?)\b"
              r"|\bcurrents?\s+as\s+a\s+voltage\b"
              # ("1 V of output for every 100 µA")
              # ("1 V out at tia_o for every mA": the node it comes out at between)
              r"|(?<![\w.])[\d.]+\s*(?:[mµu]\s*)?(?:v|volts?)\s+(?:(?:of\s+)?(?:output|out)\s+"
              r"(?:(?:at|on)\s+(?:node\s+)?[a-z_]\w*\s+)?)?"
              r"(?:per|for\s+(?:every|each)|/|every)\s+(?:[\d.]+\s*)?(?:[mnµu]\s*)?(?:a|amps?|\w*amps?)\b",
    "v_to_i": r"\bvoltages?\b[^.;]{0,40}?\b(?:in)?to\s+(?:an?\s+|the\s+)?(?:proportional\s+)?currents?\b"
              r"(?!\s*(?:source|mirror|sense|sink|limit\w*|meter))"
              r"|\bcurrent\s+(?:proportional\s+to|set\s+by|controlled\s+by)\s+(?:the\s+|a\s+)?"
              r"(?:input\s+|control\s+)?voltage\b"
              r"|(?<![\w.])[\d.]+\s*(?:[mnµu]\s*)?(?:a|amps?)\s+(?:per|for\s+(?:every|each)|/)\s+"
              r"(?:[\d.]+\s*)?(?:m\s*)?(?:v|volts?)\b",
    "sample": r"\bsampl\w*\b[^.;]{0,40}?\bhold\w*|\bfreez\w*\s+(?:the\s+)?(?:input|value|voltage|level)\b",
    "peak": r"\b(?:hold|holds|holding|remember\w*|captur\w*|catch\w*|track\w*|detect\w*|record\w*|keep\w*|stor\w*)"
            r"\s+(?:on\s+to\s+)?(?:the\s+|its\s+)?(?:highest|largest|biggest|peak|maximum|max|top)\b"
            # a steady level the size of the peak: "into a DC level equal to its peak", "a constant voltage at the
            # sine's crest", "a DC output that sits at the highest value the input reached"
            r"|\b(?:dc|steady|constant|flat|fixed|held)\b[^.;]{0,40}?\b(?:equal(?:s|ling)?\s+(?:to\s+)?|match\w*\s+|"
            # ("a DC level that sits close to that peak")
            r"(?:sits?|stays?|rests?)\s+(?:at|close\s+to|near|just\s+below)\s+|at\s+|of\s+)"
            r"(?:the\s+|its\s+|their\s+|that\s+)?(?:\S+\s+){0,2}?"
            r"(?:peaks?|crests?|highest|maximum|largest|top)\b"
            r"|\b(?:peaks?|crests?)\s+(?:value\s+|level\s+|voltage\s+|amplitude\s+)?(?:as|into|to)\s+(?:an?\s+)?"
            r"(?:dc|steady|constant)\b"
            r"|\b(?:sits?|stays?|rests?|remains?)\s+at\s+(?:the\s+|its\s+)?(?:peak|crest|highest|maximum|largest)\b",
    "absolute": r"\babsolute\s+value\b|\bmagnitude\s+of\s+(?:the\s+)?(?:input|signal)\b"
                r"|\b(?:flip|invert|fold|turn)\w*\s+(?:the\s+|its\s+)?negative\s+"
                r"(?:hal(?:f|ves)|parts?|half[- ]cycles?|swings?)(?:\s+of\s+(?:the\s+|its\s+)?\w+)?\s+"
                r"(?:up|positive|over|upside)",
    "rectify": r"\brectif\w*|\b(?:ac|sine|sinusoid|mains)\b[^.;]{0,30}?\b(?:in)?to\s+(?:a\s+|the\s+)?"
               r"(?:steady\s+|smooth\s+)?dc\b"
               rf"|\b(?:only|just)\b[^.;]{{0,20}}?\b(?:positive|negative|top|upper|bottom|lower)\s+{_HALVES}"
               # "the negative halves should disappear"
               rf"|\b(?:positive|negative|top|upper|bottom|lower)\s+{_HALVES}\s+(?:should\s+|must\s+|to\s+)?"
               r"(?:disappear|vanish|go\s+away|be\s+(?:removed|gone|blocked|cut))"
               # "a sine ... into a bumpy, positive-only voltage": a wave made one-signed
               r"|\b(?:ac|sine|sinusoid|mains)\b[^.;]{0,60}?\b(?:in)?to\s+(?:an?\s+|the\s+)?(?:[\w-]+,?\s+){0,2}?"
               r"(?:positive|negative)[- ]only\b"
               rf"|\bboth\s+{_HALVES}\b[^.;]{{0,50}}?\b(?:positive|the\s+same\s+(?:sign|polarity|direction))\b"
               r"|\b(?:block|remov|chop|cut|kill|drop|discard|throw\w*\s+away|ignor|suppress)\w*\s+(?:off\s+)?"
               rf"(?:the\s+|its\s+|every\s+|all\s+)?(?:negative|positive)\s+{_HALVES}",
    "integrate": r"\bintegrat(?:e|es|ing)\b|\bintegral\b|\baccumulat\w*|\brunning\s+(?:sum|total)\b",
    # a straight-line ramp out for a steady input in: an integrator, when an op-amp makes it
    "ramps": r"\b(?:ramp|climb|ris|fall|slop|mov)\w*\s+(?:up\s+|down\s+)?"
             r"(?:steadily|linearly|at\s+a\s+(?:steady|constant|fixed)\s+rate|in\s+a\s+straight\s+line)"
             # ("a ramp at ro that goes down by 1 V every millisecond", "turn a steady 1 V into a ramp")
             r"|\b(?:goes|moves|falls|rises|drops|climbs)\s+(?:up\s+|down\s+)?by\s+[\d.]+\s*(?:m|µ|u)?v\s+"
             r"(?:every|each|per|a)\b|\b(?:steady|constant|dc|fixed)\b[^.;]{0,30}?\binto\s+an?\s+ramp\b",
    "differentiate": r"\bderivative\b|\bdifferentiat(?:e|es|ed|ing|ion)\b|\brate\s+of\s+change\b"
                     r"|\bhow\s+(?:fast|quickly|steeply)\s+(?:the\s+|its\s+)?\w+\s+(?:is\s+)?(?:chang|ris|mov|vary)\w*"
                     r"|\b(?:rate|speed)\s+at\s+which\b"
                     r"|\bproportional\s+to\s+(?:the\s+|its\s+)?(?:rate|slope|speed)\b",
    # running with no input: an oscillator
    "self_running": r"\b(?:all\s+)?(?:by\s+itself|on\s+its\s+own)\b|\bwith\s+no\s+input\b|\bno\s+input\b"
                    r"|\bwithout\s+(?:an?\s+|any\s+)?input\b"
                    r"|\bnothing\s+(?:driving|feeding|at\s+(?:its|the)\s+input)\b"
                    r"|\bfree[- ]running\b|\bself[- ](?:running|starting)\b"
                    r"|(?<!not\s)(?<!no\s)(?<!never\s)\boscillat\w*"
                    # a wave that flips at a rate: "a square wave on node osc that flips about twice a second"
                    r"|\b(?:square|sine|triangle|triangular|sawtooth|clock)\b[^.;]{0,60}?\b(?:flip|toggl|switch"
                    r"|alternat|swing|cycl|repeat)\w*\s+(?:(?:about|roughly|around|at|some|approximately)\s+)*"
                    r"[\d.]+\s*(?:[kmg]|meg)?\s*hz\b"
                    r"|\b(?:generat|produc|creat)\w*\s+(?:an?\s+)?(?:clean\s+|pure\s+|steady\s+|continuous\s+)?"
                    rf"(?:{_HZ}\s+)?(?:sine|sinusoid|square|triangle|triangular|clock|tone|wave|pulse)"
                    r"|\b(?:blink|flash)\w*\s+(?:an?\s+|the\s+)?leds?\b|\bticks?\b"
                    r"|\b(?:flip|swing|toggl|alternat)\w*\s+(?:back\s+and\s+forth\s+)?between\s+(?:the\s+)?[^.;]{0,20}?\brails\b"
                    # a wave wanted that keeps going: "I want a square wave that flips back and forth once a second"
                    r"|\b(?:want|need|like|make|build|give\s+me)\s+an?\s+(?:[\d.]+\s*(?:[kmg]|meg)?\s*hz\s+)?"
                    r"(?:square|triangle|triangular|sine|sinusoid)(?:[- ]?wave)?\b[^.;]{0,30}?"
                    r"\b(?:flips?|flipping|toggl\w*|alternat\w*|switch\w*|swing\w*|goes|going)\s+back\s+and\s+forth\b",
    # a logic-level output that changes at a level of the input: a comparator
    "switches": r"\b(?:goes|go|going|switch\w*|jumps?|snaps?|flips?|swings?|toggles?|trips?|turns?|drops?|falls?|"
                r"changes?|rises?)\s+(?:back\s+)?(?:high|low|on|off)\b"
                # "node hi should go to about 3.3 V when the input is above 1.2 V": a level said for one side of another
                r"|\b(?:go|goes|sit|sits|be|reads?)\s+(?:to\s+|at\s+|near\s+)?(?:about\s+|around\s+|roughly\s+)?[\d.]+\s*v\b"
                r"[^.;]{0,40}?\b(?:when|whenever|while|once|if)\b[^.;]{0,50}?\b(?:above|over|exceeds|below|under|drops|falls|past|"
                r"beyond|climbs|rises|crosses)\b"
                # "swing between 0 and 5 V whenever the input crosses 2 V"
                r"|\bswings?\s+between\b(?:[^.;]|\.\d){0,30}?\b(?:when|whenever|each\s+time|every\s+time|as\s+soon\s+as)\b"
                r"|\blogic\s+(?:signal|level|output|high|low|one|zero|1|0)\b|\bdigital\s+(?:signal|output|level)\b"
                r"|\b(?:tells?|let(?:s)?\s+(?:me|you|us)\s+know|warns?|alerts?|flags?|signals?)\s+(?:me\s+|you\s+|us\s+)?"
                r"(?:whether|if|when)\b|\bindicat\w*\s+(?:whether|when|if)\b"
                r"|\bdecid\w*\s+(?:whether|if)\b|\bhigh\s+(?:or|/)\s+low\b|\bout\w*\s+(?:jumps|snaps|flips)\b"
                r"|\b(?:is|stays|sits|reads|becomes|be)\s+(?:logic\s+)?(?:high|low)\s+(?:while|when|whenever|if|once|as)\b"
                # "output high when the input rises above 2 V": the verb left out
                r"|\b(?:output|out|vout)\s+(?:logic\s+)?(?:high|low)\s+(?:while|when|whenever|if|once|as\s+soon\s+as)\b"
                r"|\b(?:swing|go|goes|switch|jump|snap|flip|slam)\w*\s+(?:to\s+)?(?:the\s+)?(?:positive|negative|upper|"
                r"lower|top|bottom|high|low)\s+rail\b"
                r"|\bsquar\w*\s+(?:it\s+|them\s+|the\s+\w+\s+)?up\b|\b(?:sharp|fast|crisp)\s+edges\b"
                r"|\b(?:flips?|toggles?|switch(?:es)?|changes?\s+state|changes?)\s+(?:each|every)\s+time\b",
    # which of two is bigger: "tell me which of a and b is larger", "high when a is bigger than b"
    "compare_two": r"\bwhich\s+(?:one\s+)?(?:of\s+(?:the\s+)?(?:two|both)?\s*)?(?:[\w.]+\s+){0,4}?(?:is|are)\s+"
                   r"(?:the\s+)?(?:larger|bigger|higher|greater|more\s+positive)\b"
                   r"|\b(?:high|low)\s+(?:when(?:ever)?|while|if)\s+(?:\w+\s+)?\w+\s+(?:is\s+)?"
                   r"(?:bigger|larger|higher|greater)(?:\s+than\s+(?:\w+\s+)?\w+)?\b",
    "level": rf"\b(?:past|above|over|beyond|below|under|exceeds?|cross(?:es|ing)?|reach(?:es)?|higher\s+than|"
             rf"lower\s+than|more\s+than|less\s+than)\s+(?:the\s+|a\s+)?{_ABOUT}{_VOLTS}",
    "hysteresis": r"\bhysteresis\b|\bback\s+(?:low|high|down|off|on)\b[^.;]*?\b(?:only\s+)?(?:when|once|after|below|"
                  r"under|above)\b|\btwo\s+(?:different\s+)?(?:thresholds|trip\s+points|switching\s+(?:points|levels))"
                  r"|\bnoise[- ]immun\w*|\bchatter\w*|\bdebounc\w*|\bclean\s+(?:edges?|logic|transitions|switching)",
    # (not the output's own low level: "5 V when tv drops below 1.8 V and at 0 V otherwise")
    "zero_cross": r"\bzero[- ]?cross\w*|\bcross\w*\s+(?:through\s+)?zero\b|\b(?:at|around|through)\s+(?:0|zero)\s*v\b"
                  r"(?!\s+(?:otherwise|else|below\s+it|above\s+it|the\s+rest))"
                  r"|\bsign\s+of\s+(?:the\s+)?(?:input|signal)\b",
    "window": rf"\b(?:between|inside|within)\s+(?:{_VOLTS}\s+and\s+{_VOLTS}|(?:a|the)\s+(?:window|range|band))",
    "clip": r"(?<!from\s)(?<!without\s)(?<!no\s)\bclip(?:s|ped|ping)?\b"
            r"|\blimit\w*\s+(?:the\s+)?(?:swing|output|signal|voltage|peaks?|amplitude)\b"
            r"|\bnever\s+(?:goes?\s+|gets?\s+|rises?\s+|swings?\s+|exceeds?\s+|sees?\s+)"
            r"(?:above|over|below|past|beyond|(?:any\s+)?more\s+than)\b"
            # "clamp spikes above 5 V", "limit any surge over 15 V": the part of the wave past a level taken off
            rf"|\b(?:clamp|clip|limit|cap)\w*\s+(?:the\s+|any\s+)?(?:spikes?|peaks?|transients?|surges?|overshoots?|"
            rf"swings?|signal|input|voltage)\s+(?:above|over|below|under|past|beyond)\s+{_ABOUT}{_VOLTS}"
            r"|\bcut\w*\s+off\s+the\s+(?:top|peaks?|bottom)\b|\bflat[- ]top\w*"
            r"|\bshav\w*\s+(?:off\s+)?the\s+(?:top|peaks?)"
            r"|\b(?:chop|clip|cut|lop|shave|limit)\w*\s+(?:off\s+)?(?:everything|anything|all|whatever\s+is)\s+"
            rf"(?:above|over|below|under)\s+{_ABOUT}{_VOLTS}"
            # "don't let the signal go above +3 V", "stop it from swinging past 2 V": a level the wave never passes
            # (its node named: "stop node lim from ever going above +0.7 V"; the level a diode's drop: "don't let
            # node p swing more than about a diode drop either side of ground")
            r"|\b(?:(?:don't|do\s+not|never|not)\s+let|stop\w*|prevent\w*|protect\w*|keep\w*)\s+"
            r"(?:the\s+|my\s+|its\s+|it\b\s*)?(?:[\w.]+\s+){0,5}?(?:from\s+)?(?:ever\s+)?"
            r"(?:go|get|ris|swing|climb|exceed|fall|drop|mov)\w*\s+"
            rf"(?:any\s+)?(?:(?:above|over|below|under|past|beyond|higher\s+than|lower\s+than|more\s+than)\s+{_ABOUT}"
            rf"(?:{_VOLTS}|(?:a|one)\s+diode[- ]drop)|negative\b|below\s+(?:zero|ground)\b)"
            # "must never exceed 0.7 V in either direction", "keep node lim within ±0.7 V of ground"
            rf"|\bnever\s+(?:to\s+)?exceed\w*\s+{_ABOUT}{_VOLTS}"
            rf"|\b(?:keep|hold)\w*\s+(?:node\s+)?\w+\s+within\s+(?:±|\+/?-)\s*{_VOLTS}\s+of\s+(?:ground|zero|0\s*v)\b",
    # one pulse of a stated length, each time something happens ("one 5 V pulse 10 ms long when the button is
    # pressed", "a single 2 ms pulse every time trig falls"): the one-shot (read only with a trigger, see _ONE_SHOT)
    "one_pulse": r"\b(?:one|a|single|an?\s+single)\s+(?:(?:\S+\s+){0,2}?)pulse\b[^.;]{0,30}?\b(?:[\d.]+\s*[munµ]?s|"
                 r"(?:\w+\s+)?(?:milli|micro)?seconds?)\s+(?:long|wide)\b"
                 r"|\b(?:one|a|single)\s+[\d.]+\s*[munµ]?s\s+(?:(?:long|wide)\s+)?pulse\b",
    # the whole wave moved so one extreme sits at a level: "shift it so its lowest point sits at 0 V"
    "clamp": r"\b(?:shift|mov|lift|push|rais|drop|lower|offset|slid)\w*\b[^.;]{0,60}?\b(?:lowest|bottom|minimum|"
             r"most\s+negative|negative\s+peaks?|top|highest|maximum|most\s+positive|positive\s+peaks?)\s+"
             r"(?:point\s+|value\s+|level\s+|edge\s+)?(?:sits?|is|rests?|lands?|stays?|touch\w*|ends?\s+up)\s+(?:at|on)\b"
             r"|\brestor\w*\s+(?:the\s+)?dc\b",
    # four arms, read across the middle: "four resistors in a diamond ... the voltage between the two midpoints"
    "bridge": r"\bfour\s+resistors\b[^.]{0,60}?\b(?:diamond|square|ring|loop)\b"
              r"|\b(?:voltage|difference)\s+between\s+(?:the\s+)?(?:two\s+)?(?:mid-?points|middles|cent(?:er|re)\s+taps"
              r"|taps|junctions)\b",
    # "recover the envelope of the AM signal": the diode peak (envelope) detector
    "envelope": r"\b(?:recover|extract|detect|follow|track|get|demodulat)\w*\s+(?:the\s+|its\s+)?envelope\b"
                r"|\benvelope\s+of\s+(?:the\s+|an?\s+|my\s+)?(?:am|amplitude[- ]modulated)\b",
    # "shift a 0-3.3 V logic signal up to 0-5 V": a logic level translated to a higher supply
    "level_shift": r"\b(?:shift|translat|convert|bring|rais)\w*\s+(?:\S+\s+){0,5}?logic\b[^.;]{0,40}?\b(?:in)?to\s+"
                   r"(?:0\s*(?:-|to)\s*)?[\d.]+\s*v\b"
                   r"|\b[\d.]+\s*v\s+logic\b[^.;]{0,40}?\b(?:shift|translat|convert)\w*\s+(?:\S+\s+){0,3}?to\s+[\d.]+\s*v\b",
    "logic_not": r"\blogical(?:ly)?\s+(?:opposite|inverse|invert\w*|not|complement)\b|\b(?:not|inverter)\s+gate\b"
                 r"|\b(?:flip|invert|negat|complement|revers|toggl)\w*\s+(?:an?\s+|the\s+|my\s+|its\s+|each\s+)?"
                 r"(?:logic(?:al)?|digital|binary)\s+(?:level|signal|state|value|bit|input)s?\b",
    # a diode that breaks down at a stated voltage, holding a node there: the zener shunt regulator
    # a supply put in the wrong way round: "keep the circuit safe if the battery is connected backwards"
    "reversed": r"\b(?:connect|plugg|insert|wir|hook|put)\w*\s+(?:in\s+|up\s+)?"
                r"(?:backwards?|the\s+wrong\s+way(?:\s+round)?|in\s+reverse|reversed)\b|\b(?:backwards?|reversed)\s+(?:battery|supply|polarity)\b",
    "breakdown": r"\bdiode\s+(?:that|which)\s+(?:breaks\s+down|conducts\s+in\s+reverse)\b"
                 r"|\b(?:reverse[- ])?breakdown\s+diode\b",
    # a current held whatever the load, a current copied: the current source and the mirror
    "steady_current": r"\b(?:sink|source|deliver|give|supply|push|drive|force)\w*\s+(?:a\s+)?"
                      r"(?:constant\s+|steady\s+|fixed\s+)?[\d.]+\s*[mµu]?a\b[^.;]{0,60}?"
                      r"\b(?:regardless|whatever|independent|no\s+matter|up\s+to)\b"
                      # "a constant 1 mA through whatever load I connect": the current held, no verb
                      r"|\bcurrent\s+of\s+(?:about\s+|roughly\s+|around\s+)?[\d.]+\s*[mµu]?a\b[^.;]{0,60}?"
                      r"\b(?:regardless|whatever|independent|no\s+matter)\b"
                      r"|\b(?:constant|steady|fixed)\s+[\d.]+\s*[mµu]?a\b[^.;]{0,40}?"
                      r"\b(?:regardless|whatever|independent|no\s+matter|any\s+load)\b"
                      # "I need 2 mA to flow through whatever I hang between node ld and ground"
                      r"|(?<![\w.])[\d.]+\s*[mµu]?a\s+(?:to\s+)?(?:flow|run|go|pass)\w*\s+(?:through|into)\s+"
                      r"(?:whatever|anything|any\s+(?:load|resistor|resistance))\b"
                      # "3 mA through the LED string between k and ground whatever its voltage"
                      r"|(?<![\w.])[\d.]+\s*[mµu]?a\s+(?:through|into)\b[^.;]{0,60}?"
                      r"\b(?:regardless|whatever|no\s+matter|independent)\b",
    "copied_current": r"\bcop(?:y|ies|ying)\s+(?:the\s+|a\s+)?(?:[\d.]+\s*[mµu]?a\s+)?(?:reference\s+)?current\b"
                      # "a current that mirrors the 1 mA flowing in node ref"
                      r"|\b(?:mirror|copi|copy|repeat|replicat)\w*\s+(?:the\s+|a\s+)?[\d.]+\s*[mµu]?a\b",
    # resistors and nothing else: "5 V at out from the 12 V at in using two resistors", "two equal resistors"
    "two_resistors": r"\b(?:two|2)\s+(?:equal\s+|identical\s+|matched\s+)?resistors\b"
                     r"|\b(?:just|only|nothing\s+but|purely|simply)\s+(?:a\s+few\s+|some\s+|plain\s+)?resistors\b"
                     r"|\bresistors\s+only\b",
    # a voltage held whatever the input or load does: a regulator
    "hold": rf"\b(?:hold|holds|held|holding|keep|keeps|kept|keeping|maintain\w*|stay\w*|steady|constant|stable|"
            # (never an unregulated level: "regulator: unregulated 20 V input" holds no 20 V)
            rf"stabili[sz]\w*|fixed|pin|pins|pinned|pinning|sit|sits|sitting|(?<!un)regulat\w*|locked)\b"
            rf"(?:(?!\bunregulated\b)[^.;]){{0,30}}?{_VOLTS}(?!\s+(?:dc\s+)?(?:by|unregulated|raw)\b)"
            rf"|{_VOLTS}[^.;]{{0,20}}?\b(?:steady|constant|stable|fixed|regulated)\b"
            # "a 3.3 V rail ... that does not sag under load"
            rf"|{_VOLTS}\s+(?:rail|supply|output|line)\b[^.;]{{0,60}}?\b(?:doesn't|does\s+not|won't|never|without)\s+"
            r"(?:sag|droop|dip|drop|fall|collaps)\w*",
    "varies": r"\b(?:wander\w*|var(?:y|ies|ied|ying)|drift\w*|fluctuat\w*|chang(?:e|es|ing)|swing\w*|sag\w*|"
              r"rang(?:e|es|ing)|bounc\w*|anywhere|whatever|regardless|independent\w*|even\s+(?:as|when|if|though))\b"
              r"|\bno\s+matter\b|\bwhether\s+(?:the\s+)?(?:supply|input|battery|load|source|vin)\b"
              r"|\bload\s+(?:steps?|changes?|transients?)\b"
              # the input's range: "a Li-ion cell (3.6 to 4.2 V)", "input from 8 to 15 V"
              r"|\b(?:input|supply|battery|cell|vin|unregulated|raw)\b[^.;]{0,20}?(?<![\w.])\d+(?:\.\d+)?\s*(?:v\s*)?"
              r"(?:to|and|-|–)\s*\d+(?:\.\d+)?\s*(?:v|volts?)\b|\b(?:wobbl|unsteady|noisy|dirty|unregulated)\w*\b",
    # a lag: slow, smoothed, a step reached in a time, a capacitor charged through a resistor
    "lag": r"\bdelay\w*\s+(?:the\s+|a\s+|its\s+|each\s+)?(?:rising\s+|falling\s+)?(?:edges?|steps?|transitions?)\b"
           r"|\blazil\w*|\bsluggish\w*|\bslowly\b|\bwith\s+a\s+lag\b|\blags?\s+behind\b|\btime\s+constant\b"
           r"|\bsmooth(?:s|ed|ing)?\s+(?:out\s+)?(?:the\s+)?(?:signal|input|steps?|edges?|pwm|ripple|noise)\b"
           # "soften the edges of a logic signal", "round off its corners"
           r"|\b(?:soften|round)\w*\s+(?:off\s+)?(?:the\s+|its\s+)?(?:edges?|corners?|transitions?|steps?)\b"
           r"|\b(?:rounded|softened|smoothed)\s+(?:copy|version)\b"
           r"|\btakes?\s+(?:about\s+|around\s+|roughly\s+)?[\d.]+\s*[munµ]?s\s+to\s+go\s+from\s+\d+\s*%\s+to\s+\d+\s*%"
           r"|\btakes?\s+(?:about\s+|around\s+|roughly\s+)?[\d.]+\s*[munµ]?s\s+to\s+(?:reach|settle|charge|rise|fall)\b"
           r"|\bslow\w*\s+(?:down\s+)?(?:the\s+|its\s+)?(?:edges?|transitions?|rise|steps?)\b"
           # "give me just its average at node dcout": a square's mean level, what a low-pass leaves of it
           r"|\b(?:just|only)\s+(?:its|the(?:ir)?)\s+(?:average|mean)\b(?!\s+(?:power|current))"
           # "out gets to 2.5 V roughly 1 ms after in does", "deb crosses half the supply 10 ms after btn"
           r"|\b(?:reach\w*|gets?\s+to|getting\s+to|cross\w*|hits?|climbs?\s+to|rises?\s+to|pass(?:es|ing)?)\b"
           r"(?:[^.;]|\.\d){0,40}?\b"
           r"(?:about\s+|around\s+|roughly\s+|some\s+)?[\d.]+\s*[munµ]?s\s+(?:after(?:wards?)?|later|behind)\b"
           r"|\b(?:reach\w*|gets?(?:\s+to)?|getting(?:\s+to)?)\s+(?:about\s+|around\s+|roughly\s+)?\d+(?:\.\d+)?\s*%\s+"
           r"(?:of\s+(?:\S+\s+){1,4}?)?(?:(?:after|in|within)\b|[\d.]+\s*[munµ]?s\s+(?:later|after(?:wards?)?)\b)"
           r"|\bcharg\w*\s+(?:a|the)\s+(?:[\w.]+\s+){0,2}?cap\w*\s+(?:up\s+)?(?:through|via)\b"
           # "stay below 2.5 V for about 10 ms after power-up": a level not reached for a time
           r"|\b(?:stay|remain)\w*\s+(?:low\s*[(,]?\s*)?(?:below|under|beneath|lower\s+than|less\s+than)\s+"
           r"(?:[^.;]|\.\d){0,30}?\bfor\s+"
           r"(?:about\s+|around\s+|roughly\s+|at\s+least\s+)?[\d.]+\s*[munµ]?s\b"
           r"|\bhow\s+(?:fast|long|quickly|soon)\b[^.;?]{0,40}?\bcharg\w*"
           r"|\bcharg\w*\s+(?:it\s+|them\s+|the\s+cap\w*\s+)?(?:up\s+)?to\s+(?:about\s+|roughly\s+)?\d+(?:\.\d+)?\s*%"
           r"|\bcharg\w*\s+(?:a|the|my)\s+[^.;]{0,20}?\bcap\w*\b[^.;]{0,40}?\b(?:through|via)\b"
           r"|\bhow\s+long\b[^.;?]{0,20}?\b(?:to|until|till|before)\s+(?:it\s+)?(?:reach\w*\s+|gets?\s+to\s+)?"
           r"(?:about\s+)?\d+(?:\.\d+)?\s*%"
           r"|\bthrough\s+(?:an?\s+)?[\d.]+\s*(?:k|meg)?\s*(?:ω|ohms?)?\s+(?:resistor\s+)?(?:in)?to\s+(?:an?\s+|the\s+)?"
           r"[\d.]+\s*[munpµ]\s*f?\b"
           r"|\bcap\w*\b[^.;]{0,60}?\b(?:grounded|to\s+ground)\b[^.]{0,40}?\bfed\s+(?:from\s+\w+\s+)?(?:through|via)\b",
    "copy": r"\bcop(?:y|ies|ied|ying)\b|\bmirror(?:s|ed|ing)?\s+(?:the\s+|its\s+)?(?:input|signal|voltage)\b"
            r"|(?<!as\s)\bfollow(?:s|ed|er)?\b|\btrack(?:s|ed|ing)?\b|\breplicat\w*"
            r"|\breproduc\w*|\bbuffer(?:s|ed|ing)?\b|\bisolat\w*\s+(?:the\s+)?(?:source|input|load|stage|signal)"
            r"|\bunity[- ]gain\b(?![- ](?:bandwidth|frequency|freq))"
            r"|\bgain\s+(?:of\s+)?(?:exactly\s+)?(?:one|1|unity)\b(?![.,]\d)|\b(?:same|equal|identical)\s+(?:\w+\s+)?(?:as|to)\s+(?:the\s+|its\s+)?input\b"
            # "the voltage at node b exactly equal to node a"
            r"|\b(?:exactly\s+)?(?:equal|identical)\s+to\s+(?:the\s+voltage\s+(?:at|on)\s+)?node\s+\w+"
            r"|\bwithout\s+loading\b|\b(?:doesn't|does\s+not|won't|never)\s+load\b"
            # "that same voltage on node adc without dragging the wiper down"
            r"|\b(?:that\s+|the\s+|its\s+)same\s+(?:voltage|level|signal)\b[^.;]{0,60}?\bwithout\s+"
            r"(?:drag|pull|load|disturb|upset|sag)\w*"
            r"|\boutput\s+(?:feeds|fed|goes|tied|connected|wired|returns)\s+(?:straight\s+|directly\s+)?(?:back\s+)?to\s+"
            r"(?:its\s+)?(?:own\s+)?(?:inverting|minus|negative|-)\s+input\b",
    "drive": r"\bdriv\w*\s+(?:a\s+|an\s+)?"
             r"(?:heavy|low[- ]impedance|low[- ]resistance|hungry|big|[\d.]+\s*(?:ω|ohms?|r)\b)"
             r"|\bheavy\s+loads?\b|\blow\s+output\s+impedance\b|\bwithout\s+(?:sagging|drooping)\b"
             r"|\b(?:doesn't|does\s+not|won't)\s+(?:pull|drag)\s+(?:it\s+)?down\b",
    "scale_up": r"(?<!without\s)(?<!not\s)(?<!n't\s)(?<!never\s)"
                r"\b(?:amplif(?:y|ies|ied|ying)|boost(?:s|ed|ing)?|magnif(?:y|ies|ied|ying)|louder)\b(?!\s+converter)"
                # a level raised by a figure in dB: "bring the level up by 26 dB", "raise it by 12 dB"
                r"|\b(?:bring|turn|push|step|jack|crank)\w*\s+(?:(?!down\b)\S+\s+){0,7}?up\s+by\s+[\d.]+\s*db\b"
                r"|\b(?:rais|increas|lift)\w*\s+(?:(?!down\b)\S+\s+){0,7}?by\s+[\d.]+\s*db\b"
                r"|\b(?:bigger|larger)\s+than\s+(?:the\s+)?input\b"
                r"|\b(?:[\d.]+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|fifty|hundred)\s+"
                # (a product of two numbers, "17 times 23", is arithmetic, no gain)
                r"times\b(?!\s+(?:a|per|every|each)\s+second)(?!\s+[\d.]+(?![\d.]*\s*[a-z%µ]))"
                r"|\btwice\b(?!\s+(?:a|per|every|each)\s+second)"
                # (a frequency doubled is no level made bigger)
                r"|\bdoubl(?:e|es|ed|ing)\b(?!\s+(?:the\s+|its\s+)?(?:frequency|rate|pitch|speed))|"
                r"\btripl(?:e|es|ed|ing)\b|(?<![\w.])[\d.]+\s*(?:x|×|\*)\s*v?(?:in|input|vin|v\(in\))\b",
    "divide": r"\b(?:an?|one|two)\s+(?:half|third|quarter|fifth|tenth)s?\s+of\b|\bhalv(?:e|ed|ing)\b"
              # "a copy one tenth the size", "a third as loud"
              r"|\b(?:an?|one|two)[\s-]+(?:half|third|quarter|fifth|tenth)s?\s+(?:(?:the|its)\s+(?:size|level|"
              r"amplitude|voltage|height)|as\s+(?:big|large|loud|high|strong))\b"
              r"|\b(?:quarter|third)(?:s|ed|ing)?\s+(?:it|the|its|my)\s+(?:signal|input|voltage|level|amplitude)\b"
              r"|\bhalves\s+(?:the|it|its|a|my)\b"
              # a loss in dB: "cut the level by 20 dB", "12 dB of attenuation"
              r"|\b(?:cut|reduc|attenuat|drop|lower|knock|bring)\w*\s+(?:(?!up\b)\S+\s+){0,7}?by\s+[\d.]+\s*db\b"
              r"|\b[\d.]+\s*db\s+(?:of\s+)?(?:attenuation|loss)\b"
              r"|\bhalf\s+(?:of\s+)?(?:the\s+|its\s+)?(?:supply|rail|input|voltage|battery)\b"
              r"|\bmid[- ]?(?:rail|point|supply|way|scale)\b|\bmiddle\s+(?:rail|point|voltage)\b|\bhalfway\b"
              r"|\bscal\w*\s+(?:\S+\s+){0,6}?down\b"
              r"|\b(?:knock|bring|drop|step|take|cut)\w*\s+(?:\S+\s+){0,6}?down\s+to\b"
              r"|\bdivid\w*\s+(?:\S+\s+){0,6}?by\b|\bfraction\s+of\b|\btap\s+off\b",
}
_CONCEPT_RES = {name: re.compile(p) for name, p in _CONCEPTS.items()}

_BANDS = r"(?:end|frequenc\w*|tones?|notes?|pitch\w*|stuff|band|part)"
# Frequencies named as low or high, and the verbs that pass or block them: the filter kind is which
# side passes ("lets the lows through", "cuts everything above 800 Hz", "keeps the DC away").
_LOW = re.compile(
    rf"\b(?:dc|d\.c\.|offset|bass|lows|rumble|low(?:er)?[- ]{_BANDS})\b"
    rf"|\b(?:below|under|beneath|lower\s+than|less\s+than|slower\s+than|up\s+to)\s+{_ABOUT}{_HZ_OR_K}"
    rf"|{_HZ}\s+(?:and|or)\s+(?:below|under|lower|less)\b")
_HIGH = re.compile(
    rf"\b(?:treble|highs|hiss|high(?:er)?[- ]{_BANDS})\b"
    rf"|\b(?:above|over|beyond|higher\s+than|more\s+than|faster\s+than)\s+{_ABOUT}{_HZ_OR_K}"
    rf"|{_HZ}\s+(?:and\s+|or\s+)?(?:up(?:wards?)?|above|higher|more|onwards?)\b")
_TAKEN_OUT = "|".join(rf"(?<=\b{verb}\s)"
                      for verb in ("kill", "kills", "reject", "rejects", "nulls", "notches", "cancels"))
_BAND = re.compile(rf"\b(?:narrow\s+)?band\b(?![- ]?(?:pass|stop|width))|\bbetween\s+{_HZ}\s+and\s+{_HZ}"
                   rf"|(?<![\w.])[\d.]+\s*(?:[kmg]|meg)?\s*(?:hz\s*)?(?:to|-|–)\s*{_HZ}"
                   rf"|\b(?:around|near|centred\s+on|centered\s+on|centred\s+at|centered\s+at)\s+{_ABOUT}{_HZ}"
                   r"|\b(?:single|one)\s+frequency\b|\bhum\b|\bwhine\b|\bbuzz\b|\bmains\b"
                   # one tone, or a frequency named before ("... 60 Hz ...; kill that frequency")
                   r"|\btones?\b|\b(?:that|this|the\s+same)\s+(?:one\s+)?(?:frequency|tone|note)\b"
                   # "digs a deep hole right at 50 Hz", "a null at 60 Hz": one frequency taken out
                   rf"|\b(?:hole|dip|null|gap|trough)\s+(?:right\s+|exactly\s+|just\s+)?(?:at|on)\s+{_HZ}"
                   r"|\b(?:it|that|this)\b(?=\s+(?:out|off|away)\b)"  # "... a 60 Hz hum. Notch it out"
                   rf"|(?<=hz\s)\s*(?:component|carrier|note)\b"
                   # "kills 60 Hz", "rejects 1 kHz": one frequency taken out (not "kills 10 kHz and up": a side), the
                   # figure matched after its verb, which governs it
                   rf"|(?:{_TAKEN_OUT}){_HZ}(?!\s*(?:and|or|\+)\s*(?:up|above|higher|down|below|lower))")
_HOLE = re.compile(r"hole|dip|null|gap|trough")
_PASS = re.compile(r"\b(?:let|lets|letting|pass|passes|passing|passed|keep|keeps|keeping|leav\w*|allow\w*|admit\w*"
                   r"|preserv\w*|surviv\w*|stays?|remains?|untouched|intact"
                   r"|retain\w*|transmit\w*|select\w*|want|wants|need|needs|through|make\s+it"
                   r"|(?:pick|single)\w*\s+(?:(?:it|them|that|this)\s+)?out|isolat\w*|extract\w*|care\s+about)\b"
                   r"|\bonly\b(?=\s+(?:the\s+)?(?:frequencies|signals|tones|content)\b)")
_BLOCK = re.compile(r"\b(?:block\w*|stop\w*|remov\w*|cut\w*|kill\w*|reject\w*|attenuat\w*|suppress\w*|eliminat\w*"
                    r"|strip\w*|trap\w*|notch\w*|tame[sd]?|damp\w*|filter\w*\s+out|get\w*\s+rid|roll\w*\s+off"
                    r"|knock\w*\s+(?:out|down)|tak\w*\s+out|throw\w*\s+(?:away|out)|thrown\s+(?:away|out)|drop\w*"
                    r"|discard\w*|ditch\w*|dump\w*|go(?:es)?\s+away|disappear\w*|vanish\w*"
                    # "take the DC off the signal", "take the hiss away": the verb, its object between
                    r"|(?:tak|knock|throw|filter|get|cut|strip)\w*(?=\s+(?:\S+\s+){1,4}?(?:off|away|out)\b))\b")
_SWEPT = re.compile(r"\b(?:sweep\w*|analys[ie]s|simulat\w*|plot\w*|ac|run)\b[^,;.]*$")
_LEVEL_DC = re.compile(r"d\.?c\b")
_NOT_DC_SIGNAL = re.compile(r"\.?\s+(?:sweep|analysis|operating|bias|solution|transfer|source|supply|path|level|gain)")
# "keeps DC away"; not "keep the rumble and throw away the rest", where another verb's object follows
# (the DC's node may come between: "keep the DC on node src away from node amp_in")
# ("keep the DC on the mic line (node micin) out of ...": a node named in parentheses on the way)
_AWAY = re.compile(r"\s*(?:(?!(?:and|but|or|then|while)\b)(?:\w[\w']*|\(\s*node\s+\w+\s*\))\s+){0,6}?"
                   r"(?:away|out|off|at\s+bay)\b")
# (a result clause has its own verb: "strip everything below 300 Hz so only the treble makes it through")
_CLAUSE = re.compile(r"[,;:()]|\.(?:\s|$)|\s[-\u2013\u2014]\s|\b(?:while|but|and\s+(?:then\s+)?(?:starts?|begins?))\b"
                     # ("... blocked and everything from 10 kHz up let through": a second thing said of its own)
                     r"|\band\s+(?=(?:everything|anything|all|whatever|the\s+rest)\b)"
                     r"|\bso\s+(?:that\s+)?(?!(?:much|many|far|long|as|called|on)\b)(?=[a-z])")


# what may stand between a clause's comma and a figure set off after it ("the low rumble, roughly everything under
# 180 Hz", "the lows, i.e. anything below 2k"): no verb of its own, so the clause's verb governs it
_APPOSED = re.compile(r"[\s-]*(?:(?:roughly|about|around|approximately|say|basically|so|like|i\.?e\.?|that\s+is|"
                      r"meaning|everything|anything|all|whatever|the|stuff|frequencies|content|signals?|is)[\s,-]*)*")


def _passes(low: str, m: re.Match) -> bool | None:
    """Whether the verb governing a frequency mention passes it (True), blocks it (False), or none governs."""
    # "so no DC gets across", "the speaker must never see any DC"
    if re.search(r"\b(?:no|zero|without|never\s+(?:sees?|gets?|receives?|passe?s?)(?:\s+any)?)\s+"
                 r"(?:its\s+|the\s+|any\s+)?$", low[:m.start()]):
        return False
    # "keep my speaker from seeing DC", "protect the input from the hum": kept away
    if not m[0][:1].isdigit() and re.search(
            r"\b(?:keep|stop|prevent|protect|shield|guard)\w*\s+(?!everything|anything|all\b|frequenc|signals?\b|content)"
            r"(?:\S+\s+){1,5}?from\s+(?:\w+ing\s+)?"
            r"(?:any\s+|the\s+|its\s+)?(?:[\d.]+\s*(?:[kmg]|meg)?\s*hz\s+)?$", low[:m.start()]):
        return False
    # "nothing above 15 kHz gets through", "no frequencies below 50 Hz should be cut": the verb's sense reversed
    negated = re.search(r"\b(?:nothing|none|no\s+(?:frequenc\w*|signals?|content|tones?))\s+(?:\w+\s+)?$"
                        # "kill everything except the 5 kHz tone": the verb's sense reversed for what it excepts
                        r"|\b(?:except|other\s+than|apart\s+from|besides|save\s+for)\s+(?:for\s+)?(?:the\s+|an?\s+)?"
                        r"(?:[\w.]+\s+){0,3}$", low[:m.start()])
    cuts = list(_CLAUSE.finditer(low, 0, m.start()))
    start = cuts[-1].end() if cuts else 0
    if cuts and cuts[-1][0] == ":" and (head := re.search(r"(\w+)\s*$", low[:cuts[-1].start()])):
        start = head.start(1)  # "- passes: above 5 kHz": the heading's verb governs its item
    end = next((c.start() for c in _CLAUSE.finditer(low, m.end())), len(low))
    # (a verb's look-ahead may read past the figure: "take the DC off")
    verbs = [(v.start(), v) for v in (*_PASS.finditer(low, start), *_BLOCK.finditer(low, start))
             if v.start() < m.start()]
    if not verbs:  # "frequencies above 2 kHz should pass", "anything below 50 Hz is blocked"
        verbs = [(-v.start(), v) for v in (*_PASS.finditer(low, m.end(), end), *_BLOCK.finditer(low, m.end(), end))]
    if not verbs and cuts and cuts[-1][0] in ",:" and _APPOSED.fullmatch(low, cuts[-1].end(), m.start()):
        # a figure set off after a clause ("let the lows through, up to about 1 kHz") is what that clause's verb does
        before = cuts[-2].end() if len(cuts) > 1 else 0
        verbs = [(v.start(), v) for v in (*_PASS.finditer(low, before, cuts[-1].start()),
                                          *_BLOCK.finditer(low, before, cuts[-1].start()))]
    if not verbs:
        return None
    verb = max(verbs, key=lambda x: x[0])[1]
    # ("I want the low-frequency junk (hum, drift) blocked": a wish names what it is, the verb after what happens)
    # (its aside skipped: "junk (hum, drift) blocked")
    rest = re.sub(r"\([^()]*\)", lambda a: " " * len(a[0]), low[m.end():])
    rest = rest[:next((c.start() for c in _CLAUSE.finditer(rest)), len(rest))]
    after = [v for v in (*_PASS.finditer(rest), *_BLOCK.finditer(rest)) if not _WISH.fullmatch(v[0])]
    if _WISH.fullmatch(verb[0]) and after:
        verb = min(after, key=lambda v: v.start())
    passed = verb.re is not _BLOCK and not (verb[0].startswith("keep") and _AWAY.match(low, m.end()))  # "keeps DC away"
    return passed != bool(negated)


_WISH = re.compile(r"wants?|needs?")  # a verb of _PASS that only names what the request is about


def _band_figure(low: str, passed: bool) -> re.Match | None:
    """The frequency of the band passed (or blocked): the figure of a band word the verbs pass (block), else the
    last figure before it that no verb passes ("60 Hz is ruining it; kill that frequency")."""
    for band in _BAND.finditer(low):
        if _passes(low, band) is not passed:
            continue
        if m := re.search(rf"(?<![\w.]){_NUM}\s*hz\b(?=\s+(?:[\w-]+\s+)?{re.escape(band[0])})", low[:band.end()]):
            return m
        figures = re.finditer(rf"(?<![\w.]){_NUM}\s*hz\b", low[:band.start()])
        if before := [f for f in figures if _passes(low, f) is not True]:
            return before[-1]
    return None


def _filter(low: str) -> tuple[str, str] | None:
    """(the words, the filter) when the request says which frequencies pass and which are blocked."""
    # coupling passes the signal, not its DC; a transistor's input coupled so is that stage's coupling capacitor
    stage = _TRANSISTOR.search(low) or _MOS.search(low)
    if (m := re.search(r"\bac[- ]?coupl\w*|\bdc[- ]?block\w*", low)) and not stage:
        return m[0], "high-pass filter"
    votes: dict[str, list[str]] = {"low-pass filter": [], "high-pass filter": [], "band-pass filter": [],
                                   "notch filter": []}
    for side, pattern in (("low", _LOW), ("high", _HIGH), ("band", _BAND)):
        for m in pattern.finditer(low):
            if side == "band" and _SWEPT.search(low, 0, m.start()):
                continue  # "AC sweep 10 Hz to 1 MHz": the analysis's range, no pass band
            if side == "band" and re.match(r"(?:it|that|this|the\s+same)\b", m[0]) and (
                    not re.search(r"[\d.]\s*(?:[kmg]|meg)?\s*hz\b", low[:m.start()])
                    or re.fullmatch(r"it|that|this", m[0])
                    and not re.search(rf"(?:{_BLOCK.pattern})\s+$", low[:m.start()])):
                continue  # "keep it out of the ADC", "pick it out": no frequency named before, or not one removed
            if _LEVEL_DC.match(low, m.start()) and (re.search(r"(?:[\d.]\s*(?:[mk]\s*)?v?|\bv)\s*$", low[:m.start()])
                                                    or _NOT_DC_SIGNAL.match(low, m.end())):
                continue  # "2 V DC", "a DC sweep": a source's level or an analysis, no frequency band
            # a hole, dip or null at a frequency is that frequency taken out, whatever verb puts it there
            passed = False if side == "band" and _HOLE.match(m[0]) else _passes(low, m)
            if passed is None:
                continue
            kind = {("low", True): "low-pass filter", ("low", False): "high-pass filter",
                    ("high", True): "high-pass filter", ("high", False): "low-pass filter",
                    ("band", True): "band-pass filter", ("band", False): "notch filter"}[side, passed]
            votes[kind].append(m[0])
    if votes["low-pass filter"] and votes["high-pass filter"]:  # "block DC and cut everything above 10 kHz"
        return " ... ".join(votes["high-pass filter"] + votes["low-pass filter"]), "band-pass filter"
    if votes["band-pass filter"] and votes["notch filter"]:  # "kill the 60 Hz hum but let voice near 1 kHz through"
        return " ... ".join(votes["notch filter"]), "notch filter"
    said = next(((words, kind) for kind, words in votes.items() if words), None)
    return (" ... ".join(said[0]), said[1]) if said else None


_SHAPES = r"(square|step|pulse|triangle|triangular|ramp|sawtooth|saw|sine|sinusoid)"
# "turn the square wave into a triangle", "make a triangle out of the square": the shape in and the shape out
# (the wave's figures may come between: "out of the 1 kHz, 2 V-peak square")
_WAVE_WORDS = r"(?:an?\s+|the\s+)?(?:[\w.,%±+-]+\s+){0,5}?"
# "node boom should be ten times whatever is on node tiny", "y must equal 3 times the voltage at x": one node's level a
# multiple of another's, the first the output, the second the input
_SCALED_COPY = re.compile(r"\b(?:node\s+)?(?P<o>[a-z_]\w*)\s+"
                          r"(?:(?:should|must|will|shall|has\s+to|is\s+to|needs?\s+to|to)\s+)?"
                          r"(?:be|equal|read|give|show)s?\s+(?:about\s+|roughly\s+|exactly\s+)?\S+\s+times\s+"
                          r"(?:whatever\s+(?:is|sits|appears)\s+(?:on|at)|what(?:'s|\s+is)\s+(?:on|at)|the\s+(?:voltage|level|"
                          r"signal)\s+(?:on|at|of))\s+(?:node\s+)?(?P<i>[a-z_]\w*)")
_NOT_PORTS = {"it", "that", "this", "the", "a", "an", "which", "what", "and", "is", "to"}
# "make my sensor signal at s_in ten times bigger at s_out": the signal's node, then the node it is to be bigger at
_SCALED_SIGNAL = re.compile(r"\bsignal\s+(?:at|on)\s+(?:node\s+)?(?P<i>[a-z_]\w*)\s+(?:[\w.-]+\s+){0,3}?"
                            r"(?:bigger|larger|louder|stronger|higher|smaller|quieter)\s+(?:at|on|to|into)\s+"
                            r"(?:node\s+)?(?P<o>[a-z_]\w*)")
_INTO = re.compile(rf"\b{_SHAPES}\w*\b(?:[^.;]{{0,60}}?)\b(?:in)?to\s+{_WAVE_WORDS}{_SHAPES}")
_OUT_OF = re.compile(rf"\b{_SHAPES}\w*\b(?:[^.;]{{0,40}}?)\b(?:out\s+of|from)\s+{_WAVE_WORDS}{_SHAPES}")


def _shape_change(low: str) -> tuple[str, str, str] | None:
    """(words, shape in, shape out) for "square into triangle", "triangle from the square" ..."""
    if m := _INTO.search(low):
        return m[0], m[1], m[2]
    if m := _OUT_OF.search(low):
        return m[0], m[2], m[1]
    return None


def wave_conversion(low: str) -> tuple[int, int] | None:
    """Where the request turns one wave into another ("the square wave at in into a triangle"), if it does."""
    m = _INTO.search(low) or _OUT_OF.search(low)
    return m.span() if m else None


# A gate said by its truth table: "z goes high only while both x and y are high" (AND), "low when either is high"
# (NOR). The condition on the inputs (all of them or any one high), then the output's level it gives.
_ALL_OR_ANY = re.compile(r"\b(?:when|while|if|whenever|once)\s+"
                         r"(?:(?P<all>both|all)|(?P<any>either|any|at\s+least\s+one))\b"
                         r"(?:\s+(?:of\s+)?(?:the\s+)?(?:inputs?\s+)?(?:(?:node\s+)?[a-z]\w{0,3}\s*,?\s+)*?(?:and|or)\s+"
                         r"(?:node\s+)?[a-z]\w{0,3})?"
                         r"(?:\s+(?:inputs?|of\s+them))?\s+(?:are|is|go|goes|sit|be)\s+(?:both\s+)?"
                         r"(?:high|1|on|true|set|at\s+(?:logic\s+)?(?:1|one|high))\b")
_OUT_LEVEL = re.compile(r"\b(?:go|goes|going|be|is|stays?|sits?|reads?|becomes?|pulls?\s+\w+|drive\w*\s+\w+"
                        r"|outputs?)\s+"
                        r"(?:only\s+)?(?:to\s+)?(?:logic\s+)?(high|low|1|0)\b")


def _gate(low: str) -> tuple[str, str] | None:
    """(the words, the gate) when the request gives a two-input gate's truth table in words."""
    cond = _ALL_OR_ANY.search(low)
    if cond is None:
        return None
    start = max((c.end() for c in re.finditer(r"[.;]\s", low[:cond.start()])), default=0)
    level = list(_OUT_LEVEL.finditer(low, start, cond.start()))
    if not level:
        return None
    high = level[-1][1] in ("high", "1")
    gate = ("and" if high else "nand") if cond["all"] else ("or" if high else "nor")
    technology = "cmos " if _MOS.search(low) or _TRANSISTOR.search(low) or "cmos" in low else ""
    return f"{level[-1][0]} ... {cond[0]}", f"{technology}{gate} gate"


@dataclass(frozen=True)
class Reading:
    said: str  # the request's words the reading rests on
    circuit: str  # the words that name such a circuit, read by the family rules


def _rising_high(low: str) -> bool | None:
    """Whether the output goes high as the input rises (non-inverting), low (inverting), or unsaid."""
    up = r"(?:climb\w*|ris\w*|goes\s+(?:up|above|past|over)|exceed\w*|above|over|past)"
    down = r"(?:fall\w*|drop\w*|goes\s+(?:down|below|under)|below|under)"
    if re.search(rf"\bhigh\b[^.;]{{0,40}}?\b{up}|\b{up}\b[^.;]{{0,40}}?\b(?:goes|switch\w*|jumps?|is)\s+high\b"
                 rf"|\blow\b[^.;]{{0,40}}?\b{down}", low):
        return True
    if re.search(rf"\blow\b[^.;]{{0,40}}?\b{up}|\bhigh\b[^.;]{{0,40}}?\b{down}", low):
        return False
    return None


def _single_supply(low: str) -> bool:
    """Rails of 0 V and a positive voltage ("0/5 V rails", "between 0 and 3.3 V supplies")."""
    return bool(re.search(r"\b0\s*(?:v\s*)?(?:/|and|to|-)\s*\+?[\d.]+\s*v\s+(?:rails?|suppl\w*)"
                          r"|\bsingle[- ](?:\+?[\d.]+\s*v\s+)?(?:supply|rail)", low))


# A controlled source placed part by part ("E1 ... gain 10", "F1 ... controlled by VM") is a part, whose gain
# or transconductance says nothing of what a circuit does.
_CONTROLLED = re.compile(r"\b(?:voltage|current)[- ]controlled\s+(?:voltage|current)\s+source|\b(?:vc|cc)[vc]s\b"
                         r"|\btransconductance\s+of\b|\b[efgh]\d+\b[^.;]{0,40}?\b(?:controlled\s+by|times|gain)\b")


_LEVELS = re.compile(r"(?:past|above|over|beyond|below|under|exceeds?|cross(?:es|ing)?|reach(?:es)?|than)\s+"
                     r"(?:the\s+|a\s+)?" + _ABOUT + r"([-+]?\d+(?:\.\d+)?)\s*v\b")


# A PWM turned into the steady level of its average: "turn my PWM into a steady DC", "smooth the PWM to a level".
# (the level wanted may follow in the next sentence: "... toggles at 20 kHz. I want a steady DC level at node dac")
_PWM_TO_DC = re.compile(r"\bpwm\b(?:[^.]|\.\d|\.\s+(?=[a-z])){0,100}?"
                        r"\b(?:steady|smooth\w*|averag\w*|mean|constant|flat|"
                        r"analog(?:ue)?)\b"
                        r"[^.;]{0,20}?\b(?:dc|level|voltage|output)\b"
                        # "average a 5 V, 25 %-duty, 10 kHz PWM down to a DC level": its figures between
                        r"|\b(?:smooth|averag|filter)\w*\s+(?:[^.;]|\.\d){0,40}?\bpwm\b(?:[^.;]|\.\d){0,60}?"
                        r"\b(?:dc|level|voltage)\b"
                        # "the dc level of the pwm on node p", "the average of my PWM"
                        r"|\b(?:dc|average|mean)\s+(?:level|value|voltage)?\s*of\s+(?:the\s+|my\s+|a\s+)?pwm\b")

# A load with one end on ground ("a 500 ohm load from node ld to ground", "a grounded load"): a current pushed into
# it comes from the Howland pump, not the converter that floats its load in the feedback path.
_GROUNDED_LOAD = re.compile(r"\bgrounded\s+(?:\w+\s+)?load\b|\bload\b[^.;]{0,40}?\bto\s+(?:ground|gnd)\b"
                            r"|\bload\b[^.;]{0,30}?\b(?:one\s+end|other\s+(?:end|side))\s+(?:at|on|to)\s+(?:ground|gnd)\b"
                            # "whatever I hang between node ld and ground"
                            r"|\b(?:whatever|anything|load)\b[^.;]{0,30}?\bbetween\s+(?:node\s+)?[a-z_]\w*\s+and\s+"
                            r"(?:ground|gnd)\b")
# The concepts that name one circuit alone, in the order read_function tries them between its other rules
_NAMED_FIRST = (("subtract", "difference amplifier"), ("copied_current", "current mirror"),
                ("steady_current", "current source"))
_NAMED_LOG = (("exp", "antilog amplifier"), ("log", "logarithmic amplifier"))
_NAMED_CONVERTERS = (("i_to_v", "transimpedance amplifier"), ("v_to_i", "voltage-to-current converter"),
                     ("sample", "sample and hold"), ("peak", "peak detector"))
_NAMED_SHAPERS = (("clamp", "diode clamper"), ("clip", "clipper"), ("reversed", "reverse polarity protection"),
                  ("breakdown", "zener regulator"), ("bridge", "wheatstone bridge"), ("envelope", "envelope detector"),
                  ("level_shift", "cmos level shifter"))


# A signal that repeats at a rate ("something that ticks 0/5 V, 10,000 times a second", "a square that repeats 2000
# times per second"), with nothing named that makes it (rails, a timer, an oscillator's parts): a clock source.
_TICKS = re.compile(r"\b(?:ticks?|ticking|beats?|beating|pulses|pulsing|blinks|toggl\w*|repeats?|repeating"
                    r"|on\s+and\s+off|square(?![- ]?(?:root|law))|clock)\b")
_PER_SECOND = re.compile(r"\b(?:times|cycles|pulses|ticks|beats)\s+(?:a|per|every|each)\s+second\b"
                         r"|(?<![\w.])[\d.]+\s*(?:[kmg]|meg)?\s*hz\b")
# what sets a one-shot off: an event, never a rate ("a pulse every 10 ms" repeats)
_ONE_SHOT = re.compile(r"\b(?:when(?:ever)?|each\s+time|every\s+time|once|after|on\s+(?:each|every|a)|press\w*|push\w*|"
                       r"trigger\w*|button)\b")
_REPEATS = re.compile(r"\b(?:every|each)\s+(?:[\d.]+\s*[munµ]?s\b|second|period|cycle)|\brepeat\w*")
_MADE_BY = re.compile(r"\b(?:555|timer|astable|oscillat\w*|multivibrator|schmitt|rails?|suppl(?:y|ies)|vcc|vdd|"
                      r"capacitors?|inductors?|crystal|ring)\b")
# A DC supply made bigger or negated ("double my 5 V supply", "-5 V from the +5 V rail"): a charge pump, a diode one
# when diodes are named; a supply's level is no signal an amplifier scales.
_SUPPLY = r"(?:supply|rail|battery|bus|dc|input\s+voltage|source)"
_SUPPLY_TIMES = re.compile(rf"\b(?P<w>doubl|tripl)\w*\s+(?:my\s+|the\s+|a\s+|its\s+|our\s+)?(?:[\d.]+\s*v\s+)?"
                           rf"(?:{_SUPPLY}|voltage\s+of\s+(?:my|the|a)\s+(?:[\d.]+\s*v\s+)?{_SUPPLY})\b"
                           rf"|\b(?P<w2>twice|double|triple|three\s+times)\s+(?:the\s+|my\s+|its\s+)?{_SUPPLY}\b")
# "roughly twice its peak as DC", "a DC level of about double that peak", "dc out at ~2x the peak of a sine": in a
# sentence that says DC (a peak-to-peak figure is an amplitude)
_PEAK_TIMES = re.compile(r"\b(?P<n>twice|double|two\s+times|2\s*[x×]|triple|three\s+times|3\s*[x×])\s+"
                         r"(?:the\s+|its\s+|their\s+|that\s+|this\s+)?(?:\w+'s\s+)?(?:ac\s+|input\s+|sine\s+)?"
                         r"(?:peak|crest)s?\b"
                         r"(?![- ]to[- ])(?=[^.;]*?\bdc\b)"
                         r"|\bdc\b[^.;]*?\b(?P<m>twice|double|two\s+times|2\s*[x×]|triple|three\s+times|3\s*[x×])\s+"
                         r"(?:the\s+|its\s+|their\s+|that\s+|this\s+)?(?:\w+'s\s+)?(?:ac\s+|input\s+|sine\s+)?"
                         r"(?:peak|crest)s?\b"
                         r"(?![- ]to[- ])")
_NEGATED_SUPPLY = re.compile(rf"(?:[-\u2212]|\bminus\s+|\bnegative\s+)\s*[\d.]+\s*v\b[^.;]{{0,40}}?"
                             rf"\b(?:from|out\s+of|off)\s+"
                             rf"(?:an?\s+|my\s+|the\s+|our\s+)?(?:\+\s*|positive\s+)?[\d.]+\s*v\s+{_SUPPLY}\b")


def _supply_multiplied(low: str) -> Reading | None:
    """A charge pump said by what it does to a DC supply (see above), none when an inductor or a part that
    regulates or amplifies is named (a boost or buck-boost converter, a regulator)."""
    if re.search(r"\b(?:inductors?|coils?|chokes?|op[- ]?amps?|transformers?|regulat\w*|boost|buck)\b"
                 r"|(?<![\w.])[\d.]+\s*[mµu]?h\b", low) and not re.search(r"\bno\s+(?:inductors?|coils?)\b", low):
        return None
    diodes = re.search(r"\bdiodes?\b", low)
    if m := _NEGATED_SUPPLY.search(low):
        return Reading(m[0], "diode charge pump inverter" if diodes else "inverting charge pump")
    if m := _SUPPLY_TIMES.search(low):
        triple = (m["w"] or m["w2"]).startswith(("tripl", "triple", "three"))
        return Reading(m[0], "voltage tripler" if triple else
                       "diode charge pump doubler" if diodes else "charge pump voltage doubler")
    return None


_PART_WORDS = r"(?:zener|diode|reference|ref|led|batter|cell|source|transistor|npn|pnp|mosfet|cap|resistor)\w*\b"
_STEPPED_DOWN = re.compile(
    r"\b(?:turn|convert|chang|bring|drop|step|get|make|reduc)\w*\s+(?:\S+\s+){0,5}?(?P<a>\d+(?:\.\d+)?)\s*v\b"
    r"(?:\s+(?:rail|supply|battery|input|line|bus))?(?:[^.;]{0,30}?\bnode\s+\w+)?\s+(?:in)?to\s+(?:an?\s+|the\s+)?(?:steady\s+|regulated\s+|clean\s+|stable\s+)?"
    r"(?P<b>\d+(?:\.\d+)?)\s*v\b"
    # (a level said of a part is its rating: "a 6.8 V zener fed from the 12 V input" states no output level)
    # ("5 V at 100 mA for my board from a 12 V battery": what draws it between)
    rf"|(?<![\w.])(?P<b2>\d+(?:\.\d+)?)\s*v\s+(?:(?!{_PART_WORDS})\w+\s+){{0,6}}?(?:from|out\s+of|off)\s+"
    rf"(?:an?\s+|my\s+|the\s+|our\s+)?"
    rf"(?P<a2>\d+(?:\.\d+)?)\s*v\s+(?:{_SUPPLY}|input)\b"
    # ("from a 9 V battery at node batt, give me about 3.3 V at node lo3": the supply first, then the level asked for)
    rf"|\bfrom\s+(?:an?\s+|my\s+|the\s+|our\s+)?(?P<a3>\d+(?:\.\d+)?)\s*v\s+{_SUPPLY}\b[^.;]{{0,40}}?"
    r"\b(?:give|make|get|want|need|produce|deliver)\w*\s+(?:me\s+|us\s+)?(?:about\s+|around\s+|roughly\s+|exactly\s+)?"
    r"(?P<b3>\d+(?:\.\d+)?)\s*v\b"
    # ("scale it so 10 V in shows up as 2.5 V": a signal's level and what it reads as, a scale, no supply made)
    r"|(?<![\w.])(?P<a4>\d+(?:\.\d+)?)\s*v\s+(?:in\s+|input\s+)?(?:(?:should|must|will)\s+)?(?:reads?|becomes?|"
    r"shows?\s+up|appears?|comes?\s+out)\s+as\s+(?:about\s+|around\s+|roughly\s+|exactly\s+)?(?P<b4>\d+(?:\.\d+)?)\s*v\b")


def _stepped(m: re.Match, side: str) -> float:
    """The level before (`side` "a") or after ("b") a step down _STEPPED_DOWN reads, whichever way it was said."""
    return float(next(m[g] for g in (side, f"{side}2", f"{side}3", f"{side}4") if m[g]))


# "keep it passive", "just resistors": no active part, whatever draws from the level made
_PASSIVE = re.compile(r"\bpassive\b|\b(?:just|only)\s+(?:two\s+)?resistors\b|\bresistors\s+only\b")
_DRAWN = re.compile(r"\b(?:loads?|draws?|drawing|sensors?|modules?|devices?|micro\w*|mcu|boards?|regulat\w*|steady|"
                    r"stable|powers?|run|runs)\b|(?<![\w.])[\d.]+\s*[mµu]?a\b")

_HELD_BY_DIODE = re.compile(r"\b(?:one|a|single|1)\s+(?:\w+\s+)?diode\b(?![- ]?(?:drop|clamp))"
                            r"(?=[^.]{0,40}?\bresistor)|\bresistor\b[^.]{0,40}?\b(?:one|a|single|1)\s+(?:\w+\s+)?diode\b")


def read_function(low: str, inverted: str | None = None) -> Reading | None:
    """What the lower-cased request says the circuit does, as the words that name it; `inverted`: the
    words that say the output is inverted (intent.flipped), if any. None when no function is read."""
    reading = _read_function(low, inverted)
    return reading and dataclasses.replace(reading, said=re.sub(r"\s{2,}", " ", reading.said))


def _read_function(low: str, inverted: str | None) -> Reading | None:
    words, low = low, in_digits(low)
    found = {name: m for name, pattern in _CONCEPT_RES.items() if (m := pattern.search(low))}
    if _CONTROLLED.search(low):  # a controlled source's gain or transconductance is the part's, no function
        for name in ("scale_up", "v_to_i", "i_to_v", "add"):
            found.pop(name, None)

    def said(*names: str) -> str:
        return " ... ".join(words[found[n].start():found[n].end()].strip() for n in names if n in found)

    def named(rows: tuple[tuple[str, str], ...]) -> Reading | None:
        """The circuit of the first row whose concept the request says, alone."""
        return next((Reading(said(concept), circuit) for concept, circuit in rows if concept in found), None)

    opamp = bool(_OPAMP.search(low))
    if reading := named(_NAMED_FIRST):
        if reading.circuit == "current source" and re.search(r"\bsink", low):  # its op-amp form is the sink
            return Reading(reading.said, "current sink")
        if reading.circuit == "current source" and not (opamp or _TRANSISTOR.search(low) or _MOS.search(low)):
            # no device named: the textbook one, its PNP form where the load has one end on ground
            fed = _FED_NODE.search(low)  # "into node coil ..., coil to ground"
            # (a node said between ground and the current is the load's: "between node k and ground")
            grounded = _GROUNDED_LOAD.search(low) or fed and (fed["n"] or fed["m"] or re.search(
                rf"\b{re.escape(fed['k'])}\s+(?:\w+\s+){{0,2}}?(?:to|on)\s+(?:ground|gnd)\b", low))
            return Reading(f"{reading.said} ... {grounded[0]}" if isinstance(grounded, re.Match) else reading.said,
                           "pnp transistor current source" if grounded else "transistor current source")
        return reading
    if gate := _gate(low):
        return Reading(*gate)
    if "logic_not" in found:  # "flips a logic level": the gate, not a comparator switching at a level
        return Reading(said("logic_not"), "cmos inverter")
    if multiplied := _supply_multiplied(low):
        return multiplied
    if m := _PEAK_TIMES.search(low):  # an AC wave's peak made DC and multiplied: the diode-capacitor multiplier
        return Reading(m[0], "voltage tripler" if (m["n"] or m["m"]).startswith(("tripl", "three", "3"))
                       else "voltage doubler")
    # "out = -(a + b)", "vout = -5 * vin": a sum or a gain written negated
    # ... or "the sum ..., times minus two" (not "VN = -12 V")
    # ... or "minus the sum of a and b"
    negated = re.search(r"=\s*[-\u2212]\s*(?:\(|[\d.]+\s*[x×*·]\s*v)|\btimes\s+(?:minus|negative)\s+\w+"
                        r"|\b(?:minus|negative(?:\s+of)?)\s+the\s+sum\b", low)
    inverted = inverted or (negated[0] if negated else None)
    if "average" in found and not inverted:  # the mean of its inputs: the non-inverting summer's passive average
        return Reading(said("average"), "op-amp averager")
    # ("the sum of the voltages on a and b": two named nodes' levels added)
    if "add" in found and (opamp or inverted or re.search(r"\b(?:two|three|four|several|\d)\s+(?:\w+\s+)?"
                                                          r"(?:inputs|signals|voltages|sources)\b"
                                                          r"|\b(?:voltages|signals|levels)\s+(?:on|at|of)\s+(?:nodes?\s+)?"
                                                          r"\w+\s*(?:,\s*\w+\s*)*,?\s+and\s+\w+", low)):
        words = said("add") + (f" ... {inverted}" if inverted else "")
        return Reading(words, ("single-supply " if _single_supply(low) else "") + "inverting summing amplifier")
    if reading := named(_NAMED_LOG):
        return reading
    if "phase" in found and "self_running" not in found:
        return Reading(said("phase", "amplitude_kept"), "all-pass filter")
    # (a wave rectified and smoothed to within a volt of its peak is the rectifier the verb names, sized by its ripple;
    # made "a steady DC level equal to its peak", accurately, with nothing said of smoothing, it is the peak detector)
    smoothed = re.search(r"\bsmooth\w*|\bripple|\bwithin\b|\bsag\w*|\breservoir|\bfilter\w*", low)
    if (reading := named(_NAMED_CONVERTERS)) and not (reading.circuit == "peak detector" and "rectify" in found
                                                      and smoothed):
        if reading.circuit == "voltage-to-current converter" and (load := _GROUNDED_LOAD.search(low)):
            return Reading(f"{reading.said} ... {load[0]}", "howland current source")  # the load's other end grounded
        return reading
    # both halves kept (one flipped) is full-wave: with op-amps the precision circuit, with diodes the bridge
    both = re.search(r"\b(?:four|4)\s+diodes\b|\bbridge\b|\bfull[- ]wave\b|\bboth\s+hal(?:f|ves)\b", low)
    if "absolute" in found or ("rectify" in found and both):
        circuit = "precision full-wave rectifier (absolute value)" if opamp else "full-wave bridge rectifier"
        return Reading(said("absolute", "rectify"), circuit)
    if "rectify" in found:
        return Reading(said("rectify"), "precision rectifier" if opamp else "rectifier")
    shape = _shape_change(low)
    squares_in = shape is not None and shape[1] in ("square", "step", "pulse")
    # a square turned into a triangle is integrated, an op-amp named or not (its ramps are straight only then)
    if "integrate" in found or (opamp and "ramps" in found) or (
            squares_in and shape is not None and shape[2] in ("triangle", "triangular", "ramp")):
        return Reading(said("integrate", "ramps") or (shape[0] if shape else ""), "integrator")
    ramps_in = shape is not None and shape[1] in ("triangle", "triangular", "ramp", "sawtooth", "saw")
    if "differentiate" in found or (opamp and ramps_in and shape is not None and shape[2] == "square"):
        return Reading(said("differentiate") or (shape[0] if shape else ""), "differentiator")
    if "one_pulse" in found and _ONE_SHOT.search(low) and not (_PER_SECOND.search(low) or _REPEATS.search(low)):
        return Reading(said("one_pulse"), "monostable multivibrator")  # once per trigger, no rate: a one-shot
    # (a square given and its edges to be slowed is the lag's input: "a square sits on node sharp; a rounded copy")
    if (tick := _TICKS.search(low)) and _PER_SECOND.search(low) and shape is None and "lag" not in found and not (
            opamp or _TRANSISTOR.search(low) or _MOS.search(low) or _MADE_BY.search(low) or _PWM_TO_DC.search(low)):
        return Reading(tick[0], "clock source")  # a signal that ticks at a rate, no circuit to make it: the source
    if shape is not None and shape[1] in ("sine", "sinusoid", "triangle", "triangular") and shape[2] == "square":
        return Reading(shape[0], "zero-crossing detector")  # "turn the sine into a square": switched at its zero
    if "self_running" in found:
        wave = re.search(r"\b(sine|sinusoid|square|triangle|triangular|clock|pulse|blink|flash|tick)\w*", low)
        circuit = {"sine": "Wien oscillator", "sinusoid": "Wien oscillator", "triangle": "function generator",
                   "triangular": "function generator"}.get(wave[1] if wave else "", "relaxation oscillator")
        if wave or re.search(r"\boscillat|\brails\b", low):
            return Reading(said("self_running"), circuit)
    levels = {float(v) for v in _LEVELS.findall(low)}  # two switching levels: hysteresis
    if "switches" in found and ("level" in found or "zero_cross" in found or "window" in found):
        if "zero_cross" in found:
            return Reading(said("switches", "zero_cross"), "zero-crossing detector")
        if "window" in found:
            return Reading(said("switches", "window"), "window comparator")
        if "hysteresis" in found or len(levels) >= 2:
            rising = _rising_high(low)
            polarity = "non-inverting " if rising else "inverting " if rising is False else ""
            supply = "single-supply " if _single_supply(low) else ""
            return Reading(said("switches", "level", "hysteresis"), f"{supply}{polarity}schmitt trigger")
        return Reading(said("switches", "level"), "comparator")
    if "compare_two" in found:
        return Reading(said("compare_two"), "comparator")
    if reading := named(_NAMED_SHAPERS):
        return reading
    if (pwm := _PWM_TO_DC.search(low)) and not opamp:
        return Reading(pwm[0], "pwm dac")  # a PWM's average taken by a low-pass
    if filtered := _filter(low):
        if filtered[1] == "notch filter" and not re.search(r"\b(?:inductors?|inductance|coils?|chokes?|lc|rlc|tank)\b"
                                                         r"|\d\s*[mµu]?h\b", low):
            # with no inductor named, the notch of R and C: the twin-T (its op-amp form when an op-amp is named)
            active = opamp and not re.search(r"\b(?:no|without|not?\s+\w+)\s+op[- ]?amps?\b", low)  # "no op-amps"
            return Reading(filtered[0], "active twin-t notch filter" if active else "passive twin-t notch filter")
        return Reading(*filtered)
    if "lag" in found:
        return Reading(said("lag"), "low-pass filter")
    if inverted:
        return Reading(inverted, "inverting amplifier")
    if "scale_up" in found:
        return Reading(said("scale_up"), "non-inverting amplifier")
    if "copy" in found and "divide" in found and not opamp:  # "a copy one tenth the size": divided, not followed
        return Reading(said("copy", "divide"), "voltage divider")
    if "copy" in found and not re.search(r"\bcurrents?\b", low[found["copy"].end():found["copy"].end() + 40]):
        circuit = "voltage follower" if opamp or not (_TRANSISTOR.search(low) or _MOS.search(low)) else \
            "emitter follower" if _TRANSISTOR.search(low) else "source follower"
        return Reading(said("copy", "drive"), circuit)
    # a level held by a diode and a resistor alone ("pin node lo at 2.7 V from the 5 V rail, one resistor, one
    # diode"): a diode holds a level above its forward drop only in breakdown, the zener shunt regulator
    if "hold" in found and _HELD_BY_DIODE.search(low) and not (opamp or _TRANSISTOR.search(low) or _MOS.search(low)) \
            and (level := re.search(r"[\d.]+(?=\s*(?:v|volts?)\b)", found["hold"][0])) and float(level[0]) >= 1.5:
        return Reading(said("hold", "varies"), "zener regulator")
    # a voltage held while the input (or the load) changes: a regulator, a zener one when a zener is named
    if "hold" in found and "varies" in found and re.search(r"\b(?:input|supply|battery|source|load|unregulated|raw)\b",
                                                           low):
        zener = re.search(r"\bzener|\bbreak\w*\s+down|\bbreakdown\b", low)
        return Reading(said("hold", "varies"), "zener regulator" if zener else "linear regulator")
    # a DC level turned into a lower one for something that draws from it ("turn the 12 V into 5 V for my sensor",
    # "5 V from my 9 V battery for a module drawing 20 mA"): a regulator; with nothing drawn named, a divider
    if "divide" not in found and "two_resistors" not in found and (m := _STEPPED_DOWN.search(low)) \
            and 0 < _stepped(m, "b") < _stepped(m, "a") \
            and not (_TRANSISTOR.search(low) or _MOS.search(low)):
        return Reading(m[0], "linear regulator" if _DRAWN.search(low) and not _PASSIVE.search(low) and not m["a4"]
                       else "voltage divider")
    if "divide" in found or ("two_resistors" in found and not _OTHER_PARTS.search(low)):
        mid = re.search(r"\bmid|\bmiddle|\bhalfway|\bhalf\s+(?:of\s+)?(?:the\s+)?(?:supply|rail)", low)
        return Reading(said("divide", "two_resistors"), "rail splitter" if opamp and mid else "voltage divider")
    # a range mapped onto another with no offset ("turn my 0 to 5 V sensor signal into 0 to 3.3 V"): a gain, the
    # divider's below one, the amplifier's above it
    if (scale := next((f for f in _stated(low) if f.what == "scale" and not f.low), None)) and scale.value:
        circuit = "inverting amplifier" if scale.value < 0 else "voltage divider" if scale.value < 1 else \
            "non-inverting amplifier"
        return Reading(words[scale.start:scale.end], circuit)
    return None


# --- names written short -------------------------------------------------------------------------
# "lp, 1st order, fc 15k", "quick hp between in and out", "bpf: series RLC", "x2 noninv": the short names of the
# filter responses and of the amplifier's polarity, spelled out so every family rule that reads "low-pass" or
# "non-inverting" reads them. The same letters as a node's name ("node lp", "from hp to lp", "bp -> out") or a unit
# ("a 2 hp motor") are left as they are.
_SHORT_NAMES = {"lp": "low-pass", "hp": "high-pass", "bp": "band-pass", "lpf": "low-pass filter",
                "hpf": "high-pass filter", "bpf": "band-pass filter", "bsf": "band-stop filter",
                "brf": "band-reject filter", "noninv": "non-inverting", "non-inv": "non-inverting",
                "amp": "amplifier"}  # ("difference amp"; "op-amp" and "2 amp" stay)
_SHORT_NAME = re.compile(r"(?<![\w-])(?:[lhb]pf?|bsf|brf|non-?inv|amp)(?![\w-])")
_NAMING_A_NODE = re.compile(r"(?:\bnodes?|\bat|\binto|\bfrom|\bto|\bon|\bbetween|\band|\bpins?|->|→|[\d.])\s*$")
_NODE_AFTER = re.compile(r"\s*(?:->|→|=|:(?!\s)|\s(?:to|and)\s+[a-z_]\w*\b(?!-))")


# The circuit words a family rule reads, as people mistype them ("sqare wave oscilator", "amplifer", "comparitor"):
# a word one slip away from one of these (a letter dropped, added, changed or two swapped) is read as it. Words of
# fewer than five letters and a term's own inflections ("squared", "filters", "inverted") are left as they are.
_TERMS = ("square", "triangle", "sawtooth", "oscillator", "oscillate", "amplifier", "amplify", "inverting",
          "inverter", "comparator", "regulator", "rectifier", "integrator", "differentiator", "multivibrator",
          "astable", "monostable", "schmitt", "filter", "lowpass", "highpass", "bandpass", "notch", "follower",
          "buffer", "summing", "difference", "thermistor", "photodiode", "transistor", "capacitor", "resistor",
          "inductor", "mosfet", "current", "voltage", "frequency", "cutoff", "hysteresis", "clipper", "clamper",
          "divider", "bridge", "zener", "diode", "mirror", "trigger", "generator", "converter", "reference")
_WORD_RE = re.compile(r"[a-z]{5,}")


def _one_slip(word: str, term: str) -> bool:
    """`word` is `term` with one letter dropped, added or changed, or two neighbours swapped."""
    if abs(len(word) - len(term)) > 1 or word == term:
        return False
    i = next((k for k, (a, b) in enumerate(zip(word, term)) if a != b), min(len(word), len(term)))
    return word[i + 1:] == term[i + 1:] or word[i:] == term[i + 1:] or word[i + 1:] == term[i:] or (
        len(word) == len(term) and word[i + 2:] == term[i + 2:] and word[i:i + 2] == term[i:i + 2][::-1])


def _inflected(word: str, term: str) -> bool:
    """`word` is `term`'s stem with an ending of its own: "inverted" (inverter), "divided" (divider), "squares"."""
    stems = {term[:-len(e)] for e in ("e", "er", "or", "ing", "s") if term.endswith(e)} | {term}
    return any(word == stem + e for stem in stems for e in ("ed", "es", "ing", "s", "e", "ion", "ly", ""))


def _respelled(m: re.Match) -> str:
    word = m[0]
    if word in _TERMS:
        return word
    return next((t for t in _TERMS if not word.startswith(t) and not t.startswith(word) and not _inflected(word, t)
                 and _one_slip(word, t)), word)


def spelled_out(low: str) -> str:
    """The lower-cased request with its short filter names ("lp", "hpf", "bpf") written in full and its
    mistyped circuit words ("oscilator") spelled right."""
    def full(m: re.Match) -> str:
        if not m[0].startswith("non") and (_NAMING_A_NODE.search(low, 0, m.start()) or _NODE_AFTER.match(low, m.end())):
            return m[0]  # ("noninv" names no node and no unit)
        return _SHORT_NAMES[m[0]]
    return _WORD_RE.sub(_respelled, _SHORT_NAME.sub(full, low))


# --- figures said in words ----------------------------------------------------------------------------
# "roughly five kilohertz", "about a kilohertz", "flips twice a second": a figure said in words is the same figure
# in digits to every reader here. Rewritten in place, each figure padded to its own length so that every position
# found in the rewritten text stands at the request's own words.
_A_UNIT = re.compile(r"\b(?:an?|one)\s+(?P<p>kilo|mega)\s?(?P<u>hertz|ohms?)\b")
# (a rate said "400 times a second" stays as written: a clock source reads it so)
_ONCE_OR_TWICE = re.compile(r"\b(?:(?P<once>once)|twice)\s+(?:a|per|every|each)\s+second\b")
_SI_WORDS = {"Hz": "hz", "V": "v", "A": "a", "s": "s", "ohm": "ohm"}


def _engineering(value: float, unit: str) -> str:
    """`value` in `unit` the way this module's figures read ("5 khz", "20 ma", "2.2meg ohm")."""
    scale, prefix = next(((s, p) for s, p in ((1e6, "meg"), (1e3, "k"), (1.0, ""), (1e-3, "m"), (1e-6, "u"),
                                              (1e-9, "n")) if abs(value) >= s), (1e-12, "p") if value else (1.0, ""))
    return f"{value / scale:.6g}{prefix} {unit}" if unit == "ohm" else f"{value / scale:.6g} {prefix}{unit}"


def _worded_figures(low: str) -> list[tuple[int, int, str]]:
    """(start, end, the figure in digits) of each figure the lower-cased request says in words."""

    from spice_lsp.generation.intent import _WORD, _quantities, _words_value  # (intent reads this module at import)

    # ("a hundred hertz": the article is the figure's one)
    spans = [(q.start - 2 if re.search(r"\ba\s$", low[:q.start]) and re.match(r"hundred|thousand", q.text) else q.start,
              q.end, _engineering(q.value, _SI_WORDS[q.unit])) for q in _quantities(low)
             if q.unit in _SI_WORDS and re.search(r"[a-z]{3,}", q.text)]
    spans += [(m.start(), m.end(), f"{float(m[1]) if m[1] else _words_value(m[2]):g} db") for m in re.finditer(
        rf"(?<![\w.])(?:(\d+(?:\.\d+)?)\s*decibels?|((?:{_WORD})(?:[\s-]+(?:and\s+)?(?:{_WORD}))*)\s+(?:db|decibels?))\b",
        low)]
    # "two and a half volts", "half a milliamp"
    spans += [(m.start(), m.end(), f"{(_words_value(m[1]) if m[1] else 0) + 0.5:g} "
                                   f"{ {'milli': 'm', 'micro': 'u'}.get(m[2] or '', '')}{m[3][0]}")
              for m in re.finditer(rf"\b(?:((?:{_WORD})(?:[\s-]+(?:{_WORD}))*)\s+and\s+a\s+half|half\s+an?)\s+"
                                   r"(milli|micro)?(volts?|amps?|amperes?)\b", low)]
    # "a factor of seven", "minus four times the input": the number in digits
    spans += [(m.start(1), m.end(1), f"{_words_value(m[1]):g}") for m in re.finditer(
        rf"\b(?:factor\s+of\s+(?:about\s+|roughly\s+)?|minus\s+|negative\s+)"
        rf"((?:{_WORD})(?:[\s-]+(?:and\s+)?(?:{_WORD}))*)\b(?!\s+(?:volts?|v\b))", low)]
    spans += [(m.start(), m.end(), _engineering(1e3 if m["p"] == "kilo" else 1e6, "hz" if m["u"] == "hertz" else "ohm"))
              for m in _A_UNIT.finditer(low)]
    spans += [(m.start(), m.end(), f"{1 if m['once'] else 2} hz") for m in _ONCE_OR_TWICE.finditer(low)]
    return [(start, end, digits) for start, end, digits in spans if len(digits) <= end - start]


def in_digits(low: str) -> str:
    """The lower-cased request with its figures said in words written in digits, each at its own position."""
    for start, end, digits in sorted(_worded_figures(low), reverse=True):
        low = low[:start] + digits.rjust(end - start) + low[end:]
    return low


def _widened(start: int, end: int, figures: list[tuple[int, int, str]]) -> tuple[int, int]:
    """The span `start:end` of the rewritten request, grown to the whole words of each figure it touches."""
    for a, b, _ in figures:
        if a < end and start < b:
            start, end = min(start, a), max(end, b)
    return start, end


# --- qualifiers that change the circuit a name reads as ---------------------------------------------
# A noun in another sense names no circuit: clipping as a fault to avoid, a tank that holds water.
_OTHER_SENSE = re.compile(
    r"\b(?:(?:keep|stop)\w*\s+(?:\S+\s+){0,3}?from|prevent\w*|avoid\w*|without|free\s+of|short\s+of|before"
    r"|protect\w*\s+against|reduc\w*|minimi[sz]\w*)\s+(?:\S+\s+){0,3}?(clip(?:ping|s|ped)?)\b"
    r"|\b(?:water|fuel|oil|gas|storage|septic|rain|fish|liquid|holding|header|pressure)[- ]+(tanks?)\b"
    r"|\b(tanks?)[- ]+(?:level|fill|full|empty|of\s+(?:water|fuel|oil|liquid))"
    r"|\b(?:level|liquid|water|fuel)\s+(?:in|of|inside)\s+(?:a|an|the|my)\s+(?:\S+\s+)?(tanks?)\b")
_OPAMP_INVERTER = re.compile(r"\binverter\b")
_NOT_OPAMP_INVERTER = re.compile(r"\b(?:cmos|[np]mos|mosfets?|logic|gates?|charge[- ]pump|voltage\s+inverter|ttl"
                                 r"|digital|negative\s+(?:supply|rail|voltage)|transistors?|bjts?|npn|pnp)\b")
_SECOND_ORDER = re.compile(r"\b(?:second|2nd|2)[- ]?order\b|\b(?:two|2)[- ]?poles?\b|\bbiquadratic\b"
                           # (not a node called q: "low-pass p → q: 330 Ω series")
                           r"|(?<!\u2192\s)(?<!->\s)(?<!\bnode\s)(?<!\bto\s)\bq\s*(?:=|:|of|factor\s+of)\s*[\d.]"
                           r"|\bquality\s+factor\b"
                           # its roll-off: "falls off at 40 dB per decade", "12 dB/octave"
                           r"|(?<![\d.])(?:40\s*-?\s*db\s*(?:/|per\s+|an?\s+|each\s+)\s*dec|"
                           r"12\s*-?\s*db\s*(?:/|per\s+|an?\s+|each\s+)\s*oct)\w*")
_PASS_SIDE = re.compile(r"\b(low|high)[- ]?pass\b|\b([lh])pf\b")


def _side(text: str) -> tuple[str, str] | None:
    """(the words, "low" or "high"): the side a filter passes, named ("low-pass", "HPF"), else the side its function
    words pass ("keep anything slower than 200 Hz", "let through what's above 3 kHz")."""
    if named := _PASS_SIDE.search(text):
        return named[0], "low" if (named[1] or named[2]) in ("low", "l") else "high"
    said = _filter(text)
    return (said[0], said[1][:-len("-pass filter")]) if said and said[1] in ("low-pass filter", "high-pass filter") \
        else None
# passive or named-response words whose own rules place a second-order filter
_NOT_ACTIVE = re.compile(r"\b(?:lc|rlc|passive|inductors?|inductance|coils?|ladder|butterworth|bessel|chebyshev"
                         r"|multiple[- ]feedback|mfb|biquad|state[- ]variable|tow[- ]thomas|sallen|active)\b")
_BLINK = re.compile(r"\b(?:blink\w*|flash\w*)\s+(?:an?\s+|the\s+|two\s+|some\s+|\d\s+)?(?:\w+\s+)?leds?\b"
                    r"|\bleds?\s+(?:that\s+|which\s+)?(?:blinks?|flash(?:es)?)\b"
                    r"|\bleds?\s+(?:should|must|to|will|has\s+to|needs?\s+to)\s+(?:blink|flash)"
                    r"|\b(?:led\s+)?(?:blinker|flasher)\b")
# A sine the circuit makes ("make a 1 kHz sine", "I'd like a sine of about 500 Hz") with three or four RC sections in
# its loop: the RC phase-shift oscillator, not the RC ladder low-pass its sections would read as.
_SINE_MADE = re.compile(r"\b(?:make|makes|making|generat\w*|produc\w*|want|like|need|creat\w*|give\s+me|outputs?)\b"
                        r"[^.;]{0,40}?\b(?:sine|sinusoid)")
_RC_SECTIONS = re.compile(r"\b(?:three|3|four|4)\b[^.;]{0,30}?\br-?c\b[^.;]{0,15}?\b"
                          r"(?:sections?|stages?|networks?|legs?|lags?|filters?|ladders?)\b"
                          r"|\bladder\s+of\s+(?:three|3|four|4)\s+r-?c\b"
                          r"|\b(?:three|3|four|4)[- ](?:section|stage)s?\s+r-?c\b")
# A reference said by its temperature stability ("a 1.25 V reference that doesn't drift with temperature",
# "a temperature-stable 1.2 V reference"): the bandgap, whose two opposite drifts cancel.
_TEMP_STABLE = re.compile(
    r"\breference\b(?:[^.;]|\.\d){0,60}?\b(?:(?:doesn't|does\s+not|won't|never|without|no|not)\s+(?:\w+\s+)?"
    r"(?:drift|chang|vary|varies|mov|wander)\w*[^.;]{0,20}?\btemperature"
    r"|(?:stable|flat|constant|steady)\s+(?:over|across|with|against)\s+temperature)"
    r"|\btemperature[- ](?:stable|independent|compensated|proof)\s+(?:[\d.]+\s*v\s+)?(?:voltage\s+)?reference\b")
# R and C named as a network (a sine made with them and an op-amp is the Wien oscillator's, not a filter)
_RC_NAMED = re.compile(r"\br-?c\s+(?:network|circuit|parts|components|feedback)\b|\bresistors?\s+and\s+capacitors?\b"
                       r"|\b(?:some\s+)?rs?\s+and\s+cs?\b")
_OPAMP_NAMED = re.compile(r"\bop[- ]?amps?\b|\boperational\s+amplifier\b")
# A photodiode's current turned into a voltage by an op-amp, or with its node held at virtual ground: the
# transimpedance amplifier (the photodiode is its input, not the circuit; the virtual ground its summing node)
_PHOTO = re.compile(r"\bphoto[- ]?(?:diodes?|currents?|detectors?)\b|\blight\b")
_SUMMING_NODE = re.compile(r"\bvirtual[- ]ground\b|\bop[- ]?amps?\b|\boperational\s+amplifier\b")


@dataclass(frozen=True)
class Qualified:
    text: str  # the request with its nouns in another sense blanked (positions kept)
    said: str | None  # the words a qualifier rests on, when one changed the circuit
    circuit: str | None  # the circuit they make

    @property
    def rules_text(self) -> str:
        """What the family rules read: the text, and the circuit a qualifier makes, if any."""
        return self.text + (f" ({self.circuit})" if self.circuit else "")


def qualified(low: str) -> Qualified:
    """The lower-cased request as the family rules should read it: a noun used in a non-circuit sense
    ("keeps it from clipping", "a water tank's level") blanked, and the circuit that a qualifier makes of a
    name appended: a technology ("op-amp inverter" is the inverting amplifier, not the CMOS gate), an order
    ("second-order low-pass with a Q of 2" is an active two-pole filter, not the RC one), a function
    ("blink an LED" is an astable that drives it, not the LED's resistor)."""
    text = low
    for m in _OTHER_SENSE.finditer(low):
        group = next(i for i in range(1, (m.lastindex or 0) + 1) if m[i])
        text = text[:m.start(group)] + " " * (m.end(group) - m.start(group)) + text[m.end(group):]
    said = circuit = None
    opamp, inverter = _OPAMP_NAMED.search(text), _OPAMP_INVERTER.search(text)
    if opamp and inverter and not _NOT_OPAMP_INVERTER.search(text):
        said, circuit = f"{opamp[0]} ... {inverter[0]}", "inverting amplifier"
        text = text[:inverter.start()] + " " * len(inverter[0]) + text[inverter.end():]
    elif (order := _SECOND_ORDER.search(text)) and (side := _side(text)) and not _NOT_ACTIVE.search(text):
        said, circuit = f"{side[0]} ... {order[0]}", f"active second-order {side[1]}-pass filter"
    elif (sine := _SINE_MADE.search(text)) and (sections := _RC_SECTIONS.search(text)) \
            and (_OPAMP.search(text) or _TRANSISTOR.search(text) or _MOS.search(text)):
        said, circuit = f"{sine[0]} ... {sections[0]}", "rc phase-shift oscillator"
    elif (sine := _SINE_MADE.search(text)) and _OPAMP.search(text) and (rc := _RC_NAMED.search(text)):
        said, circuit = f"{sine[0]} ... {rc[0]}", "wien bridge oscillator"
    elif stable := _TEMP_STABLE.search(text):  # a reference named by its flatness over temperature
        said, circuit = stable[0], "bandgap reference"
    elif blink := _BLINK.search(text):
        said, circuit = blink[0], "astable multivibrator"
    elif (photo := _PHOTO.search(text)) and (summing := _SUMMING_NODE.search(text)) \
            and (into := _CONCEPT_RES["i_to_v"].search(text) or re.search(r"\bvirtual[- ]ground\b", text)):
        # a photodiode held at virtual ground is read by its current, whatever words say the conversion
        said, circuit = f"{photo[0]} ... {into[0]} ... {summing[0]}", "transimpedance amplifier"
    return Qualified(text, said, circuit)


# --- the quantities a function reading states ------------------------------------------------------
# A circuit said by what it does states its numbers by the same words: the level it holds, the range its
# input wanders over, the current-to-voltage ratio, the lowest frequency it must pass, the band it removes,
# the span it maps one range onto. Each is read here by where it stands in the function's words (never by
# its unit alone), so the reader gives it its role (intent) and its spec (request) instead of a supply's.

_NUM = r"([-+]?\d+(?:\.\d+)?)\s*(meg|[kmuµnp](?!(?!hz)[a-z]{2}))?"  # "4 khz", not "5 more"
_PREFIX = {"meg": 1e6, "k": 1e3, "m": 1e-3, "u": 1e-6, "µ": 1e-6, "n": 1e-9, "p": 1e-12, None: 1.0, "": 1.0,
           "milli": 1e-3, "micro": 1e-6, "nano": 1e-9}


def _si(number: str, prefix: str | None) -> float:
    return float(number) * _PREFIX[prefix]


@dataclass(frozen=True)
class Stated:
    # held | input_range | ratio | tolerance | pass_edge | edge | band_pass | band_stop | passed | scale | load |
    # delay | ripple | clip | triangle (the integrator's unity-gain frequency) | load_range (a current source's loads)
    what: str
    start: int  # where its words stand in the request
    end: int
    value: float  # held: the level; input_range: its top; ratio: V/A; pass_edge, band_stop, delay (corner): Hz;
    # scale: the gain
    low: float | None = None  # input_range: its bottom; ratio: the current its level is said at
    bound: str | None = None  # pass_edge: "max" when the words bound the corner ("nothing above 20 Hz loses 3 dB")
    said: str = ""


# "between 7 V and 12 V", "anywhere from 8 to 15 V", "7-12 V": an input's range
_RANGE_V = re.compile(rf"\b(?:between|from)\s+(?:about\s+)?{_NUM}\s*(?:v|volts?)?\s*(?:and|to|-|–)\s*{_NUM}"
                      r"\s*(?:v|volts?)\b"
                      rf"|(?<![\w.]){_NUM}\s*(?:v\s*)?(?:-|–|to|or)\s*{_NUM}\s*(?:v|volts?)\b")
_OF_INPUT_AFTER = re.compile(r"\s+(?:dc\s+)?(?:unregulated\s+|raw\s+)?(?:input|supply|in|battery|rail)\b")
_OF_INPUT_BEFORE = re.compile(r"\b(?:input|supply|battery)\s+(?:voltage\s+)?(?:of|from|range|ranging|is)?\s*$")
_HELD_V = re.compile(r"\b(?:at|to|on)\s+(?:a\s+)?(?:steady\s+|constant\s+|stable\s+|fixed\s+|regulated\s+)?"
                     rf"{_NUM}\s*(?:v|volts?)\b"
                     rf"|(?<![\w.]){_NUM}\s*(?:v|volts?)\b")
_RAIL_KEPT = re.compile(r"(?:keep|hold|maintain|stabili[sz])\w*\s+(?:an?\s+|the\s+|my\s+|its\s+|one\s+)?"
                        r"(?:rail|output|line|node|supply|voltage|level)\b")
# "1 V for every 10 uA", "0.5 V per µA", "100 mV/uA": volts out per ampere in
# ("5 V for a microcontroller": after a bare "for", an amp has its figure or prefix, never the article alone)
# ("1 V of output for every 100 µA": its output said between)
_RATIO = re.compile(rf"(?<![\w.]){_NUM}\s*(?:v|volts?)\s*(?:of\s+(?:output|out)\s+)?"
                    r"(?:per|for\s+(?:every|each)|/|every|"
                    r"for(?=\s+(?:an?\s+)?(?:\d|(?:milli|micro|nano|[muµn])\s?(?:a|amps?)\b|amps?\b)))\s+(?:an?\s+)?"
                    rf"(?:(\d+(?:\.\d+)?)\s*)?(meg|milli|micro|nano|[kmuµnp])?\s*(?:a|amps?|amperes?)\b"
                    # "9 V for a 100 mA load": a level and the current a load draws, no volts per ampere
                    r"(?!\s*\d)(?!\s*(?:of\s+)?(?:load|draw|drain|output\s+current)\w*)")
_CURRENT = re.compile(rf"(?<![\w.]){_NUM}\s*(?:a|amps?)\b")
# "accurate to better than 0.1 V", "to within 50 mV", "within 0.1 V of the peak": a tolerance, no level
_TOLERANCE = re.compile(rf"\b(?:accura\w*|precis\w*|error|correct|exact)\b[^.;]{{0,20}}?\b(?:to|within|of)\s+"
                        rf"(?:better\s+than\s+|less\s+than\s+|under\s+|about\s+)?{_NUM}\s*(?:v|volts?)\b"
                        rf"|\b(?:to\s+)?within\s+(?:about\s+)?{_NUM}\s*(?:v|volts?)\b")
# the lowest frequency passed: "nothing above 20 Hz should lose more than 3 dB", "everything from 20 Hz up"
_EDGE = re.compile(r"\b(?:nothing|everything|anything|all|whatever|signals?|frequencies|content|audio|music)\b"
                   r"[^.;]{0,20}?"
                   rf"\b(?:above|over|from|down\s+to|beyond|higher\s+than)\s+(?:about\s+|roughly\s+|around\s+)?"
                   rf"{_NUM}\s*hz\b(?:\s+(?:and\s+)?(?:up(?:wards?)?|above|higher|on(?:wards?)?))?"
                   rf"|\b(?:down\s+to|as\s+low\s+as)\s+{_NUM}\s*hz\b"
                   rf"|\b(?:pass\w*|keep\w*|let\w*)\s+{_NUM}\s*hz\s+(?:and\s+)?(?:up(?:wards?)?|above|higher)\b"
                   rf"|(?<![\w.]){_NUM}\s*hz\s+(?:must|should|has\s+to|needs?\s+to|will)\s+(?:still\s+)?"
                   r"(?:get|pass|go|come|make\s+it)\b"
                   # "the lowest frequency I care about is 20 Hz"
                   rf"|\blowest\s+(?:frequency|note|tone)\b[^.;]{{0,30}}?\b(?:is|at|of|=)\s+(?:about\s+|roughly\s+|around\s+)?"
                   rf"{_NUM}\s*hz\b"
                   # "pass 100 Hz within 3 dB"
                   rf"|(?<![\w.]){_NUM}\s*hz\s+(?:\w+\s+){{0,3}}?within\s+(?:about\s+)?[\d.]+\s*db\b")
_MUST = re.compile(r"\b(?:must|should|has\s+to|have\s+to|needs?\s+to|required|guaranteed)\b")
_LOSS = re.compile(r"\b(?:lose|loses|losing|loss|drop\w*|down|within|more\s+than|less\s+than|at\s+most|no\s+more|"
                   r"attenuat\w*)\b[^.;]{0,20}?\b\d+(?:\.\d+)?\s*db\b")
_AROUND = re.compile(rf"\b(?:around|at|near|about|cent(?:er|re)d?\s+(?:on|at))\s+(?:about\s+|roughly\s+)?{_NUM}\s*hz\b")
# a range in, a range out: "gives 0 to 1 V ... spanning 0 to 5 V", "map 0-1 V onto 0-5 V"
_SPAN = re.compile(rf"(?:(?<=\s)|^)(?:from\s+)?{_NUM}\s*(?:v\s*)?(?:-|–|to)\s*{_NUM}\s*(?:v|volts?)\b")
_LOAD_R = re.compile(r"\b(?:into|drives?|driving|feed\w*|away\s+from|off|reach\w*|gets?\s+to)\s+(?:an?\s+|the\s+)?"
                     rf"{_NUM}\s*(?:ω|ohms?|r\b)?\s*"
                     r"(?:ohm\s+)?(?:[\w-]+\s+)?(?:input|load)\b"
                     # "the next stage looks like 10k to ground"
                     rf"|\b(?:looks?\s+like|presents?|has|sees)\s+(?:an?\s+)?{_NUM}\s*(?:ω|ohms?)?\s*(?:to\s+(?:ground|gnd)|load)\b")

# a level reached a time after a step, through one RC: "a 0 to 5 V step ... out gets to 2.5 V roughly 1 ms after
# in does", "btn jumps from 0 to 3.3 V ... deb crosses half the supply 10 ms after"
_STEP_TO = re.compile(rf"\b(?:from\s+)?0\s*(?:v\s*)?(?:to|-|–)\s*{_NUM}\s*(?:v|volts?)\b(?=[^.;]{{0,30}}?\bstep)"
                      rf"|(?<![\w.]){_NUM}\s*(?:v|volts?)\s+step\b"
                      rf"|\b(?:jump|step|switch|go|rise|snap)\w*\s+(?:up\s+)?(?:from\s+0\s*(?:v\s*)?)?to\s+{_NUM}\s*"
                      r"(?:v|volts?)\b"
                      # "when 5 V hits node v5", "the 3.3 V rail VDD appears on node vdd3"
                      rf"|(?<![\w.]){_NUM}\s*(?:v|volts?)\s+(?:(?:dc\s+)?(?:supply|rail|battery)\s+(?:[a-z]\w*\s+)?)?"
                      r"(?:hits|appears|arrives|comes\s+(?:up|on)|is\s+applied|turns\s+on|switches\s+on)\b")
_ABOUT_W = r"(?:about\s+|roughly\s+|around\s+|approximately\s+|some\s+|~\s*)?"
# a rectified wave's ripple said by how far it falls from its peak: "stays within about 1 V of its peak", "sags less
# than 0.5 V between peaks"
_SAGS = re.compile(rf"\bwithin\s+{_ABOUT_W}{_NUM}\s*(?:v|volts?)\s+of\s+(?:the\s+|its\s+)?(?:\w+\s+)?"
                   r"(?:peak|crest|top)s?\b"
                   r"|\b(?:sag|droop|dip|drop|fall|fell|sink|ripple)\w*\s+(?:by\s+)?(?:less\s+than|under|no\s+more\s+than|"
                   rf"at\s+most|below)\s+{_ABOUT_W}{_NUM}\s*(?:v|volts?)\b")
# a signal's level raised to another: "lift my 50 mV mic signal on node mic to about 1 V" (a signal's: a supply
# raised is a converter's)
_RAISED_TO = re.compile(rf"\b(?:lift|rais|boost|amplif|bring|get|scal|step)\w*\s+(?:up\s+)?"
                        rf"(?:my\s+|the\s+|a\s+|this\s+|that\s+|its\s+)?(?:\w+\s+)?(?<![\w.]){_NUM}\s*(?:v|volts?)\s+(?:\w+\s+)?"
                        r"(?:signal|mic|microphone|sensor|audio|pickup|input|sine|output|level)\b(?:[^.;]|\.\d){0,40}?"
                        rf"\b(?:up\s+)?to\s+{_ABOUT_W}{_NUM}\s*(?:v|volts?)\b")
# an edge's rise time: "so node b takes about 1 ms to rise", "a rise time of 20 us"
_RISE_TIME = re.compile(rf"\btakes?\s+{_ABOUT_W}{_NUM}\s*s\s+to\s+(?:rise|fall)\b"
                        rf"|\b(?:rise|fall)\s+time\s+(?:of\s+|is\s+|=\s*)?{_ABOUT_W}{_NUM}\s*s\b")
# the level right after a limit's words: "must never see more than | roughly +/- 0.7 V"
_LEVEL_NEXT = re.compile(rf"\s*{_ABOUT_W}(?:±|\+/?-)?\s*[-+]?[\d.]+\s*(?:m|milli)?\s*(?:v|volts?)\b")
# a limit's level: "above about +0.7 V", "+/- 0.7 V"
_CLIP_LEVEL = re.compile(rf"(?:\b(?:above|over|below|under|past|beyond|than|exceed\w*)|±|\+/?-)\s*{_ABOUT_W}"
                         rf"([-+]?{_NUM}\s*(?:v|volts?))\b")
# the other side of a limit: "above +0.7 V or below -0.7 V"
_OR_PAST = re.compile(rf"\s*,?\s*(?:or|and|nor)\s+(?:above|over|below|under|past|beyond|higher\s+than|lower\s+than)\s+"
                      rf"{_ABOUT_W}[-+]?[\d.]+\s*(?:m|milli)?\s*(?:v|volts?)\b")
_REACHED = re.compile(r"\b(?:gets?|getting|reach\w*|cross\w*|hits?|hitting|climbs?|climbing|ris(?:e|es|ing)|"
                      r"pass(?:es|ing)?)\s+"
                      rf"(?:to\s+|up\s+to\s+|past\s+)?{_ABOUT_W}"
                      rf"(?:(?<![\w.]){_NUM}\s*(?:v|volts?)\b|(?P<half>half)\s+(?:of\s+)?(?:the\s+|its\s+|that\s+)?"
                      r"(?:[\d.]+\s*v\s+)?(?:supply|step|way|final\s+(?:value|level)|input|rail|swing))"
                      rf"[^.;%]{{0,30}}?\b{_ABOUT_W}{_NUM}\s*s\s+(?:after(?:wards?)?|later|once|from)\b")
# the level said as one not reached for a time: "rst should stay below 2.5 V for about 10 ms after that" (the same
# groups as _REACHED)
_STAYS_BELOW = re.compile(r"\b(?:stay|remain|sit|be|kept|keep)\w*\s+(?:low\s*[(,]?\s*)?"
                          r"(?:below|under|beneath|lower\s+than|less\s+than)\s+"
                          rf"{_ABOUT_W}(?:(?<![\w.]){_NUM}\s*(?:v|volts?)\b|(?P<half>half)\s+(?:of\s+)?(?:the\s+|its\s+|"
                          r"that\s+)?(?:[\d.]+\s*v\s+)?(?:supply|step|way|final\s+(?:value|level)|input|rail|swing))\s*"
                          rf"\)?\s*(?:for\s+)?(?:at\s+least\s+)?{_ABOUT_W}{_NUM}\s*s\b")
# the corner named by its word: "with the corner right around 30 Hz", "cutoff somewhere near 2 kHz"
_CORNER_AT = re.compile(rf"\b(?:corner|cut-?off|knee|edge|break[- ]?point|-?3\s*db\s+point)\b[^.;]{{0,20}}?"
                        rf"\b(?:at|around|near|of|about|is|=)\s+{_ABOUT_W}{_NUM}\s*hz\b")
# the step said as the supply coming up: "... 0.5 s after power comes up" from "the 5 V supply"
_POWER_UP = re.compile(r"\bpower(?:[- ]on|[- ]up|\s+(?:comes?\s+up|(?:is\s+)?(?:applied|switched\s+on)|turns?\s+on))\b")
_SUPPLY_LEVEL = re.compile(rf"(?<![\w.]){_NUM}\s*(?:v|volts?)\s+(?:dc\s+)?(?:supply|rail|battery)\b")


def _held_below_supply(low: str, hold: re.Match) -> bool:
    """Whether a level said steady is made from a higher supply said apart from it ("a steady 12 V on node out from
    a 24 V supply"): the regulator's output, not the supply's own level ("a constant 5 V supply")."""
    supply, held = _SUPPLY_LEVEL.search(low), _HELD_V.search(low, hold.start(), hold.end())
    if not re.search(r"\b(?:steady|constant|stable|regulated|clean)\b", hold[0]) or re.search(
            r"\b(?:inputs?|in|signal|source|base|gate|bias|reference|ref|control)\s+(?:is\s+|being\s+)?$",
            low[:hold.start()]):
        return False  # "input held at 5 V DC", "node b held at 2 V": a level driven in, no output made steady
    return bool(supply and held and not hold.start() <= supply.start() < hold.end()
                and _si(supply[1], supply[2]) > _si(held[1] or held[3], held[2] or held[4]))


# a level a stated current gives: "at 10 mA the ADC should read 2.5 V", "20 mA must give 5 V"
_LEVEL_AT_CURRENT = re.compile(rf"\b(?:at|with|when|for)\s+(?:a\s+|the\s+full\s+)?{_NUM}\s*(?:a|amps?)\b"
                               r"[^.;]{0,50}?\b(?:reads?|gives?|shows?|be|is|produces?|outputs?|becomes?|equals?|"
                               rf"makes?|sees?)\s+(?:an?\s+|about\s+|exactly\s+)?{_NUM}\s*(?:v|volts?)\b"
                               r"(?!\s*(?:supply|rail|battery))"
                               # "50 uA should give 2 V", "a 1 mA current to read as 0.5 V"
                               rf"|(?<![\w.]){_NUM}\s*(?:a|amps?)\b(?:\s+(?:current|signal|input))?\s+"
                               r"(?:(?:should|must|has\s+to|needs?\s+to|will|to)\s+)?"
                               rf"(?:give|read|produce|make|become|be|show)s?\s+(?:as\s+)?(?:an?\s+)?{_NUM}\s*(?:v|volts?)\b")
# volts per ampere said the other way round: "every 1 uA coming in should read as 1 V", "each mA gives 0.25 V"
_PER_CURRENT = re.compile(rf"\b(?:every|each|per)\s+(?:(\d+(?:\.\d+)?)\s*)?(meg|milli|micro|nano|[kmuµnp])?\s*"
                          r"(?:a|amps?|amperes?)\b[^.;]{0,40}?\b(?:reads?|gives?|shows?|be|is|produces?|outputs?|"
                          rf"becomes?|makes?|equals?|means?)\s+(?:as\s+)?(?:an?\s+|about\s+|exactly\s+)?{_NUM}\s*"
                          r"(?:v|volts?)\b")
# a gain said by a verb on the signal: "halve it", "double the input", "cut it in half"; a sign flipped by
# "flip its sign", "invert it", "negate it"
_SCALED = re.compile(r"\b(?:(?P<w>halv|doubl|tripl|quadrupl)(?:e|es|ed|ing)|(?P<q>quarter|third)(?:s|ed|ing)?)\s+"
                     r"(?:it|them|that|the\s+(?:signal|input|voltage|result|level|amplitude|value)"
                     r"|its\s+(?:amplitude|size|level|value|magnitude))\b"
                     r"|\bcut\w*\s+(?:it|them|the\s+\w+)\s+in\s+(?P<half>half)\b"
                     # "make the output half the input", "output is twice the input"
                     r"|\boutput\s+(?:\w+\s+){0,2}?(?P<f>half|a\s+third|a\s+quarter|twice|double|triple)\s+(?:of\s+)?"
                     r"(?:the\s+)?input\b")
# a swing in and the swing wanted out: "±50 mV in; I need ±5 V at the output" (not a supply: "on ±12 V", "±15 V rails")
_SWING = re.compile(rf"(?:±|\+/-)\s*{_NUM}\s*(?:v|volts?)\b(?!\s*(?:rails?|suppl\w*|op-?amp|dual))")
_SUPPLY_BEFORE = re.compile(r"\b(?:on|from|off|powered\s+(?:by|from)|suppl\w*|rails?\s+(?:of|at))\s+(?:a\s+|the\s+)?$")
_MAPPED = re.compile(r"\b(?:wants?|needs?|expects?|takes?|accepts?|to|onto|becom\w*|turn\w*|scal\w*|map\w*|"
                     r"out(?:put)?|gives?|giving|should)\b")
_SCALE_WORDS = {"halv": 0.5, "doubl": 2.0, "tripl": 3.0, "quadrupl": 4.0, "half": 0.5, "a third": 1 / 3,
                "a quarter": 0.25, "twice": 2.0, "double": 2.0, "triple": 3.0}
_SIGN_FLIPPED = re.compile(r"\b(?:flip|invert|negat|revers|chang)\w*\s+(?:its\s+|the\s+|their\s+)?(?:sign|polarity)\b"
                           r"|\b(?:invert|negat)(?:e|es|s|ed|ing)?\s+(?:it|them|that|the\s+(?:signal|input|voltage))\b"
                           r"|\bopposite\s+(?:sign|polarity)\b|\bupside[- ]down\b"
                           r"|(?<!non)(?<!non[- ])\binvert(?:ed|ing)\b(?!\s+(?:input|terminal|pin|node|side)s?\b)")


_SIDE_KIND = {("low", True): "low-pass filter", ("low", False): "high-pass filter",
              ("high", True): "high-pass filter", ("high", False): "low-pass filter"}


def _edge(low: str, kind: str) -> Stated | None:
    """The frequency a one-sided filter's words put its corner at: the edge between what passes and what is
    blocked ("anything above 200 Hz gets knocked down", "pass DC up to 1 kHz"), said once."""
    edges = []
    for side, pattern in (("low", _LOW), ("high", _HIGH)):
        for m in pattern.finditer(low):
            hz = re.search(rf"(?<![\w.]){_NUM}\s*(?:hz\b|(?<=k)(?!\w))", m[0])
            if hz and _SIDE_KIND.get((side, _passes(low, m))) == kind:  # type: ignore[arg-type]
                edges.append(Stated("edge", m.start() + hz.start(), m.start() + hz.end(), _si(hz[1], hz[2]),
                                    said=m[0]))
    return edges[0] if len({e.value for e in edges}) == 1 else None


def _signed(low: str, gain: float) -> float:
    """The gain with the sign the words give it: negative where they flip it ("flip its sign", "inverted"), not
    where they deny it ("without changing its polarity", "same sign")."""
    flips = any(not re.search(r"(?:\b(?:without|not|no|never|nor)|n't)\s+(?:\w+\s+){0,2}$", low[:f.start()])
                for f in _SIGN_FLIPPED.finditer(low))
    return -gain if flips and not re.search(r"\bsame\s+(?:sign|polarity|phase)\b|\bin\s+phase\b", low) else gain


def stated(low: str) -> list[Stated]:
    """The quantities the function the lower-cased request describes states, by what they are to it."""
    figures = _worded_figures(low)
    return [dataclasses.replace(s, start=a, end=b, said=re.sub(r"\s{2,}", " ", s.said))
            for s in _stated(in_digits(low)) for a, b in [_widened(s.start, s.end, figures)]]


def _stated(low: str) -> list[Stated]:
    found: list[Stated] = []
    concepts = {name: m for name, pattern in _CONCEPT_RES.items() if (m := pattern.search(low))}
    # "keep rail at 5 V whatever the battery does (7-12 V)", "pin lo at 2.7 V with one resistor and one diode"
    # (or a rail kept by a zener: "keep a rail steady at roughly 3.3 V off a 9 V battery, with a zener-type diode")
    if "hold" in concepts and ("varies" in concepts or _HELD_BY_DIODE.search(low)
                               or re.search(r"\bzener", low) and _RAIL_KEPT.search(concepts["hold"][0])
                               or _held_below_supply(low, concepts["hold"])):
        hold = concepts["hold"]
        held = list(_HELD_V.finditer(low, hold.start(), hold.end()))
        if held:
            h = held[0]
            found.append(Stated("held", h.start(), h.end(), _si(h[1] or h[3], h[2] or h[4]), said=hold[0]))
        for r in _RANGE_V.finditer(low):
            if held and r.start() <= held[0].start() < r.end():
                continue
            a, b = (_si(r[1], r[2]), _si(r[3], r[4])) if r[1] else (_si(r[5], r[6]), _si(r[7], r[8]))
            if a != b:
                found.append(Stated("input_range", r.start(), r.end(), max(a, b), min(a, b), said=r[0]))
                break
    if not any(s.what == "input_range" for s in found):
        # "from a 15-20 V input", "an input of 9 to 14 V": a range said of the input is the input's, held or not
        for r in _RANGE_V.finditer(low):
            a, b = (_si(r[1], r[2]), _si(r[3], r[4])) if r[1] else (_si(r[5], r[6]), _si(r[7], r[8]))
            if a != b and (_OF_INPUT_AFTER.match(low, r.end()) or _OF_INPUT_BEFORE.search(low, 0, r.start())):
                found.append(Stated("input_range", r.start(), r.end(), max(a, b), min(a, b), said=r[0]))
                break
    if m := _RATIO.search(low):
        amps = _si(m[3] or "1", m[4])
        found.append(Stated("ratio", m.start(), m.end(), float(f"{_si(m[1], m[2]) / amps:.12g}"), said=m[0]))
    elif (m := _PER_CURRENT.search(low)) and (amps := _si(m[1] or "1", m[2])) > 0:
        found.append(Stated("ratio", m.start(), m.end(), float(f"{_si(m[3], m[4]) / amps:.12g}"), said=m[0]))
    found += [Stated("tolerance", m.start(), m.end(), _si(m[1] or m[3], m[2] or m[4]), said=m[0])
              for m in _TOLERANCE.finditer(low)]
    if (filtered := _filter(low)) and filtered[1] == "high-pass filter" and (m := _EDGE.search(low)):
        hz = _si(*next((m[i], m[i + 1]) for i in range(1, len(m.groups()), 2) if m[i]))
        loss = _LOSS.search(low, m.start(), min(len(low), m.end() + 60))  # "... should lose more than 3 dB"
        # ("passes everything above roughly 50 Hz": an edge said approximately is the corner aimed at, no bound;
        # "keep everything above 40 Hz" names the corner too: only a demand, "must pass", makes the edge a bound)
        bounded = loss or _DC_BLOCK.search(low) and not re.search(r"\b(?:about|roughly|around)\b", m[0]) \
            and _MUST.search(low, m.start(), min(len(low), m.end() + 40))
        end = loss.end() if loss else m.end()  # the loss figure is the bound's own words
        found.append(Stated("pass_edge", m.start(), end, hz, bound="max" if bounded else None, said=low[m.start():end]))
    if (filtered := _filter(low)) and filtered[1] in ("low-pass filter", "high-pass filter") \
            and not any(f.what == "pass_edge" for f in found) and (edge := _edge(low, filtered[1])):
        found.append(edge)
    if (filtered := _filter(low)) and filtered[1] in ("low-pass filter", "high-pass filter") \
            and not any(f.what in ("pass_edge", "edge") for f in found) and (m := _CORNER_AT.search(low)):
        found.append(Stated("edge", m.start(), m.end(), _si(m[1], m[2]), said=m[0]))
    # (a tone a named oscillator makes is its frequency, no band passed: "a tone of about 440 Hz from a 555")
    if (filtered := _filter(low)) and filtered[1] == "band-pass filter" and not _MAKER.search(low) and \
            (m := next((a for a in _AROUND.finditer(low) if _passes(low, a)), None) or _band_figure(low, True)):
        # "only frequencies near 10 kHz should get through", "pick out the 50 kHz tone"
        found.append(Stated("band_pass", m.start(), m.end(), _si(m[1], m[2]), said=m[0]))
    if (filtered := _filter(low)) and filtered[1] == "notch filter":
        band = next((b for b in _BAND.finditer(low) if _passes(low, b) is False), None)
        # the band's frequency: after it ("a narrow band around 50 Hz") or just before it ("the 400 Hz whine")
        near = _AROUND.search(low, band.start() if band else 0)
        back = band and re.match(r"(?:that|this|the\s+same)\b", band[0])  # "kill that frequency": named before it
        near = near if band and near and near.start() - band.end() <= 40 and not back else \
            re.search(rf"(?<![\w.]){_NUM}\s*hz\s+(?:[\w-]+\s+)?$", low[:band.start()]) if band else None
        # "Hum at 60 Hz is ruining it; kill that frequency": the last figure before it that is not passed
        near = near or (_band_figure(low, False) if band else None)
        # ("kills 60 Hz": the band is the figure itself)
        near = re.compile(rf"{_NUM}\s*hz\b").match(low, band.start()) if band and band[0][:1].isdigit() else near
        if band and near:
            found.append(Stated("band_stop", near.start(), near.end(), _si(near[1], near[2]), said=near[0]))
            # "while passing 5 Hz and 500 Hz almost untouched": frequencies kept, each in the notch's passband
            for kept in re.finditer(rf"(?<![\w.]){_NUM}\s*hz\b", low):
                if not near.start() <= kept.start() < near.end() and _passes(low, kept) is True:
                    found.append(Stated("passed", kept.start(), kept.end(), _si(kept[1], kept[2]), said=kept[0]))
    spans = list(_SPAN.finditer(low))
    if len(spans) == 2 and re.search(r"\b(?:span\w*|map\w*|scal\w*|becom\w*|turn\w*|convert\w*|wants?|need\w*|"
                                     r"onto|range|same\s+signal)\b", low):
        (a0, a1), (b0, b1) = ((_si(s[1], s[2]), _si(s[3], s[4])) for s in spans)
        if a1 != a0:
            gain = (b1 - b0) / (a1 - a0)
            found.append(Stated("scale", spans[0].start(), spans[1].end(), gain, low=b0 - gain * a0,
                                said=f"{spans[0][0].strip()} ... {spans[1][0].strip()}"))
    if "steady_current" in concepts and (m := _LOAD_RANGE.search(low)):
        found.append(Stated("load_range", m.start(), m.end(), _si(m[1], m[2]), said=m[0]))
    if triangle := _triangle_made(low):  # its size is the integrator's, no input level
        found.append(triangle)
    if "rectify" in concepts and (m := _SAGS.search(low)):  # how far the smoothed DC falls between peaks
        found.append(Stated("ripple", m.start(), m.end(), _si(m[1] or m[3], m[2] or m[4]), said=m[0]))
    if "lag" in concepts and (m := _RISE_TIME.search(low)) and (t := _si(m[1], m[2])) > 0:
        found.append(Stated("delay", m.start(), m.end(), 0.35 / t, said=m[0]))  # 10-90 % in 2.2 RC: fc = 0.35/t
    if "clip" in concepts:
        # the diode drop a clipped node never passes is its limit, never the input's amplitude (a higher level is a
        # bias's or a zener's, which the request reader gives its role)
        end = m.end() if (m := _LEVEL_NEXT.match(low, concepts["clip"].end())) else concepts["clip"].end()
        end = m.end() if (m := _OR_PAST.match(low, end)) else end
        found += [Stated("clip", v.start(), v.end(), level, said=v[0])
                  for v in _CLIP_LEVEL.finditer(low, 0, end)
                  if v.start() >= concepts["clip"].start() and abs(level := _si(v[2], v[3])) <= 1]
    if m := _LOAD_R.search(low):
        found.append(Stated("load", m.start(), m.end(), _si(m[1] or m[3], m[2] or m[4]), said=m[0]))
    step = _STEP_TO.search(low) or (_POWER_UP.search(low) and _SUPPLY_LEVEL.search(low))
    after = 0 if step is None or step.re is _SUPPLY_LEVEL else step.end()
    # (the level before the step when none follows it: "node b must not reach 2.5 V until 10 ms after the 5 V step")
    if step and (m := _REACHED.search(low, after) or _STAYS_BELOW.search(low, after)
                 or next((r for r in (*_REACHED.finditer(low, 0, step.start()),
                                      *_STAYS_BELOW.finditer(low, 0, step.start()))), None)):
        top = _si(*next((step[i], step[i + 1]) for i in range(1, len(step.groups()), 2) if step[i]))
        level = top / 2 if m["half"] else _si(m[1], m[2])
        if 0 < level < top and (t := _si(m[4], m[5])) > 0:  # a first-order lag: v = V (1 - exp(-t / tau))
            found.append(Stated("delay", m.start(), m.end(), -math.log(1 - level / top) / (2 * math.pi * t),
                                said=m[0]))
    if ("i_to_v" in concepts or re.search(r"\btransimpedance|\bcurrent[- ]to[- ]voltage|\btia\b", low)) \
            and not any(f.what == "ratio" for f in found) and (m := _LEVEL_AT_CURRENT.search(low)):
        amps, volts = (_si(m[1], m[2]), _si(m[3], m[4])) if m[1] else (_si(m[5], m[6]), _si(m[7], m[8]))
        if amps > 0 and volts:  # the level at that current is the output's; volts per ampere the feedback
            found.append(Stated("ratio", m.start(), m.end(), float(f"{volts / amps:.12g}"), low=amps, said=m[0]))
    swings = [m for m in _SWING.finditer(low) if not _SUPPLY_BEFORE.search(low[max(0, m.start() - 25):m.start()])]
    if not any(f.what == "scale" for f in found) and len(swings) >= 2 \
            and _MAPPED.search(low, swings[0].end(), swings[1].start()) \
            and not re.search(r"\b(?:hysteresis|threshold|comparator|schmitt|clip\w*|limit\w*|window|trip\w*)", low):
        a, b = _si(swings[0][1], swings[0][2]), _si(swings[1][1], swings[1][2])
        if a > 0 and b > 0:
            found.append(Stated("scale", swings[0].start(), swings[1].end(), _signed(low, b / a),
                                said=f"{swings[0][0]} ... {swings[1][0]}"))
    if (m := _RAISED_TO.search(low)) and not any(f.what == "scale" for f in found) \
            and 0 < (a := _si(m[1], m[2])) < (b := _si(m[3], m[4])):
        found.append(Stated("scale", m.start(3), m.end(), _signed(low, b / a), said=m[0]))  # its input level kept
    if (m := _NEG_TIMES.search(low)) and not any(f.what == "scale" for f in found):
        found.append(Stated("scale", m.start(), m.end(), -float(m[1] or m[2] or m[3]), said=m[0]))
    # (a diode doubler or pump "doubles the voltage" as DC from AC: no gain)
    if (m := _SCALED.search(low)) and not re.search(r"\b(?:doubler|tripler|multiplier|charge[- ]pump|rectif\w*|"
                                                    r"frequenc\w*|pump\w*)", low):
        factor = 0.5 if m["half"] else 1 / _PARTS[m["q"]] if m["q"] else \
            _SCALE_WORDS[re.sub(r"\s+", " ", m["w"] or m["f"])]
        found.append(Stated("scale", m.start(), m.end(), _signed(low, factor), said=m[0]))
    return found


# a fraction of a stated level: "half of my 9 V battery", "a third of the 12 V rail"
_FRACTION = re.compile(r"(?<!positive\s)(?<!negative\s)\b(?:an?\s+|one\s+)?(half|third|quarter|fifth|tenth)\s+of\s+"
                       r"(?:the\s+|my\s+|its\s+|a\s+|an\s+)?"
                       rf"(?:[\w-]+\s+){{0,2}}?{_NUM}\s*(?:v|volts?)\b")
_FRACTION_OF_IT = re.compile(rf"(?<![\w.]){_NUM}\s*(?:v|volts?)\b[^.;]{{0,30}}?\b(?:to|into|at)\s+(?:an?\s+|one\s+)?"
                             r"(half|third|quarter|fifth|tenth)\s+of\s+(?:its|that|the)\s+(?:value|level|voltage)\b")
# a gain said as a negative multiple: "node y should be minus 4 times node x", "negative 2.5 times the input"
_NEG_TIMES = re.compile(r"\b(?:minus|negative)\s+(\d+(?:\.\d+)?)\s*(?:times|x)\b"
                        # "multiply it by minus two": the sign said with the factor
                        r"|\bmultipl\w*\s+(?:it\s+|them\s+|that\s+)?by\s+(?:minus|negative|-)\s*(\d+(?:\.\d+)?)(?![\w.])"
                        # "the input on node i times minus 4.7"
                        r"|\btimes\s+(?:minus|negative|-)\s*(\d+(?:\.\d+)?)(?![\w.])")
# the frequency of a wave a named oscillator makes: "a beep of about 2 kHz ... from an astable", "a square wave, about
# 10 kHz, ... from a 555" (a tone fed to a filter is its input, no frequency to make)
_MADE_AT = re.compile(rf"\b(?:tone|beep|note|buzz|whistle|sine|square|triangle|sawtooth|clock|wave|oscillation)\b"
                      rf"(?:\s+wave)?,?\s+(?:of\s+|at\s+)?{_ABOUT_W}{_NUM}\s*hz\b")
_MAKER = re.compile(r"\b(?:astable|oscillat\w*|multivibrator|555|generator|vco)\b")
_BY_DB = re.compile(r"[^.;]{0,60}?\bby\s+([\d.]+)\s*db\b")
_FACTOR = re.compile(rf"\bby\s+a\s+factor\s+of\s+{_ABOUT_W}(\d+(?:\.\d+)?)(?![\w.])")
# a level brought down to a fraction of itself, no level named: "cut it down to roughly a third", "drop to one tenth"
_TO_FRACTION = re.compile(rf"\bto\s+{_ABOUT_W}(?:an?\s+|one[\s-]+)(half|third|quarter|fifth|tenth)\b(?!\s+of\b)")
# a level a signal is to arrive at, with the node: "a 5 V logic high has to arrive as 3.3 V on node in33"
_ARRIVES_AS = re.compile(rf"\b(?:arriv\w*|com(?:e|es|ing)\s+out|end(?:s|ing)?\s+up|show(?:s|ing)?\s+up|appear\w*)\s+"
                         rf"(?:as|at)\s+(?:an?\s+|about\s+|roughly\s+)?{_NUM}\s*(?:v|volts?)\b"
                         r"(?:\s+(?:on|at)\s+(?:node\s+)?(?P<n>[a-z_]\w*))?")
_PARTS = {"half": 2, "third": 3, "quarter": 4, "fifth": 5, "tenth": 10}
# a gain written as an equation: "out = 11 x in", "vo = 3*vin"
_TIMES_IN = re.compile(r"\b(?:v?out(?:put)?|vo|v\(out\))\s*=\s*([-\u2212]?\s*\d+(?:\.\d+)?)\s*(?:x|×|\*|·|times)?\s*"
                       r"(?:the\s+)?(?:v?in(?:put)?|vin|v\(in\))\b")


# a gain written short before the amplifier's words: "x2 noninv", "x10 inverting amp", "×5 gain stage"
_TIMES_SHORT = re.compile(r"(?<![\w.])[x×]\s?(\d+(?:\.\d+)?)(?![\w.])[\s,]+(?:(?P<inv>inv(?:ert\w*)?\b)|non[- ]?inv\w*|"
                          r"amp\w*|gain|buffer|louder|bigger|op[- ]?amp)")


@dataclass(frozen=True)
class SpecRow:
    start: int  # the words that state it
    end: int
    quantity: str  # a request Spec's quantity
    target: float
    tolerance: float = 0.05
    bound: str | None = None
    at: float | None = None
    replaces: tuple[int, int] | None = None  # where a reader's spec of that quantity is no such spec


# a square integrated into a triangle of a stated size: the square's swing ("±1 V", "2 V peak") and rate, and the
# triangle's peak-to-peak ("a triangle of about 2 V peak-to-peak")
_PP = r"\s*(?:v|volts?)\s*(?:peak[- ]to[- ]peak|p-?p|pp)"
_TRIANGLE_PP = re.compile(rf"\btriang\w*\b(?:[^.;]|\.\d){{0,80}}?(?<![\w.]){_NUM}{_PP}\b"
                          rf"|(?<![\w.]){_NUM}{_PP}\s+triang")
_SQUARE_SWING = re.compile(rf"(?:±|\+/-|\+-)\s*{_NUM}\s*(?:v|volts?)\b"
                           rf"|(?<![\w.]){_NUM}\s*(?:v|volts?)[- ]?(?:peak|pk)\b(?![- ]to)")


def _triangle_made(low: str) -> Stated | None:
    """The integrator's unity-gain frequency that turns the square said into the triangle said: a square of
    peak A at f ramps A/(RC) for half a period, pp = A/(2 f R C) and fu = 1/(2 pi R C) = pp f/(pi A)."""
    shape = _shape_change(low)
    if not (shape and shape[1] == "square" and shape[2] in ("triangle", "triangular")
            and (pp := _TRIANGLE_PP.search(low)) and (swing := _SQUARE_SWING.search(low))
            and (hz := re.search(rf"(?<![\w.]){_NUM}\s*hz\b", low))):
        return None
    volts, peak, f = (_si(pp[1] or pp[3], pp[2] or pp[4]), _si(swing[1] or swing[3], swing[2] or swing[4]),
                      _si(hz[1], hz[2]))
    if min(volts, peak, f) <= 0:
        return None
    return Stated("triangle", pp.start(), pp.end(), float(f"{volts * f / (math.pi * peak):.6g}"), said=pp[0])


def function_specs(low: str) -> list[SpecRow]:
    """The specs the function words state: what a circuit read from its function is designed to and measured
    against (a reading is an assumption; only the request's own figures, measured, confirm it)."""
    figures = _worded_figures(low)
    return [dataclasses.replace(r, start=a, end=b) for r in _function_specs(in_digits(low))
            for a, b in [_widened(r.start, r.end, figures)]]


def _function_specs(low: str) -> list[SpecRow]:
    rows: list[SpecRow] = []
    found = stated(low)
    currents = {float(f"{_si(m[1], m[2]):.12g}") for m in _CURRENT.finditer(low)
                if not any(s.what == "ratio" and s.start <= m.start() < s.end for s in found)}
    near = re.search(r"\b(?:almost|nearly|essentially|practically|roughly|more\s+or\s+less)\b", low)
    concepts = {name: m for name, pattern in _CONCEPT_RES.items() if (m := pattern.search(low))}
    if "steady_current" in concepts and (amps := _CURRENT.search(low, concepts["steady_current"].start())):
        rows.append(SpecRow(amps.start(), amps.end(), "current", _si(amps[1], amps[2])))  # "push a steady 2 mA"
    if "divide" in concepts and "rectify" not in concepts and (m := _FRACTION.search(low)):
        rows.append(SpecRow(m.start(), m.end(), "vout", float(f"{_si(m[2], m[3]) / _PARTS[m[1]]:.12g}")))
    elif "divide" in concepts and (m := _FRACTION_OF_IT.search(low)):
        rows.append(SpecRow(m.start(), m.end(), "vout", float(f"{_si(m[1], m[2]) / _PARTS[m[3]]:.12g}")))
    elif ("divide" in concepts or "two_resistors" in concepts) and (m := _ARRIVES_AS.search(low)):
        rows.append(SpecRow(m.start(), m.end(), "vout", _si(m[1], m[2])))
    elif (m := _STEPPED_DOWN.search(low)) and 0 < _stepped(m, "b") < _stepped(m, "a") and (
            m["b"] or m["b3"] or m["b4"] or _DRAWN.search(low) and not re.search(
                r"\b(?:held|biased|sits?|set|node\s+\w+)\s+(?:at\s+)?$", low[:m.start()])):
        # "drop my 24 V rail to 12 V", "clean 5 V for a microcontroller from a 9 V battery": the level made
        made = next(g for g in ("b", "b3", "b2", "b4") if m[g])
        rows.append(SpecRow(*m.span(made), "vout", float(m[made])))
    elif {"divide", "two_resistors"} & concepts.keys() and (m := _TO_FRACTION.search(low)):
        rows.append(SpecRow(m.start(), m.end(), "gain", 1 / _PARTS[m[1]]))
    if m := _TIMES_IN.search(low):
        rows.append(SpecRow(m.start(), m.end(), "gain", float(m[1].replace("\u2212", "-").replace(" ", ""))))
    elif m := _TIMES_SHORT.search(low):  # "x2 noninv", "x10 inverting amp": the gain, its sign from the words after
        rows.append(SpecRow(m.start(), m.end(), "gain", -float(m[1]) if m["inv"] else float(m[1])))
    # a level raised by a figure in dB ("bring the level up by 26 dB", "boost my mic by 40 dB"): the amplifier's gain
    if "scale_up" in concepts and (db := _BY_DB.match(low, concepts["scale_up"].start())):
        rows.append(SpecRow(concepts["scale_up"].start(), db.end(), "gain_db", float(db[1]), 0.25))
    if (m := _MADE_AT.search(low)) and (_MAKER.search(low) or "self_running" in concepts) \
            and not re.search(r"\bfilter", low):
        rows.append(SpecRow(m.start(), m.end(), "frequency", _si(m[1], m[2])))
    # "turn the volume up by a factor of 3", "cut it down by a factor of 4": the gain, or one over it
    if (m := _FACTOR.search(low)) and not any(r.quantity in ("gain", "gain_db") for r in rows):
        start = max((c.end() for c in re.finditer(r"[.;,]\s", low[:m.start()])), default=0)
        factor = float(m[1])
        down = re.search(r"\b(?:down|reduc|cut|divid|attenuat|lower|smaller|shrink|drop)\w*", low[start:m.start()])
        if factor > 0:
            rows.append(SpecRow(m.start(), m.end(), "gain", 1 / factor if down else _signed(low, factor)))
    # a level knocked down by a loss in dB with no frequency named ("knock the level down by 20 dB with just
    # resistors"): the divider's gain at every frequency; a loss at a frequency is a filter's (the spec readers')
    if "divide" in concepts and (db := re.search(r"([\d.]+)\s*db\b", concepts["divide"][0])) \
            and not _filter(low) and not re.search(_HZ, low):
        start = concepts["divide"].start()
        rows.append(SpecRow(start, concepts["divide"].end(), "gain_db", -float(db[1]), 0.25))
    for s in found:
        if s.what == "held":  # the input's range states no output level ("falls from 14 V to 11 V")
            span = next(((r.start, r.end) for r in found if r.what == "input_range"), None)
            rows.append(SpecRow(s.start, s.end, "vout", s.value, replaces=span))
        elif s.what == "ratio" and s.low:  # "at 10 mA it should read 2.5 V": that level out
            rows.append(SpecRow(s.start, s.end, "vout", float(f"{s.value * s.low:.12g}")))
        elif s.what == "ratio" and len(currents) == 1:  # "1 V for every 10 uA" of a stated 10 uA: 1 V out
            rows.append(SpecRow(s.start, s.end, "vout", s.value * currents.pop()))
        elif s.what == "triangle" and (word := re.compile(r"triang\w*").search(low, s.start, s.end)):
            # the unity-gain frequency designs R C; the p-p itself is measured by no check here (an ideal
            # integrator's run from its operating point can wind up to a rail), so the spec stands on the word
            # "triangle" and the figure stays unconfirmed, never verified
            rows.append(SpecRow(word.start(), word.end(), "ugbw", s.value, 0.1))
        elif s.what == "ripple":  # a bound, as "under 0.5 V of ripple" is
            rows.append(SpecRow(s.start, s.end, "ripple", s.value, 0.0))
        elif s.what == "delay":  # the corner of the one RC whose step response takes that long to that level
            rows.append(SpecRow(s.start, s.end, "cutoff", s.value))
        elif s.what == "pass_edge":  # a bound: the corner at or below the lowest frequency passed
            rows.append(SpecRow(s.start, s.end, "cutoff", s.value, 0.3 if s.bound else 0.05, s.bound))
        elif s.what == "edge":  # where what passes meets what is blocked: the corner
            rows.append(SpecRow(s.start, s.end, "cutoff", s.value))
        elif s.what == "band_pass":
            rows.append(SpecRow(s.start, s.end, "center", s.value))
        elif s.what == "band_stop":
            rows.append(SpecRow(s.start, s.end, "notch", s.value))
        elif s.what == "passed":
            rows.append(SpecRow(s.start, s.end, "flat", 0.0, 3.0 if near else 1.0, at=s.value))
        elif s.what == "scale":
            rows.append(SpecRow(s.start, s.end, "gain", s.value, 0.02))
            if s.low and abs(s.low) > 1e-6 * abs(s.value):  # "1-2 V onto 0-5 V": a gain and an offset; no
                # recipe here shifts the level, so the offset stays a spec no check confirms, never verified
                rows.append(SpecRow(s.start, s.end, "offset", s.low))
    return rows


# The node a function's result is said at, when the words name it: "keep node rail at 5 V", "a voltage at vout of
# 1 V for every 10 uA", "make z go high only while both x and y are high".
_HELD_AT = re.compile(r"\b(?:keep|hold|maintain|regulat|pin|stabili[sz])\w*\s+"
                      r"(?:node\s+(?P<n>[a-z_]\w*)|(?P<o>v?out))\s+"
                      r"(?:at|to|on)\s+(?:a\s+)?(?:steady\s+|constant\s+|stable\s+|fixed\s+)?[-+]?\d"
                      # "keep a steady 5 V at node rail", "3.3 V at vo, constant"
                      r"|\b(?:(?:keep|hold|maintain|regulat|pin|stabili[sz])\w*\s+(?:an?\s+)?(?:steady\s+|constant\s+|"
                      r"stable\s+|fixed\s+|regulated\s+)?)?[-+]?\d+(?:\.\d+)?\s*v\s+(?:at|on)\s+(?:node\s+)?"
                      r"(?P<m>[a-z_]\w*)\b(?=[^.;]{0,30}?\b(?:steady|constant|stable|fixed|regulated|whatever|while|"
                      r"regardless|even|no\s+matter)\b)"
                      r"|\b(?:keep|hold|maintain|regulat|pin|stabili[sz])\w*\s+(?:an?\s+)?(?:steady\s+|constant\s+|"
                      r"stable\s+|fixed\s+|regulated\s+)?[-+]?\d+(?:\.\d+)?\s*v\s+(?:at|on)\s+(?:node\s+)?(?P<k>[a-z_]\w*)")
# the held node said by its state: "the steady node is r33", "regulated rail: v5", "the stable output = vq"
_HELD_NODE = re.compile(r"\b(?:steady|held|regulated|stable|constant|fixed)\s+(?:node|rail|output|line|supply)\s+"
                        r"(?:is\s+(?:called\s+|named\s+)?|=\s*|:\s*)(?:node\s+)?(?P<n>[a-z_]\w*)\b(?<!\bthe)(?<!\ba)")
_VOLTAGE_AT = re.compile(r"\b(?:a|the)\s+(?:proportional\s+)?voltage\s+(?:at|on)\s+(?:node\s+)?(?P<n>[a-z_]\w*)\b")
_GATE_OUT = re.compile(r"\b(?:make\s+|node\s+|output\s+)?(?P<n>[a-z_]\w{0,5})\s+(?:go|goes|is|be|stays?|sits?)\s+"
                       r"(?:only\s+)?"
                       r"(?:to\s+)?(?:logic\s+)?(?:high|low|1|0)\b")


# DC kept off a load: the load's node is the output ("into a 10k input (10k from amp to ground)"), the node the
# source is said at the input ("the source at src", "a preamp output (node pre)")
_DC_BLOCK = re.compile(r"\bac[- ]?coupl\w*|\bdc[- ]?block\w*"
                       r"|\b(?:block|keep|stop|strip|remov|kill|eliminat|get\s+rid\s+of|drop|tak)\w*\s+(?:\S+\s+){0,3}?dc\b"
                       r"|\b(?:no|without)\s+(?:its\s+|the\s+|any\s+)?dc\b|\bcoupl\w*\s+(?:\S+\s+){0,6}?(?:into|to)\b"
                       r"|\btak\w*\s+(?:the\s+|its\s+|any\s+)?dc\s+(?:off|out|away)\b")
# the node the DC is taken off, said by its level: "so that node clean sits at 0 V DC"
_SITS_AT_ZERO = re.compile(r"\bnode\s+(?P<n>[a-z_]\w*)\s+(?:\w+\s+)?(?:sits?|stays?|rests?|is|ends?\s+up|centres|"
                           r"centers)\s+"
                           r"(?:at|on|around)\s+(?:0|zero)\s*(?:v\b|volts?\b)")
_LOAD_AT = re.compile(rf"(?<![\w.]){_NUM}\s*(?:ω|ohms?)?\s*(?:resistor\s+|load\s+)?from\s+(?:node\s+)?(?P<n>[a-z_]\w*)"
                      r"\s+to\s+"
                      r"(?:ground|gnd|0)\b"
                      # "y has 22k to ground", "node b sees 10k to ground"
                      rf"|\b(?:node\s+)?(?P<m>[a-z_]\w*)\s+(?:has|sees)\s+(?:an?\s+)?{_NUM}\s*(?:ω|ohms?)?\s*"
                      r"(?:resistor\s+|load\s+)?to\s+(?:ground|gnd)\b")
_SOURCE_AT = re.compile(r"\b(?:source|signal|audio|preamp|output)\s+(?:is\s+)?(?:at|on)\s+(?:node\s+)?(?P<n>[a-z_]\w*)"
                        r"|\b(?:source|signal|preamp|output)\s+\(node\s+(?P<p>[a-z_]\w*)\)")


# the node a signal to be filtered is said at: "a noisy sensor signal on node s", "the tone at node a"
# ... or "from the blend on node bl": the signal a request starts from, whatever its noun
_SIGNAL_ON = re.compile(r"\b(?:signal|tone|audio|sine|input|dc|mix)\s+(?:is\s+)?(?:at|on|from)\s+node\s+"
                        r"(?P<n>[a-z_]\w*)|^\s*from\s+(?:the|my|a|an|our)\s+(?:[\w-]+\s+){1,2}?(?:at|on)\s+node\s+"
                        r"(?P<m>[a-z_]\w*)")


# the node a current is pushed into: "into node lk", "between node ld and ground", "the load from node heat to gnd"
_FED_NODE = re.compile(r"\bbetween\s+(?:node\s+)?(?P<n>[a-z_]\w*)\s+and\s+(?:ground|gnd)\b"
                       r"|\bfrom\s+node\s+(?P<m>[a-z_]\w*)\s+to\s+(?:ground|gnd)\b|\binto\s+node\s+(?P<k>[a-z_]\w*)")
# the loads a current source must drive, a range and no part: "for loads anywhere from 0 to 1k", "anything from a
# short to 2k"
_LOAD_RANGE = re.compile(r"\b(?:loads?|anything|whatever)\b[^.;]{0,20}?\bfrom\s+(?:a\s+short|0|zero)\s*(?:ω|ohms?)?\s+"
                         rf"(?:to|up\s+to)\s+{_NUM}\s*(?:ω|ohms?)?")
# a wave's node: "on node clk", "(node sqw)"; after the shape out, its words between ("a triangle of about 4 V p-p on
# node ramp")
_ON_NODE = re.compile(r"(?:[\s,]+(?:[-+]?[\d.]+\s*[a-z-]*|[a-z-]+)){0,6}?[\s,]*\(?(?:(?:on|at)\s+)?"
                      r"node\s+(?P<n>[a-z_]\w*)")
# the nodes of a level held back for a time: the step's ("5 V hits node v5", "VDD appears on node vdd3 at t = 0.5 ms")
# and the one that stays below ("node por should stay under 1.65 V for 5 ms")
# ("when node n1 steps from 0 to 3 v": the node said before its verb first)
_STEP_NODE = re.compile(r"\bnode\s+(?P<m>[a-z_]\w*)\s+(?:jumps|steps|switches|snaps|goes)\s+(?:up\s+)?(?:from|to)\b"
                        r"|\b(?:hits|appears|arrives|jumps|steps|switches|comes\s+up)\b(?:[^.;]|\.\d){0,40}?"
                        r"\b(?:on|at)?\s*node\s+(?P<n>[a-z_]\w*)")
_STAYS_NODE = re.compile(r"\bnode\s+(?P<n>[a-z_]\w*)\s+(?:\w+\s+){0,2}?(?:to\s+)?(?:stay|remain)\w*\s+"
                         r"(?:low\s*[(,]?\s*)?(?:below|under|beneath|lower|less)\b")


def _blocks_dc(low: str) -> bool:
    return bool(_DC_BLOCK.search(low)) and (_filter(low) or ("", ""))[1] == "high-pass filter"


def function_input(low: str) -> str | None:
    """The input node the lower-cased request's function words name, if they name one: where the source whose
    DC is kept off a load is said to be."""
    low = in_digits(low)
    if _blocks_dc(low) and _LOAD_AT.search(low) and (m := _SOURCE_AT.search(low)):
        return m["n"] or m["p"]
    # "smooth the noisy signal on node s" (not the one wanted: "I want just the 1 khz tone at node t", an output)
    if _filter(low) and (m := next((m for m in _SIGNAL_ON.finditer(low) if not re.search(
            r"\b(?:want|need|get|keep|leave)\s+(?:just\s+|only\s+)?(?:the\s+)?(?:[\d.]+\s*[kmg]?hz\s+)?$",
            low[max(0, m.start() - 40):m.start()])), None)):
        return m["n"] or m["m"]
    if _delayed(low) and (m := _STEP_NODE.search(low)):
        return m["m"] or m["n"]
    if (into := _INTO.search(low)) and (m := _ON_NODE.search(low, into.start(1), into.start(2))):
        return m["n"]  # "the square wave on node clk into a triangle"
    if (m := _SCALED_COPY.search(low) or _SCALED_SIGNAL.search(low)) and not {m["o"], m["i"]} & _NOT_PORTS:
        return m["i"]
    return None


def _delayed(low: str) -> bool:
    return any(s.what == "delay" for s in _stated(low))


def function_output(low: str) -> str | None:
    """The output node the lower-cased request's function words name, if they name one."""
    low = in_digits(low)
    concepts = {name for name, pattern in _CONCEPT_RES.items() if pattern.search(low)}
    if _blocks_dc(low) and (m := _LOAD_AT.search(low) or _SITS_AT_ZERO.search(low)):
        return m["n"] or m["m"]
    if {"hold", "varies"} <= concepts and (m := _HELD_AT.search(low)):
        return m["n"] or m["o"] or m["m"] or m["k"]
    if "hold" in concepts and (m := _HELD_NODE.search(low)):
        return m["n"]
    if {"divide", "two_resistors"} & concepts and (m := _ARRIVES_AS.search(low)) and m["n"]:
        return m["n"]
    if _delayed(low) and (m := _STAYS_NODE.search(low)):
        return m["n"]
    if (into := _INTO.search(low)) and (m := _ON_NODE.match(low, into.end())):
        return m["n"]  # "... into a triangle of about 4 V peak-to-peak on node ramp"
    if (m := _SCALED_COPY.search(low) or _SCALED_SIGNAL.search(low)) and not {m["o"], m["i"]} & _NOT_PORTS:
        return m["o"]
    if "steady_current" in concepts and (m := _FED_NODE.search(low)):
        return m["n"] or m["m"] or m["k"]
    if "i_to_v" in concepts and (m := _VOLTAGE_AT.search(low)) and m["n"] not in ("in", "the", "a"):
        return m["n"]
    if (gate := _gate(low)) and (m := _GATE_OUT.search(low, max(0, low.find(gate[0].split(" ... ")[0]) - 20))):
        return None if m["n"] in ("it", "output", "out put", "the", "and", "is", "which", "that") else m["n"]
    if _filter(low) and (m := _WANTED_ONLY.search(low)):
        return m["n"]  # "I want just the 1 khz tone at node t1k"
    return None


# "I want just the 2 kHz tone at node t2k", "keep only the bass on node lo": what a filter leaves, where
_WANTED_ONLY = re.compile(r"\b(?:want|need|get|keep|leave)\s+(?:just|only)\s+(?:the\s+)?(?:[\w.-]+\s+){0,3}?"
                          r"(?:at|on)\s+node\s+(?P<n>[a-z_]\w*)")
