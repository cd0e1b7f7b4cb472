"""RFC 8288 Link header parsing: the forms real servers send, and garbage never raises."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from jbcrm._core.links import parse_link_header

JETBUILT_STYLE = (
    '<https://app.jetbuilt.com/api/projects?page=1>; rel="first",\n'
    '  <https://app.jetbuilt.com/api/projects?page=2>; rel="prev",\n'
    '  <https://app.jetbuilt.com/api/projects?page=9>; rel="last",\n'
    '  <https://app.jetbuilt.com/api/projects?page=4>; rel="next"'
)


def test_several_links_split_across_lines() -> None:
    assert parse_link_header(JETBUILT_STYLE) == {
        "first": "https://app.jetbuilt.com/api/projects?page=1",
        "prev": "https://app.jetbuilt.com/api/projects?page=2",
        "last": "https://app.jetbuilt.com/api/projects?page=9",
        "next": "https://app.jetbuilt.com/api/projects?page=4",
    }


def test_quoted_and_bare_rel_values_with_loose_whitespace() -> None:
    header = '\t<https://x.test/a?page=2> ;rel = next ,<https://x.test/a?page=5>;  REL="Last"'
    assert parse_link_header(header) == {
        "next": "https://x.test/a?page=2",
        "last": "https://x.test/a?page=5",
    }


def test_several_rel_values_in_one_link_all_map_to_it() -> None:
    header = '<https://x.test/a?page=3>; rel="next last", <https://x.test/a?page=1>; rel=first'
    assert parse_link_header(header) == {
        "next": "https://x.test/a?page=3",
        "last": "https://x.test/a?page=3",
        "first": "https://x.test/a?page=1",
    }


def test_other_parameters_are_skipped_and_the_first_link_wins() -> None:
    header = (
        '<https://x.test/2>; title="page, two; of many"; rel="next", '
        '<https://x.test/9>; rel="next", <https://x.test/meta>; type="text/html"; anchor'
    )
    assert parse_link_header(header) == {"next": "https://x.test/2"}


def test_empty_or_missing_header_gives_no_links() -> None:
    assert parse_link_header(None) == {}
    assert parse_link_header("") == {}
    assert parse_link_header("   ,  , ") == {}
    assert parse_link_header("<https://x.test/2>") == {}
    assert parse_link_header('<https://x.test/2>; rel=""') == {}


@given(st.text())
def test_garbage_never_raises(value: str) -> None:
    links = parse_link_header(value)
    assert all(isinstance(k, str) and isinstance(v, str) for k, v in links.items())


_URL = st.text(st.characters(blacklist_characters='<>"\x00', blacklist_categories=("Cs",)))
_REL = st.from_regex(r"[a-z][a-z0-9.-]{0,8}", fullmatch=True)
_SEP = st.sampled_from([",", ", ", ",\n  ", " ,\t", "\r\n ,"])


@given(
    st.lists(st.tuples(_URL, st.lists(_REL, min_size=1, max_size=3), st.booleans()), max_size=6),
    st.data(),
)
def test_well_formed_headers_parse_to_the_first_url_of_each_rel(
    links: list[tuple[str, list[str], bool]], data: st.DataObject
) -> None:
    parts = []
    expected: dict[str, str] = {}
    for url, rels, quoted in links:
        rel = f'"{" ".join(rels)}"' if quoted or len(rels) > 1 else rels[0]
        parts.append(f"<{url}>; rel={rel}")
        for name in rels:
            expected.setdefault(name, url.strip())
    header = "".join(
        part + (data.draw(_SEP) if i < len(parts) - 1 else "") for i, part in enumerate(parts)
    )
    assert parse_link_header(header) == expected
