"""PHP-style query strings, as Bitrix24 encodes form bodies and events."""

from hypothesis import given
from hypothesis import strategies as st

from internhub.bitrix24.phpquery import build_query, parse_query


def test_bracketed_keys_become_nested_objects_and_lists() -> None:
    body = (
        "event=ONCRMDEALUPDATE&data%5BFIELDS%5D%5BID%5D=42&auth%5Bdomain%5D=a.bitrix24.ru"
        "&select[]=ID&select[]=TITLE&filter[%3EID]=5&empty=&flag&title=%D0%9F%D1%80%D0%B0%D0%BA+1%2B1"
    )
    assert parse_query(body) == {
        "event": "ONCRMDEALUPDATE",
        "data": {"FIELDS": {"ID": "42"}},
        "auth": {"domain": "a.bitrix24.ru"},
        "select": ["ID", "TITLE"],
        "filter": {">ID": "5"},
        "empty": "",
        "flag": "",
        "title": "Прак 1+1",
    }
    assert parse_query("") == {} and parse_query("&&a=1&") == {"a": "1"}


def test_a_later_key_wins_and_a_scalar_is_replaced_by_an_object() -> None:
    assert parse_query("a=1&a=2") == {"a": "2"}
    assert parse_query("a=1&a[b]=2") == {"a": {"b": "2"}}


_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="[]"), min_size=1)
_leaf = st.text(st.characters(blacklist_categories=("Cs",)))
_params = st.recursive(
    _leaf, lambda children: st.dictionaries(_text.filter(lambda k: not k.isdigit()), children, min_size=1), max_leaves=8
)


@given(st.dictionaries(_text.filter(lambda k: not k.isdigit()), _params, min_size=1))
def test_what_build_query_encodes_parse_query_reads_back(params: dict) -> None:
    assert parse_query(build_query(params)) == params
