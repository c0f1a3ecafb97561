"""ngspice: the sandboxed runner that every simulation goes through."""
