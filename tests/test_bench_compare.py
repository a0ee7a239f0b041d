"""bench/compare.py judges the new tree against the old from per-round ratios."""

from bench import compare


def _round(factor: float, cpu: float = 10.0) -> dict:
    old = {name: {"cpu_ms": cpu, "wall_ms": cpu, "queries": 5} for name, *_ in compare.COMPARED}
    new = {
        name: {"cpu_ms": cpu * factor, "wall_ms": cpu * factor, "queries": 5}
        for name, *_ in compare.COMPARED
    }
    return {"old": old, "new": new}


def test_the_ratio_is_the_median_of_the_rounds_ratios():
    rounds = [_round(1.0), _round(1.3, cpu=20.0), _round(1.1)]
    summary = compare.summarise(rounds, 1.15)
    cpu = summary["film detail"]["cpu_ms"]
    assert cpu["ratios"] == [1.0, 1.3, 1.1]
    assert round(cpu["ratio"], 3) == 1.1
    assert cpu["passed"]
    assert cpu["old"] == 10.0


def test_a_miss_is_marked_and_the_barred_urls_come_first():
    summary = compare.summarise([_round(1.2)], 1.15)
    text = compare.table(summary, 1.15)
    assert "| film detail (bar) | 10.00 | 12.00 | 1.20 ✗ |" in text
    assert list(summary)[:3] == list(compare.BARRED)


def test_without_a_bar_nothing_is_marked():
    text = compare.table(compare.summarise([_round(30.0)], 1.15), None)
    assert "| film detail | 10.00 | 300.00 | 30.00 | 10.00 | 300.00 | 30.00 | 5 / 5 |" in text
    assert "✗" not in text
