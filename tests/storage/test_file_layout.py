"""The data file's layout: one document per line, read back exactly as a JSON reader reads it."""

from __future__ import annotations

import json

import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

from storage.persistence import file_layout

documents = st.dictionaries(
    st.text(max_size=8),
    st.recursive(st.none() | st.booleans() | st.integers(-2**63, 2**63 - 1) | st.text(),
                 lambda inner: st.lists(inner, max_size=3)
                 | st.dictionaries(st.text(max_size=4), inner, max_size=3),
                 max_leaves=8),
    max_size=4,
)
tables = st.dictionaries(
    st.text(min_size=1, max_size=8),
    st.dictionaries(st.integers(1, 10_000).map(str), documents, max_size=5),
    max_size=3,
)


@given(tables)
def test_dumped_tables_read_back_by_line_and_as_plain_json(value):
    raw, _ = file_layout.dump(value)
    assert json.loads(raw) == value
    assert file_layout.load(raw) == value
    if value:
        assert file_layout._load_by_line(raw) == value, "what Sendoff writes is read by line"


def test_each_document_is_on_a_line_of_its_own():
    raw, _ = file_layout.dump({"clients": {"1": {"name": "A\nB"}, "2": {}}, "meta": {}})
    assert raw.split(b"\n") == [b'{"clients":{', b'"1":{"name":"A\\nB"},', b'"2":{}',
                                b'},"meta":{', b"", b"}}"]


def test_unchanged_documents_are_not_serialised_again():
    document = {"name": "Acme"}
    _, cache = file_layout.dump({"clients": {"1": document}})
    fake = (document, b'"1":{"name":"from the cache"}')
    raw, _ = file_layout.dump({"clients": {"1": document}}, {("clients", "1"): fake})
    assert b"from the cache" in raw
    assert cache[("clients", "1")][0] is document


@pytest.mark.parametrize("raw", [
    b'{"clients":{\n"1":{"a":1}\n"2":{"a":2}\n}}',  # a missing comma
    b'{"clients":{\n"1":{"a":1},\n"2":{"a":2},\n}}',  # a trailing comma
    b'{"clients":{\n"1":{"a":1}\n},"clients":{\n"2":{}\n}}',  # a table twice
    b'{"clients":{\n"1":{"a":\n1}\n}}',  # a document over two lines
    b'{"clients":{\n"1":{"a":1}\n}}  x',
])
def test_anything_else_is_read_whole_so_bad_json_is_still_refused(raw):
    assert file_layout._load_by_line(raw) is None
    try:
        expected = orjson.loads(raw)
    except orjson.JSONDecodeError:
        with pytest.raises(orjson.JSONDecodeError):
            file_layout.load(raw)
    else:
        assert file_layout.load(raw) == expected
