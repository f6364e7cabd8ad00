"""The web bench stage's figures: nearest-rank percentiles of latencies."""

from __future__ import annotations

from khabar.bench.web_stage import _percentile


def test_percentiles_are_nearest_rank_in_milliseconds() -> None:
    latencies = [i / 1000 for i in range(1, 101)]  # 1..100 ms
    assert (_percentile(latencies, 50), _percentile(latencies, 99), _percentile(latencies, 100)) == (50.0, 99.0, 100.0)
    assert _percentile([0.25], 99) == 250.0
