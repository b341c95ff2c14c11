"""A sixth exhibit kind, installed only in the test settings, to show that a kind is one module
(plus its templates and migration): tests/test_exhibit_kinds.py finds it everywhere."""
