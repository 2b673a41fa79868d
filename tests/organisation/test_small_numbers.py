"""The small-number rule: which cells are hidden, and that no sum gives a hidden one away."""

import pytest

from borgerraadgiver.organisation.small_numbers import EXACT, SmallNumbers, Sum, hidden_cells

RULE = SmallNumbers(3)


@pytest.mark.parametrize(
    ("cells", "sums", "hidden"),
    [
        # Nothing small: nothing hidden.
        ({"t": 9, "a": 4, "b": 5}, [Sum("t", ("a", "b"))], set()),
        # Zero points at nobody: shown.
        ({"t": 9, "a": 0, "b": 9}, [Sum("t", ("a", "b"))], set()),
        # One small part: the smallest other part with a count is hidden too.
        ({"t": 20, "a": 1, "b": 4, "c": 15}, [Sum("t", ("a", "b", "c"))], {"a", "b"}),
        # Two small parts protect each other.
        ({"t": 13, "a": 1, "b": 2, "c": 10}, [Sum("t", ("a", "b", "c"))], {"a", "b"}),
        # A small total hides its (small) parts; zeros stay.
        ({"t": 2, "a": 2, "b": 0}, [Sum("t", ("a", "b"))], {"t", "a"}),
        # Only zeros beside a small part: the total is hidden instead.
        ({"t": 5, "a": 2, "b": 0}, [Sum("t", ("a", "b"))], {"t", "a"}),
        # A cell hidden for one sum exposes another: hidden there too (rows and columns).
        (
            {"r1": 11, "r2": 14, "c1": 6, "c2": 19, "a": 1, "b": 10, "c": 5, "d": 9},
            [
                Sum("r1", ("a", "b")),
                Sum("r2", ("c", "d")),
                Sum("c1", ("a", "c")),
                Sum("c2", ("b", "d")),
            ],
            {"a", "b", "c", "d"},
        ),
    ],
)
def test_small_counts_and_the_cells_that_would_give_them_away_are_hidden(cells, sums, hidden):
    found = hidden_cells(RULE, cells, sums)
    assert found == hidden
    for one in sums:  # no sum has exactly one hidden member: none can be worked out
        assert sum(key in found for key in (one.total, *one.parts)) != 1


def test_an_advisor_sees_every_count():
    assert hidden_cells(EXACT, {"t": 3, "a": 1, "b": 2}, [Sum("t", ("a", "b"))]) == frozenset()


def test_a_cell_hidden_to_protect_another_is_never_small():
    cells = {"t": 30, "a": 1, "b": 0, "c": 3, "d": 26}
    found = hidden_cells(RULE, cells, [Sum("t", ("a", "b", "c", "d"))])
    assert found == {"a", "c"}
    assert all(cells[key] >= 3 for key in found - {"a"})
