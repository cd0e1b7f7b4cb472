"""The pieces every limiter shares: how long a 429 holds everyone, the one pause, and when a
long pause is said out loud."""

from __future__ import annotations

import logging

import pytest

from jbcrm._core.ratelimit._shared import LONG_PAUSE, Pause, pause_after_429


@pytest.mark.parametrize("probe", [False, True])
def test_a_429_with_retry_after_holds_for_exactly_that_long_probe_or_not(probe: bool) -> None:
    assert pause_after_429(0.25, 10.0, probe=probe) == 0.25
    assert pause_after_429(0.0, 10.0, probe=probe) == 0.0


def test_a_negative_retry_after_holds_no_one() -> None:
    assert pause_after_429(-3.0, 10.0, probe=False) == 0.0


def test_a_429_without_retry_after_holds_one_window_unless_it_refused_a_probe() -> None:
    assert pause_after_429(None, 10.0, probe=False) == 10.0
    assert pause_after_429(None, 10.0, probe=True) == 0.0


def test_a_new_pause_holds_no_one() -> None:
    assert Pause().left(0.0) == 0.0
    assert Pause().left(-1e300) == 0.0


def test_a_pause_moves_its_end_only_later_and_says_whether_it_moved() -> None:
    pause = Pause()
    assert pause.hold(100.0, 5.0) is True
    assert pause.left(100.0) == 5.0
    assert pause.hold(100.0, 5.0) is False  # the same end: not moved
    assert pause.hold(101.0, 1.0) is False  # an earlier end: not moved
    assert pause.left(100.0) == 5.0
    assert pause.hold(101.0, 4.5) is True
    assert pause.left(100.0) == 5.5


def test_a_pause_after_a_429_ends_one_window_or_retry_after_later() -> None:
    pause = Pause()
    assert pause.after_429(50.0, None, 2.0, probe=False) is True
    assert pause.until == 52.0
    assert pause.after_429(50.0, 3.0, 2.0, probe=False) is True
    assert pause.until == 53.0
    assert pause.after_429(50.0, None, 2.0, probe=True) is False
    assert pause.until == 53.0


def test_only_a_pause_longer_than_a_minute_is_logged_as_a_warning(
    caplog: pytest.LogCaptureFixture,
) -> None:
    pause = Pause()
    with caplog.at_level(logging.WARNING, logger="jbcrm.ratelimit"):
        pause.hold(0.0, LONG_PAUSE)
        assert caplog.records == []
        pause.hold(0.0, LONG_PAUSE + 0.5)
    assert [r.levelno for r in caplog.records] == [logging.WARNING]
    assert "pause of 60 s" in caplog.records[0].getMessage()
