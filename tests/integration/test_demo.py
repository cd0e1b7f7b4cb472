"""The demo, run for real on loopback at a small scale and a tight limit."""

from __future__ import annotations

import io

import pytest
from rich.console import Console

from jbcrm._cli import demo as demo_module
from jbcrm._cli.demo import DemoSettings, run_demo
from jbcrm.cli import main
from jbcrm.sandbox import ServerRateLimit


async def test_demo_at_a_tight_limit_counts_everything_and_sees_no_429() -> None:
    settings = DemoSettings(scale=0.1, details=20, limit=10, window=0.5, latency=(0.001, 0.005))
    out = io.StringIO()
    result = await run_demo(settings, Console(file=out, width=160))
    summary = out.getvalue()
    assert result.exit_code == 0
    assert result.problems == []
    assert result.rate_limited == 0
    assert result.retries == 0
    assert result.jetbuilt_requests == 5 + 20
    assert result.busiest_window <= 10
    assert result.bound_seconds == 1.0
    assert "this demo uses 10 per 0.5 s" in summary
    assert "120 projects in 5 pages" in summary
    assert "20 of 20 fetched" in summary
    assert "50 customers in 1 pages" in summary
    assert "│ 429s" in summary
    assert "0 (expected 0)" in summary
    assert "Every count matched" in summary


@pytest.mark.parametrize(
    ("count", "chosen"), [(0, []), (3, [1, 4, 7]), (10, [1, 2, 3, 4, 5, 6, 7, 8, 9])]
)
def test_details_are_fetched_for_projects_spread_over_the_list(
    count: int, chosen: list[int]
) -> None:
    assert demo_module._spread(list(range(1, 10)), count) == chosen


def test_demo_says_how_it_scales_time() -> None:
    assert DemoSettings().describe_limit() == (
        "Jetbuilt allows 50 requests per 10 s per IP address; "
        "this demo scales time by 1/5: 50 per 2 s."
    )


async def test_demo_fails_when_the_server_answers_429(monkeypatch: pytest.MonkeyPatch) -> None:
    def stricter(*, requests: int, per: float) -> ServerRateLimit:
        return ServerRateLimit(requests=requests - 2, per=per, retry_after=False)

    monkeypatch.setattr(demo_module, "ServerRateLimit", stricter)
    settings = DemoSettings(scale=0.05, details=8, limit=6, window=0.2, latency=(0.0, 0.001))
    out = io.StringIO()
    result = await run_demo(settings, Console(file=out, width=120))
    assert result.exit_code == 1
    assert result.rate_limited > 0
    assert result.retries > 0
    assert "were answered 429" in out.getvalue()


def test_demo_exits_1_when_a_step_raises(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    async def broken(self: object, task: object) -> tuple[None, str]:
        raise RuntimeError("the CRM went away")

    monkeypatch.setattr(demo_module._Job, "page_customers", broken)
    code = main(["demo", "--scale", "0.05", "--details", "2", "--latency", "0", "0"])
    assert code == 1
    assert "unexpected RuntimeError: the CRM went away" in capsys.readouterr().out
