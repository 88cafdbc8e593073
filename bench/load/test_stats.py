"""The percentiles the load report prints: checked against hand-computed values and the stdlib."""

import random
import statistics

import pytest
from stats import percentile, summarize


def test_interpolates_between_ranks() -> None:
    values = [10.0, 20.0, 30.0, 40.0]
    assert percentile(values, 0) == 10.0
    assert percentile(values, 1) == 40.0
    assert percentile(values, 0.5) == pytest.approx(25.0)
    assert percentile(values, 0.95) == pytest.approx(38.5)  # rank 2.85: 30 + 0.85 * 10


def test_order_of_the_input_does_not_matter() -> None:
    values = [5.0, 1.0, 4.0, 2.0, 3.0]
    assert percentile(values, 0.5) == 3.0
    assert percentile(values, 0.25) == 2.0


def test_agrees_with_statistics_quantiles_inclusive() -> None:
    rng = random.Random(12)  # noqa: S311 - sample data
    values = [rng.expovariate(1 / 80) for _ in range(1001)]
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    for q in (50, 95, 99):
        assert percentile(values, q / 100) == pytest.approx(cuts[q - 1])


def test_a_single_value_is_every_percentile() -> None:
    assert percentile([7.0], 0.99) == 7.0


def test_refuses_nonsense() -> None:
    with pytest.raises(ValueError):
        percentile([], 0.5)
    with pytest.raises(ValueError):
        percentile([1.0], 1.5)


def test_summary_of_a_long_tail() -> None:
    values = [0.01] * 98 + [1.0, 2.0]
    summary = summarize(values)
    assert summary is not None
    assert summary.count == 100
    assert summary.p50 == pytest.approx(0.01)
    assert summary.p95 == pytest.approx(0.01)
    assert summary.p99 == pytest.approx(1.01)  # rank 98.01 sits between 1.0 and 2.0
    assert summary.max == 2.0
    assert summary.mean == pytest.approx((0.98 + 3.0) / 100)
    assert summarize([]) is None
