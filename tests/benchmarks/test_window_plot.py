"""The rate-limit picture's script, on a scaled scenario: what it draws is what the server saw."""

from __future__ import annotations

from pathlib import Path

from benchmarks import window_plot

SMALL = window_plot.Scenario(limit=5, per=0.2, requests=20, latency=(0.0, 0.005))


def test_each_run_records_every_answer_the_server_gave_and_jbcrm_draws_no_429() -> None:
    runs = [window_plot.run(label, client, SMALL) for label, client in window_plot.clients(SMALL)]
    jbcrm_run = runs[0]
    assert len(jbcrm_run.accepted) == SMALL.requests
    assert jbcrm_run.rejected == []
    assert jbcrm_run.server_max_in_window <= SMALL.limit
    # jbcrm holds a slot from send to answer plus a window, so even the answer times it draws
    # stay within the limit; a naive client's answer times may bunch up (the server checked
    # each on arrival), so for those only the server's own count is bounded.
    assert max(jbcrm_run.in_window(at, SMALL.per) for at in jbcrm_run.accepted) <= SMALL.limit
    for run in runs:
        assert len(run.accepted) == run.server_accepted
        assert run.server_max_in_window <= SMALL.limit


def test_main_draws_a_png_and_reports_one_row_per_client(tmp_path: Path) -> None:
    picture = tmp_path / "windows.png"
    report = window_plot.main(SMALL, picture)
    assert picture.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    rows = [line for line in report.splitlines() if line.startswith("| ")][1:]  # no header
    assert len(rows) == len(window_plot.clients(SMALL))
    assert rows[0].startswith("| jbcrm (sliding-window limiter) |")
    assert "| 20 | 0 |" in rows[0]
