"""The shared core under every stage: paths, lock, clock, Dutch formats, vocabulary, logboek.

Every stage (ingest, warehouse, dashboard, demo, bench) imports ``core``; ``core`` imports no
stage, so a rule that more than one stage needs lives here once.
"""
