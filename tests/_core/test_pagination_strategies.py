"""What the page strategies read from a fetched page: the next request, the total, the last
page number (Link and X-Total-Count headers; the page-number rules)."""

from __future__ import annotations

import httpx
import pytest

from jbcrm._core.pagination import LinkHeaderStrategy, PageNumberStrategy, PageRequest

THINGS = "https://api.example.test/things"
FIRST = PageRequest("things", number=1)


def answer(**headers: str) -> httpx.Response:
    return httpx.Response(200, headers={k.replace("_", "-"): v for k, v in headers.items()})


def test_a_last_link_gives_the_last_page_number_with_or_without_a_next_one() -> None:
    strategy = LinkHeaderStrategy(per_page=25)
    both = answer(Link=f'<{THINGS}?page=2>; rel="next", <{THINGS}?page=7>; rel="last"')
    assert strategy.describe(FIRST, both, 25).last_number == 7
    # The page before the end may still link to a later last page: that number wins.
    only_last = answer(Link=f'<{THINGS}?page=6>; rel="last"')
    assert strategy.describe(PageRequest("things", number=4), only_last, 25).last_number == 6


def test_links_split_over_several_headers_are_all_read() -> None:
    strategy = LinkHeaderStrategy(per_page=25)
    response = httpx.Response(
        200,
        headers=[
            ("Link", f"<{THINGS}?page=2>; rel=next"),
            ("Link", f'<{THINGS}?page=9>; rel="last"'),
        ],
    )
    info = strategy.describe(FIRST, response, 25)
    assert info.next is not None
    assert info.next.number == 2
    assert info.last_number == 9


@pytest.mark.parametrize(
    ("total", "per_page", "last"), [("5", "1", 5), ("0", "10", 1), ("101", "20", 6)]
)
def test_the_last_page_is_worked_out_from_the_total_and_the_page_size(
    total: str, per_page: str, last: int
) -> None:
    response = answer(
        X_Total_Count=total, X_Per_Page=per_page, Link=f'<{THINGS}?page=2>; rel="next"'
    )
    info = LinkHeaderStrategy(per_page=25).describe(FIRST, response, 1)
    assert (info.total, info.last_number) == (int(total), last)


def test_a_strategy_without_a_page_size_does_not_work_out_a_last_page() -> None:
    response = answer(X_Total_Count="50", Link=f'<{THINGS}?page=2>; rel="next"')
    assert LinkHeaderStrategy(per_page=0).describe(FIRST, response, 1).last_number is None


def test_the_last_page_keeps_the_total_and_its_own_number() -> None:
    response = answer(X_Total_Count="101")
    info = LinkHeaderStrategy(per_page=20).describe(PageRequest("things", number=6), response, 1)
    assert (info.next, info.total, info.last_number) == (None, 101, 6)


@pytest.mark.parametrize(("digits", "believed"), [(15, True), (16, False)])
def test_a_total_of_up_to_fifteen_digits_is_believed(digits: int, believed: bool) -> None:
    count = "9" * digits
    info = LinkHeaderStrategy(per_page=25).describe(FIRST, answer(X_Total_Count=count), 1)
    assert info.total == (int(count) if believed else None)


def test_the_next_link_is_asked_for_with_the_listings_method() -> None:
    response = answer(Link=f'<{THINGS}?page=2>; rel="next"')
    info = LinkHeaderStrategy(per_page=25).describe(
        PageRequest("things", method="POST", number=1), response, 25
    )
    assert info.next is not None
    assert (info.next.method, info.next.url, info.next.number) == ("POST", f"{THINGS}?page=2", 2)


def test_an_empty_numbered_page_is_the_last_one_and_a_request_without_a_number_is_page_one() -> (
    None
):
    strategy = PageNumberStrategy(per_page=3)
    assert strategy.describe(PageRequest("c", number=4), httpx.Response(200), 0).last_number == 4
    assert strategy.describe(PageRequest("c"), httpx.Response(200), 0).last_number == 1
    following = strategy.describe(PageRequest("c"), httpx.Response(200), 3).next
    assert following is not None
    assert following.number == 2
