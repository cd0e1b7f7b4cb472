"""Reading a response body within a size limit, counted on the decoded bytes.

httpx decodes a whole raw chunk at once (a 64 KiB chunk of a gzip bomb inflates to ~64 MB), so
gzip and deflate are inflated here with ``zlib``'s ``max_length``: never more than the room left
under the limit plus one byte, however small the input. Other encodings (br, zstd) are not
asked for; a server that sends one anyway gets its bytes kept as they are, as httpx does when
it lacks the decoder.
"""

from __future__ import annotations

import zlib

import httpx

#: Raw bytes read from the socket per step.
CHUNK = 64 * 1024
#: What the SDK asks servers for: the encodings it inflates under the limit.
ACCEPT_ENCODING = "gzip, deflate"
#: How much of an oversized body is kept for the error's excerpt.
HEAD = 4096
#: The most bytes one inflate step produces.
STEP = 1024 * 1024


class TooLarge(Exception):
    """Internal: the decoded body passed ``limit`` bytes (the transport raises the typed error)."""

    def __init__(self, limit: int, status: int, head: bytes) -> None:
        self.limit = limit
        self.status = status
        self.head = head
        super().__init__(limit)


class _Inflate:
    """gzip or deflate, never producing more than asked for."""

    __slots__ = ("_tried_raw", "_z")

    def __init__(self, encoding: str) -> None:
        gzip = encoding in ("gzip", "x-gzip")
        self._z = zlib.decompressobj(16 + zlib.MAX_WBITS if gzip else zlib.MAX_WBITS)
        # "deflate" is zlib-wrapped by the standard, raw by some servers: try both, as httpx does.
        self._tried_raw = gzip

    def decode(self, data: bytes, room: int | None) -> list[bytes]:
        """Inflate ``data``: everything when ``room`` is None, else at most ``room + 1`` bytes
        (one more than fits is enough to know the limit is passed), in pieces of at most
        :data:`STEP` bytes (zlib's buffer for one call is freed before the next)."""
        want = None if room is None else room + 1
        pieces: list[bytes] = []
        tail = data
        while tail and (want is None or want > 0):
            step = STEP if want is None else min(STEP, want)
            try:
                out = self._z.decompress(tail, step)
            except zlib.error:
                if self._tried_raw or pieces:
                    raise
                self._tried_raw = True
                self._z = zlib.decompressobj(-zlib.MAX_WBITS)
                continue
            pieces.append(out)
            if want is not None:
                want -= len(out)
            # Output short of max_length means the input was used up; only a full one leaves
            # a tail to inflate.
            tail = self._z.unconsumed_tail if len(out) == step else b""
        return pieces

    def flush(self) -> bytes:
        return self._z.flush()


def _decoder(response: httpx.Response) -> _Inflate | None:
    encodings = [e.strip().lower() for e in response.headers.get("Content-Encoding", "").split(",")]
    encodings = [e for e in encodings if e and e != "identity"]
    if len(encodings) == 1 and encodings[0] in ("gzip", "x-gzip", "deflate"):
        return _Inflate(encodings[0])
    return None


def already_read(response: httpx.Response, limit: int | None) -> bool:
    """Whether an in-process transport handed over ``response`` read already (then it is used
    as it is, once its size is checked)."""
    try:
        content = response.content
    except httpx.ResponseNotRead:
        return False
    if limit is not None and len(content) > limit:
        raise TooLarge(limit, response.status_code, content[:HEAD])
    return True


async def read_body(response: httpx.Response, limit: int | None) -> bytes:
    """The decoded body of a streamed ``response``; :class:`TooLarge` as soon as it passes
    ``limit`` bytes (``None``: no limit). Malformed compressed data raises
    ``httpx.DecodingError``, as httpx would."""
    decoder = _decoder(response)
    parts: list[bytes] = []
    size = 0
    room = limit
    async for raw in response.aiter_raw(CHUNK):
        for data in [raw] if decoder is None else _inflate(decoder, raw, room, response):
            size += len(data)
            parts.append(data)
            if limit is not None:
                if size > limit:
                    raise TooLarge(limit, response.status_code, _head(parts))
                room = limit - size
    if decoder is not None:
        # What zlib still holds is at most one window (32 KiB): no bomb fits in it.
        parts.append(decoder.flush())
        if limit is not None and size + len(parts[-1]) > limit:
            raise TooLarge(limit, response.status_code, _head(parts))
    return b"".join(parts)


def _head(parts: list[bytes]) -> bytes:
    """The first HEAD bytes of ``parts``, without joining the rest."""
    head = b""
    for part in parts:
        head += part[: HEAD - len(head)]
        if len(head) >= HEAD:
            break
    return head


def _inflate(
    decoder: _Inflate, raw: bytes, room: int | None, response: httpx.Response
) -> list[bytes]:
    try:
        return decoder.decode(raw, room)
    except zlib.error as exc:
        message = str(exc)
    raise httpx.DecodingError(message, request=response.request)


def decoded(response: httpx.Response, content: bytes) -> httpx.Response:
    """A finished copy of a streamed ``response`` holding ``content`` (already decoded, so
    without the ``Content-Encoding`` and raw ``Content-Length`` headers)."""
    headers = [
        (name, value)
        for name, value in response.headers.multi_items()
        if name.lower() not in ("content-encoding", "content-length")
    ]
    return httpx.Response(
        response.status_code,
        headers=headers,
        content=content,
        request=response.request,
        extensions=response.extensions,
    )
