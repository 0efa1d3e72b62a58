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


def test_php_keeps_the_first_thousand_input_variables() -> None:
    parsed = parse_query("&".join(["a[]=x"] * 3_000) + "&last=1")
    assert len(parsed["a"]) == 1_000 and "last" not in parsed  # max_input_vars: the rest is dropped


def test_a_variable_nested_deeper_than_sixty_four_levels_is_dropped_whole() -> None:
    deep = "a" + "[x]" * 500 + "=1"
    assert parse_query(deep + "&b=2") == {"b": "2"}  # no RecursionError: the variable is dropped
    assert parse_query("a[k]=0&a" + "[x]" * 65 + "=1") == {}  # as PHP does, with the whole top-level name
    kept = parse_query("a" + "[x]" * 63 + "=1")
    depth = 0
    node = kept["a"]
    while isinstance(node, dict):
        node, depth = node["x"], depth + 1
    assert depth == 63 and node == "1"


def test_an_appended_element_takes_the_next_index_after_the_largest() -> None:
    assert parse_query("a[5]=x&a[]=y") == {"a": {"5": "x", "6": "y"}}
    assert parse_query("a[]=x&a[]=y&a[]=z") == {"a": ["x", "y", "z"]}
