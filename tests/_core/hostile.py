"""Hostile HTTP servers on 127.0.0.1, written at the socket level so that they can do what no
framework lets a server do: trickle bytes, never answer, send endless or compressed bodies."""

from __future__ import annotations

import asyncio
import contextlib
import gzip
from collections.abc import AsyncIterator, Awaitable, Callable

Behaviour = Callable[[asyncio.StreamWriter], Awaitable[None]]
#: How slowly the trickling servers send: one byte per this many seconds.
DRIP = 0.05


@contextlib.asynccontextmanager
async def serve(behaviour: Behaviour) -> AsyncIterator[str]:
    """Serve ``behaviour`` to every connection; yields the base URL."""
    tasks: set[asyncio.Task[None]] = set()

    async def on_connect(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        tasks.add(task)
        try:
            while True:  # keep-alive: one answer per request on the connection
                await reader.readuntil(b"\r\n\r\n")
                await behaviour(writer)
        except (ConnectionError, asyncio.IncompleteReadError, asyncio.CancelledError):
            pass
        finally:
            writer.close()
            tasks.discard(task)

    server = await asyncio.start_server(on_connect, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.close()
        for task in list(tasks):
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        await server.wait_closed()


async def drip_body(writer: asyncio.StreamWriter) -> None:
    """Headers at once, then a chunked body of one byte per DRIP, forever."""
    writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n")
    writer.write(b"Transfer-Encoding: chunked\r\n\r\n")
    while True:
        writer.write(b"1\r\n \r\n")
        await writer.drain()
        await asyncio.sleep(DRIP)


async def drip_headers(writer: asyncio.StreamWriter) -> None:
    """The status line, then header bytes one per DRIP, never ending the headers."""
    writer.write(b"HTTP/1.1 200 OK\r\nX-Slow: ")
    while True:
        writer.write(b"a")
        await writer.drain()
        await asyncio.sleep(DRIP)


async def silent(writer: asyncio.StreamWriter) -> None:
    """Reads the request and never answers."""
    await asyncio.sleep(3600)


async def endless_chunks(writer: asyncio.StreamWriter) -> None:
    """A chunked body of 64 KiB chunks that never ends."""
    writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n")
    writer.write(b"Transfer-Encoding: chunked\r\n\r\n")
    chunk = b"[" * 65536
    while True:
        writer.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
        await writer.drain()


def gzip_bomb(writer_size: int = 200_000_000) -> Behaviour:
    """A small gzip body that inflates to ``writer_size`` bytes."""
    bomb = gzip.compress(b"\0" * writer_size, compresslevel=9)

    async def send(writer: asyncio.StreamWriter) -> None:
        writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n")
        writer.write(b"Content-Encoding: gzip\r\nContent-Length: %d\r\n\r\n" % len(bomb))
        writer.write(bomb)
        await writer.drain()

    return send


def large_body(size: int) -> Behaviour:
    """A plain JSON-ish body of ``size`` bytes, with its Content-Length."""

    async def send(writer: asyncio.StreamWriter) -> None:
        writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n" % size)
        block = b" " * 65536
        sent = 0
        while sent < size:
            piece = block[: size - sent]
            writer.write(piece)
            sent += len(piece)
            await writer.drain()

    return send
