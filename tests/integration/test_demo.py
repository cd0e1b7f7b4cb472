"""The demo, run for real on loopback at a small scale and a tight limit."""

from __future__ import annotations

import io
import re

import pytest
from rich.console import Console

from jbcrm._cli import demo as demo_module
from jbcrm._cli.demo import DemoSettings, run_demo
from jbcrm.cli import main
from jbcrm.sandbox import ServerRateLimit

QUICK = DemoSettings(scale=0.05, limit=25, window=0.25, latency=(0.0, 0.002))


async def test_demo_mirrors_twice_and_the_second_run_needs_a_fraction_of_the_requests() -> None:
    out = io.StringIO()
    result = await run_demo(QUICK, Console(file=out, width=160))
    text = out.getvalue()
    assert result.problems == []
    assert result.exit_code == 0
    assert result.rate_limited == 0
    assert result.retries == 0
    assert result.busiest_window <= 25
    first, second, scan, rescan = result.steps
    assert first.summary.tables["jetbuilt_projects"].inserted == 60
    assert second.summary.tables["jetbuilt_projects"].updated == 5
    assert second.summary.tables["jetbuilt_clients"].updated >= 3
    assert second.requests < first.requests / 4
    assert rescan.summary.tables["jetpack_customers"].inserted == 1
    assert scan.requests == rescan.requests
    found = re.search(r"needed (\d+) requests instead of (\d+)", text)
    assert found is not None
    assert (int(found[1]), int(found[2])) == (second.requests, first.requests)
    assert "renamed 5 projects" in text
    assert "Every row matched the sandboxes" in text


def test_demo_says_how_it_scales_time() -> None:
    assert DemoSettings().describe_limit() == (
        "Jetbuilt allows 50 requests per 10 s per IP address; "
        "this demo scales time by 1/10: 50 per 1 s."
    )


async def test_demo_fails_when_the_server_answers_429(monkeypatch: pytest.MonkeyPatch) -> None:
    def stricter(*, requests: int, per: float) -> ServerRateLimit:
        return ServerRateLimit(requests=requests - 2, per=per, retry_after=False)

    monkeypatch.setattr(demo_module, "ServerRateLimit", stricter)
    settings = DemoSettings(scale=0.05, limit=6, window=0.1, latency=(0.0, 0.001))
    out = io.StringIO()
    result = await run_demo(settings, Console(file=out, width=120))
    assert result.exit_code == 1
    assert result.rate_limited > 0
    assert "were answered 429" in out.getvalue()


def test_demo_exits_1_when_a_step_raises(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    async def broken(self: object, *args: object) -> None:
        raise RuntimeError("the CRM went away")

    monkeypatch.setattr(demo_module._Job, "jetpack", broken)
    code = main(
        ["demo", "--scale", "0.05", "--limit", "25", "--window", "0.25", "--latency", "0", "0"]
    )
    assert code == 1
    assert "unexpected RuntimeError: the CRM went away" in capsys.readouterr().out
