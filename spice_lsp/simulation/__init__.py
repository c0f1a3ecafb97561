"""Simulation in the editor and on the command line: planning runs, reading plots, reports."""
