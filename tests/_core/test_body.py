"""The body reader: decoded bytes counted against the limit, gzip and both deflate forms
inflated in bounded steps, other encodings kept as they are, broken data a DecodingError."""

from __future__ import annotations

import gzip
import random
import zlib
from collections.abc import AsyncIterator

import httpx
import pytest

from jbcrm._core.body import HEAD, STEP, TooLarge, _head, _Inflate, already_read, decoded, read_body

TEXT = b'{"name": "' + b"x" * 300_000 + b'"}'


def streamed(content: bytes, encoding: str | None = None, piece: int = 4096) -> httpx.Response:
    async def stream() -> AsyncIterator[bytes]:
        for start in range(0, len(content), piece):
            yield content[start : start + piece]

    headers = {"Content-Encoding": encoding} if encoding else {}
    return httpx.Response(
        200, headers=headers, content=stream(), request=httpx.Request("GET", "https://x.test/")
    )


@pytest.mark.parametrize(
    ("content", "encoding"),
    [
        (TEXT, None),
        (TEXT, "identity"),
        (gzip.compress(TEXT), "gzip"),
        (gzip.compress(TEXT), "x-gzip"),
        (zlib.compress(TEXT), "deflate"),
        (zlib.compress(TEXT)[2:-4], "deflate"),
    ],
    ids=["plain", "identity", "gzip", "x-gzip", "deflate-zlib", "deflate-raw"],
)
async def test_every_supported_encoding_is_read_whole_under_the_limit(
    content: bytes, encoding: str | None
) -> None:
    assert await read_body(streamed(content, encoding), len(TEXT)) == TEXT
    assert await read_body(streamed(content, encoding), None) == TEXT


@pytest.mark.parametrize("encoding", [None, "gzip", "deflate"])
async def test_one_byte_over_the_limit_is_too_large(encoding: str | None) -> None:
    content = {None: TEXT, "gzip": gzip.compress(TEXT), "deflate": zlib.compress(TEXT)}[encoding]
    with pytest.raises(TooLarge) as caught:
        await read_body(streamed(content, encoding), len(TEXT) - 1)
    assert caught.value.limit == len(TEXT) - 1
    assert caught.value.head == TEXT[:4096]


async def test_a_bomb_is_inflated_in_bounded_steps_never_whole() -> None:
    bomb = gzip.compress(b"\0" * (50 * STEP), compresslevel=9)
    with pytest.raises(TooLarge):
        await read_body(streamed(bomb, "gzip", piece=len(bomb)), 3 * STEP)


async def test_unknown_or_stacked_encodings_are_kept_as_sent() -> None:
    packed = gzip.compress(gzip.compress(b"{}"))
    assert await read_body(streamed(packed, "gzip, gzip"), None) == packed
    assert await read_body(streamed(b"\x8b\x00br", "br"), None) == b"\x8b\x00br"


@pytest.mark.parametrize("encoding", ["gzip", "deflate"])
async def test_broken_compressed_data_is_a_decoding_error(encoding: str) -> None:
    response = streamed(b"not compressed at all", encoding)
    with pytest.raises(httpx.DecodingError) as caught:
        await read_body(response, 1000)
    # zlib's own words, and the request, as httpx's decoders give them.
    assert "Error -3" in str(caught.value)
    assert caught.value.request is response.request


@pytest.mark.parametrize("room", [0, 10, 4095])
def test_an_inflate_with_room_produces_one_byte_more_than_fits_and_no_more(room: int) -> None:
    pieces = _Inflate("gzip").decode(gzip.compress(TEXT), room)
    assert b"".join(pieces) == TEXT[: room + 1]


async def test_zlib_data_labelled_gzip_is_a_decoding_error() -> None:
    with pytest.raises(httpx.DecodingError):
        await read_body(streamed(zlib.compress(TEXT), "gzip"), None)


async def test_identity_listed_with_one_encoding_leaves_that_encoding_to_inflate() -> None:
    assert await read_body(streamed(gzip.compress(TEXT), "identity, gzip"), None) == TEXT


def test_the_head_of_an_oversized_body_is_its_first_bytes_across_parts() -> None:
    assert _head([b"a" * 100, b"b" * HEAD, b"c"]) == b"a" * 100 + b"b" * (HEAD - 100)
    assert _head([b"a" * 10, b"b" * 10]) == b"a" * 10 + b"b" * 10


def test_a_decoded_copy_drops_only_the_encoding_and_raw_length_headers() -> None:
    response = httpx.Response(
        200,
        headers=[("Content-Encoding", "gzip"), ("Content-Length", "999"), ("X-Trace", "7")],
        request=httpx.Request("GET", "https://x.test/"),
        extensions={"http_version": b"HTTP/1.1"},
    )
    copy = decoded(response, b"{}")
    assert copy.headers.multi_items() == [("x-trace", "7"), ("content-length", "2")]
    assert copy.content == b"{}"
    assert copy.extensions["http_version"] == b"HTTP/1.1"
    assert copy.request is response.request


async def test_an_empty_item_in_the_encoding_list_is_ignored() -> None:
    assert await read_body(streamed(gzip.compress(TEXT), "gzip, "), None) == TEXT


async def test_each_chunk_is_inflated_only_as_far_as_the_room_left_under_the_limit(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rooms: list[int | None] = []
    decode = _Inflate.decode

    def spied(self: _Inflate, data: bytes, room: int | None) -> list[bytes]:
        rooms.append(room)
        return decode(self, data, room)

    monkeypatch.setattr(_Inflate, "decode", spied)
    noise = random.Random(7).randbytes(200_000)  # incompressible: several chunks of it
    limit = len(noise) + 10
    assert await read_body(streamed(gzip.compress(noise), "gzip"), limit) == noise
    assert len(rooms) > 1
    assert rooms[0] == limit
    assert all(room is not None and 10 <= room <= limit for room in rooms)
    assert rooms == sorted(rooms, reverse=True)


def test_a_body_read_already_may_be_exactly_the_limit_and_not_a_byte_more() -> None:
    # What an in-process transport (httpx.MockTransport, an ASGI app) hands over read already.
    answer = httpx.Response(200, content=TEXT, request=httpx.Request("GET", "https://x.test/"))
    assert already_read(answer, len(TEXT))
    assert already_read(answer, None)
    with pytest.raises(TooLarge) as caught:
        already_read(answer, len(TEXT) - 1)
    assert (caught.value.limit, caught.value.head) == (len(TEXT) - 1, TEXT[:HEAD])
    assert not already_read(streamed(TEXT), len(TEXT))  # a stream is left to read_body
