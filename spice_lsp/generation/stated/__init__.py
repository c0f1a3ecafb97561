"""What a request states about its circuit that no reader turns into a constraint or a spec, each checked on the
answer or failed: verified only what was measured.

reading.py is the one reader both kinds of check share (the request's clauses, the answer's sources, .params,
waveforms and transient); nodes.py, sources.py, analyses.py and parts.py check the netlist as written;
measured.py checks what only a run of ngspice shows; checks.py runs them all in the order the checklist reports.
"""
