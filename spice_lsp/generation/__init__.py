"""Generation: from a description to a verified netlist (reader, families, pipeline, retrieval, language models)."""
