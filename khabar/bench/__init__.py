"""The bench: synthetic reports, and how fast khabar extracts, ingests and compiles them.

    python -m khabar.bench [--docs 2000] [--json out/bench/bench.json]
"""
