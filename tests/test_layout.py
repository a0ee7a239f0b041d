"""The shape the code keeps: small modules, and `filmbase/` as the project's wiring only.

Each rule broke once without anyone noticing (`filmbase/` grew past its 800 lines as
settings were added), so a test holds them.
"""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("core", "filmbase", "films", "people", "bench")


def lines(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines())


def hand_written(package: str) -> list[Path]:
    """Return the package's Python modules, migrations aside (Django writes those)."""
    return [
        path
        for path in sorted((ROOT / package).rglob("*.py"))
        if "migrations" not in path.relative_to(ROOT).parts
    ]


@pytest.mark.parametrize("package", PACKAGES)
def test_no_module_runs_over_500_lines(package):
    modules = hand_written(package)
    assert modules, f"{package}/ has no module: the test reads the wrong folder"
    too_long = {str(path.relative_to(ROOT)): lines(path) for path in modules if lines(path) > 500}
    assert too_long == {}


def test_the_project_wiring_stays_under_800_lines():
    total = sum(lines(path) for path in hand_written("filmbase"))
    assert 0 < total < 800
