"""The incremental link state names the link rules it was made with.

A state keeps values the rules derived (summary words, person keys, fact frames, entity groups);
combined with changed rules it would give something a full link would not.  Its version is a digest
of the rules' source, so any change to them makes the next link a full one.
"""

from __future__ import annotations

from importlib import resources

from biennien.link import incremental
from biennien.link.incremental import STATE_VERSION, LinkedState, rules_digest


def _sources() -> list[bytes]:
    return [resources.files("biennien.link").joinpath(n).read_bytes() for n in incremental._RULE_MODULES]


def test_version_is_the_digest_of_the_rules_source() -> None:
    assert STATE_VERSION == "3-" + rules_digest(_sources())


def test_any_change_to_a_rule_module_changes_the_digest() -> None:
    sources = _sources()
    for i in range(len(sources)):
        edited = list(sources)
        edited[i] = sources[i].replace(b"def ", b"def  ", 1)  # one extra space in one module
        assert rules_digest(edited) != rules_digest(sources)
    assert rules_digest(sources) == rules_digest(list(sources))


def test_a_state_of_other_rules_is_not_loaded() -> None:
    state = LinkedState()
    assert LinkedState.loads(state.dumps()) is not None
    state.version = "3-0000000000000000"
    assert LinkedState.loads(state.dumps()) is None
