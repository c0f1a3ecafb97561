"""Drawing a plot of a run (matplotlib, imported only when a plot is drawn): the signals worth
showing, AC magnitude and phase with the -3 dB points marked, SVGs that follow the editor's
colours."""
from __future__ import annotations

import math
import re
import threading
from pathlib import Path

from spice_lsp.simulation.rawfile import RawPlot
from spice_lsp.simulation.report import eng

MAX_SIGNALS = 8  # lines per plot when the deck names none (.save/.print/.plot/.probe)
_THEME = "#123457"  # drawn in this colour, then written as `currentColor` (see _theme_aware)


def _signals(plot: RawPlot, wanted: list[str]) -> tuple[list[str], int]:
    """The vectors to draw, and how many could have been."""
    import numpy as np
    names = [n for n, _ in plot.variables[1:]]
    chosen = [n for n in wanted if n in plot.data]
    if chosen:
        return chosen[:MAX_SIGNALS], len(chosen)
    voltages = [n for n, kind in plot.variables[1:] if kind == "voltage" and "." not in n and "#" not in n]
    candidates = voltages or names
    varying = [n for n in candidates if np.ptp(np.abs(plot.data[n])) > 1e-9 * (np.max(np.abs(plot.data[n])) + 1e-30)]
    pool = varying or candidates
    named = [n for n in pool if re.search(r"out", n)][:MAX_SIGNALS]
    rest = [n for n in pool if n not in named]
    room = MAX_SIGNALS - len(named)  # the others spread evenly from first to last node
    spread = rest if len(rest) <= room else [rest[round(k * (len(rest) - 1) / max(room - 1, 1))] for k in range(room)]
    return named + [n for n in rest if n in spread], len(pool)


def _unit(name: str, kind: str = "") -> str:
    if kind in ("time",) or name == "time":
        return "s"
    if kind == "frequency" or name == "frequency":
        return "Hz"
    if name.startswith("i(") or kind == "current" or name.endswith("#branch"):
        return "A"
    if "temp" in name:
        return "°C"
    return "V"


def minus_3db_points(frequency, values) -> list[float]:
    """Frequencies where |values| falls or rises through 3 dB below its maximum (log-interpolated)."""
    import numpy as np
    db = 20 * np.log10(np.maximum(np.abs(values), 1e-300))
    level = float(np.max(db)) - 3.0103
    found = []
    for k in range(len(db) - 1):
        a, b = db[k] - level, db[k + 1] - level
        if a == 0 or a * b < 0:
            f0, f1 = math.log10(max(frequency[k], 1e-300)), math.log10(max(frequency[k + 1], 1e-300))
            found.append(10 ** (f0 + (f1 - f0) * (a / (a - b) if a != b else 0)))
    return found


def _theme_aware(svg: str) -> str:
    """Text and axes in `currentColor` on a transparent ground: an SVG placed inline in VS Code's
    webview takes the editor's foreground colour; as a file it falls back to dark grey."""
    svg = svg.replace(_THEME, "currentColor")
    return re.sub(r"<svg ", '<svg style="color: var(--vscode-editor-foreground, #333333)" ', svg, count=1)


