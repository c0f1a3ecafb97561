"""What a simulation may take: the editor's `simulation` options and the CLI's flags."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass
class SimulationOptions:
    """Editor options (initializationOptions.simulation)."""

    timeout_s: float = 60.0  # per run of ngspice
    memory_mb: int = 2048
    max_output_mb: int = 64  # printed output and the rawfile each
    show_message: bool = True  # also send the summary and plot paths as window/showMessage
    run_control: bool = False  # run the deck's own .control blocks (only under OS isolation)
