"""ngspice's rawfile: the plots a run wrote with `write`, as columns of numbers by vector name."""
from __future__ import annotations

from array import array
from dataclasses import dataclass, field

try:
    import numpy  # with matplotlib: plots; without, the values still come back
except ImportError:
    numpy = None  # type: ignore[assignment]

_PLOT_KINDS = {"transient analysis": "tran", "ac analysis": "ac", "dc transfer characteristic": "dc",
               "operating point": "op", "noise spectral density curves": "noise", "integrated noise": "noise",
               "transfer function": "tf", "sensitivity analysis": "sens", "pole-zero analysis": "pz",
               "distortion - 2nd harmonic": "disto", "s-parameter analysis": "sp"}


@dataclass
class RawPlot:
    title: str
    plotname: str
    kind: str  # tran ac dc op noise ... ("" when unknown)
    variables: list[tuple[str, str]]  # (name, type): the first is the scale (time, frequency...)
    data: dict = field(default_factory=dict)  # name -> numpy array (complex for AC)

    @property
    def scale(self):
        return self.data[self.variables[0][0]]


def read_raw(raw: bytes) -> list[RawPlot]:
    """Every plot of a binary (or ASCII) rawfile as written by ngspice's `write`. Columns are numpy
    arrays when numpy is installed, else lists: the op table and values need no numpy."""
    plots, at = [], 0
    while at < len(raw):
        header: dict[str, str] = {}
        variables: list[tuple[str, str]] = []
        while at < len(raw):
            end = raw.find(b"\n", at)
            end = len(raw) if end < 0 else end
            line = raw[at:end].decode("utf-8", "replace")
            at = end + 1
            if line.startswith("\t") or (header.get("variables") is not None and line[:1].isspace()):
                words = line.split()
                if len(words) >= 3:
                    variables.append((words[1].lower(), words[2].lower()))
                continue
            key, _, value = line.partition(":")
            key = key.strip().lower()
            header[key] = value.strip()
            if key in ("binary", "values"):
                break
        if "binary" not in header and "values" not in header:
            break
        points = int(header.get("no. points", "0"))
        is_complex = "complex" in header.get("flags", "").lower()
        width = len(variables) * (2 if is_complex else 1)
        values = array("d")  # ngspice writes doubles in the machine's byte order
        if "binary" in header:
            values.frombytes(raw[at:at + points * width * 8])
            at += points * width * 8
        else:  # ASCII: "index<TAB>value" then one value a line; complex as "re,im"
            numbers = []
            for _ in range(points * len(variables)):
                end = raw.find(b"\n", at)
                end = len(raw) if end < 0 else end
                numbers += [float(x) for x in raw[at:end].split()[-1].split(b",")]
                at = end + 1
            values.extend(numbers)
        columns: list  # of doubles, complex numbers, or numpy arrays
        if is_complex:
            columns = [[complex(re_, im) for re_, im in zip(values[2 * i::width], values[2 * i + 1::width])]
                       for i in range(len(variables))]
        else:
            columns = [values[i::width] for i in range(len(variables))]
        if numpy is not None:
            columns = [numpy.asarray(c) for c in columns]
        plotname = header.get("plotname", "")
        plots.append(RawPlot(header.get("title", ""), plotname, _PLOT_KINDS.get(plotname.lower(), ""),
                             variables, dict(zip((name for name, _ in variables), columns))))
    return [p for p in plots if p.plotname.lower() != "constants"]
