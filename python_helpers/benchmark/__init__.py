"""Benchmark of the dbt build against the floor of one DuckDB pass over the events.

For each demo size it generates the data outside the repository and splits
the events into all days but the last and the last day. It then measures a
full `dbt build` on all days but the last and an incremental `dbt build`
that adds the last day. The floor is one DuckDB query that reads the same
events as the full build and aggregates them per account and day. Each step
runs in its own process, and its wall time and peak resident memory are
recorded.
"""
