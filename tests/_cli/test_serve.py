"""``jbcrm sandbox serve``: a simulated server on loopback, and the credentials it prints."""

from __future__ import annotations

import asyncio
import subprocess
import sys

import httpx
import pytest

from jbcrm._cli import serve as serve_module
from jbcrm.cli import build_parser

JETBUILT_HEADERS = {
    "Authorization": "Token token=sandbox-token",
    "Accept": "application/vnd.jetbuilt.v1",
}


def test_sandbox_serve_prints_a_url_that_answers_until_terminated() -> None:
    command = [sys.executable, "-m", "jbcrm.cli", "sandbox", "serve", "--api", "jetbuilt"]
    process = subprocess.Popen(
        [*command, "--scale", "0.05", "--no-rate-limit"], stdout=subprocess.PIPE, text=True
    )
    try:
        assert process.stdout is not None
        url = process.stdout.readline().strip()
        credentials = process.stdout.readline().strip()
        response = httpx.get(f"{url}/projects", headers=JETBUILT_HEADERS, timeout=10)
    finally:
        process.terminate()
        returncode = process.wait(timeout=10)
    assert url.startswith("http://127.0.0.1:")
    assert url.endswith("/api")
    assert credentials == "JETBUILT_API_KEY=sandbox-token"
    assert response.status_code == 200
    assert response.headers["X-Total-Count"] == "60"
    assert returncode == 0


@pytest.mark.usefixtures("plain_httpx_scrubbed")
async def test_jetpack_sandbox_serve_prints_its_credentials_as_environment_variables(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    args = build_parser().parse_args(
        ["sandbox", "serve", "--api", "jetpack", "--scale", "0.05", "--latency", "0", "0.01"]
    )
    server = asyncio.create_task(serve_module._serve(args))
    out = ""
    while out.count("\n") < 4:
        await asyncio.sleep(0.01)
        out += capsys.readouterr().out
    lines = out.splitlines()
    url = lines[0]
    env = dict(line.split("=", 1) for line in lines[1:4])
    async with httpx.AsyncClient() as client:
        response = await client.get(
            f"{url}/zbs_api/status/",
            params={
                "api_key": env["JETPACKCRM_API_KEY"],
                "api_secret": env["JETPACKCRM_API_SECRET"],
            },
        )
    server.cancel()
    with pytest.raises(asyncio.CancelledError):
        await server
    assert env["JETPACKCRM_URL"] == url
    assert response.status_code == 200
    assert response.json()["success"] is True