def draw(plot: RawPlot, wanted: list[str], target: Path, title: str, sweep: str = "") -> list[str]:
    """Write one plot (SVG or PNG by suffix); returns notes (the -3 dB points, signals left out).
    `sweep` names what a DC analysis sweeps (V1, I2, temp)."""
    import matplotlib
    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt
    import numpy as np
    from matplotlib.ticker import EngFormatter

    svg = target.suffix.lower() == ".svg"
    colour = _THEME if svg else "#222222"
    style = {"text.color": colour, "axes.labelcolor": colour, "axes.edgecolor": colour,
             "xtick.color": colour, "ytick.color": colour, "grid.color": colour, "grid.alpha": 0.25,
             "svg.fonttype": "none", "font.size": 9, "legend.frameon": False}
    signals, available = _signals(plot, wanted)
    notes = [] if available <= len(signals) else [
        f"{title}: drew {len(signals)} of {available} signals; name the ones you want with .save or .print"]
    scale_name, scale_kind = plot.variables[0]
    x = np.real(plot.scale)
    with plt.rc_context(style):  # type: ignore[arg-type]  # matplotlib types the keys as literals
        if plot.kind == "ac":
            fig, (mag, phase) = plt.subplots(2, 1, sharex=True, figsize=(7.5, 5.2))
            for name in signals:
                values = plot.data[name]
                peak = 20 * np.log10(max(float(np.max(np.abs(values))), 1e-300))
                corners = minus_3db_points(x, values)
                label = name + "".join(f", −3 dB at {eng(f3, 'Hz')}" for f3 in corners[:2])
                line, = mag.semilogx(x, 20 * np.log10(np.maximum(np.abs(values), 1e-300)), label=label)
                phase.semilogx(x, np.degrees(np.unwrap(np.angle(values))), color=line.get_color())
                for f3 in corners:
                    mag.plot([f3], [peak - 3.0103], "o", color=line.get_color(), markersize=5)
                    if len(signals) == 1:
                        mag.annotate(f"−3 dB: {eng(f3, 'Hz')}", (f3, peak - 3.0103), textcoords="offset points",
                                     xytext=(6, 6), fontsize=8)
                    notes.append(f"{title}: {name} is 3 dB below its peak at {eng(f3, 'Hz')}")
            mag.set_ylabel("magnitude (dB)")
            phase.set_ylabel("phase (°)")
            phase.set_xlabel("frequency")
            phase.xaxis.set_major_formatter(EngFormatter(unit="Hz"))
            axes: tuple = (mag, phase)
        else:
            fig, ax = plt.subplots(figsize=(7.5, 4.2))
            units = {_unit(n, dict(plot.variables).get(n, "")) for n in signals}
            for name in signals:
                ax.plot(x, np.real(plot.data[name]), label=name)
            unit = units.pop() if len(units) == 1 else ""
            ax.set_ylabel({"V": "voltage", "A": "current"}.get(unit, "value"))
            ax.yaxis.set_major_formatter(EngFormatter(unit=unit))
            x_unit = _unit(scale_name, scale_kind)
            if plot.kind == "dc" and sweep:
                x_unit = {"i": "A", "v": "V"}.get(sweep[0].lower(), "°C" if sweep.lower() == "temp" else "")
            ax.set_xlabel({"tran": "time", "dc": f"{sweep or scale_name} (swept)"}.get(plot.kind, scale_name))
            ax.xaxis.set_major_formatter(EngFormatter(unit=x_unit))
            if plot.kind == "noise" and np.all(x > 0):
                ax.set_xscale("log")
            axes = (ax,)
        for ax in axes:
            ax.grid(True, which="major")
            ax.set_facecolor("none")
        axes[0].set_title(title)
        axes[0].legend(loc="best", fontsize=8)
        fig.patch.set_alpha(0 if svg else 1)
        # Fixed margins: tight_layout would draw the whole figure once more (half the time).
        fig.subplots_adjust(left=0.12, right=0.98, top=0.93, bottom=0.1 if plot.kind == "ac" else 0.12,
                            hspace=0.08)
        target.parent.mkdir(parents=True, exist_ok=True)
        fig.savefig(target, transparent=svg, dpi=120)
        plt.close(fig)
    if svg:
        target.write_text(_theme_aware(target.read_text(encoding="utf-8")), encoding="utf-8")
    return notes


_warming: list = []


def warm_up() -> None:
    """Import matplotlib in a background thread (once): the first plot then costs no import."""
    if not _warming:
        _warming.append(threading.Thread(target=_import_plotting, name="spice-lsp-plot-import", daemon=True))
        _warming[0].start()


def _import_plotting() -> None:
    try:
        import matplotlib
        matplotlib.use("Agg", force=False)
        import matplotlib.pyplot  # noqa: F401
    except ImportError:  # reported by the first plot instead
        pass
