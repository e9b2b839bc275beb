"""Entity rows' JSON is written by hand for speed (``store.base.entity_json``, ``entity_field_rows``):
it must be the very bytes ``dumps(plain(entity))`` gives, whatever the strings hold."""

from __future__ import annotations

from typing import cast

from biennien.model import Entity, MentionRef, plain
from biennien.store.base import entity_field_rows, entity_json
from biennien.store.rows import dumps


def _entities() -> list[Entity]:
    odd = 'Tổng thống "Trump" \\ Nhà\tTrắng\n\x01 🇻🇳 </script>'
    return [
        Entity(
            id="en0123456789ab",
            name="Đỗ Mười",
            type="PER",
            aliases=["Đỗ Mười", "ông Mười", odd],
            roles=["Tổng Bí thư", 'chức "cũ"'],
            mentions=[
                MentionRef("dtri-1", 0, 7),
                MentionRef('doc "x"', 12, 19),
                MentionRef("dtri-1", 40, 47),
            ],
        ),
        Entity(id="en1", name=odd, type="ORG", aliases=[], roles=[], mentions=[]),
        Entity(
            id="en2",
            name="Hà Nội",
            type="GPE",
            aliases=["Hà Nội"],
            roles=[],
            mentions=[MentionRef("d", 3, 9)],
        ),
    ]


def test_entity_json_is_dumps_of_plain() -> None:
    for e in _entities():
        assert entity_json(e, {}) == dumps(plain(e))


def test_entity_field_rows_are_entity_rows() -> None:
    entities = _entities()
    fields = [
        (e.id, e.name, e.type, e.aliases, e.roles, [(m.doc, m.start, m.end) for m in e.mentions])
        for e in entities
    ]
    rows = entity_field_rows(fields)
    assert rows == [(e.id, e.name, e.type, len(e.mentions), dumps(plain(e))) for e in entities]


def test_offsets_that_are_not_ints_fall_back_to_plain() -> None:
    e = Entity(
        id="en3", name="X", type="PER", aliases=["X"], roles=[], mentions=[MentionRef("d", cast(int, 1.0), 2)]
    )
    assert entity_json(e, {}) == dumps(plain(e))
    assert '"start":1.0' in entity_json(e, {})
