"""Cross-document linking: entities, events, facts, duplicates."""
