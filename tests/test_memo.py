"""``link.memo.BoundedMemo``: a miss makes the value once, and the memo is emptied at its bound."""

from __future__ import annotations

from biennien.link.memo import BoundedMemo


class _Squares(BoundedMemo[int, int]):
    limit = 3

    def __init__(self) -> None:
        super().__init__()
        self.made: list[int] = []

    def make(self, key: int) -> int:
        self.made.append(key)
        return key * key


def test_a_value_is_made_once_and_the_memo_is_emptied_at_its_bound() -> None:
    memo = _Squares()
    assert [memo[k] for k in (2, 3, 2, 4)] == [4, 9, 4, 16]
    assert memo.made == [2, 3, 4] and len(memo) == 3
    assert memo[5] == 25 and len(memo) == 1  # full: emptied, then the new value kept
    assert memo[2] == 4 and memo.made == [2, 3, 4, 5, 2]  # made again after the emptying, same value
    assert memo.get(9) is None  # get() does not make a value
