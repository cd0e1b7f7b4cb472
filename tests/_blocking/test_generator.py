"""The sync surface is generated from the async one: complete, faithful, and checked."""

from __future__ import annotations

import importlib
import inspect
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

import jbcrm
from jbcrm._blocking._loop import process_loop
from jbcrm._core.client import BaseClient
from scripts import generate_blocking as generator


def _sync_twin(cls: type) -> type:
    module = importlib.import_module(generator.sync_module_name(cls.__module__))
    twin: type = getattr(module, f"Sync{cls.__name__}")
    return twin


def _mirrored() -> list[type]:
    return [cls for m in generator.source_modules() for cls in generator.mirrored_classes(m)]


def _public(cls: type) -> dict[str, Any]:
    return {
        name: inspect.getattr_static(cls, name)
        for name in dir(cls)
        if not name.startswith("_") and name not in ("aclose", "close")
    }


def _as_sync(annotation: str, cls: type) -> str:
    """An async annotation as its sync twin writes it."""
    names = {c.__name__ for c in _mirrored()}
    annotation = re.sub(r"\bAsyncPaginator\b", "SyncPaginator", annotation)
    annotation = re.sub(r"\b\w+\b", lambda m: f"Sync{m[0]}" if m[0] in names else m[0], annotation)
    # The client's own type: SyncClient's methods return the type of the client they copy.
    return "S" if annotation == "C" else annotation


def test_the_committed_sync_surface_is_what_the_generator_writes() -> None:
    assert generator.main(["--check"]) == 0


@pytest.mark.parametrize("cls", _mirrored(), ids=lambda cls: cls.__name__)
def test_every_public_member_has_a_sync_twin_with_the_same_parameters(cls: type) -> None:
    twin = _sync_twin(cls)
    mine, theirs = _public(cls), _public(twin)
    assert set(mine) <= set(theirs)
    # The async paginator's instance attributes are properties of the sync one.
    assert set(theirs) - set(mine) <= {"total", "extras", "dedupe", "stats"}
    for name, member in mine.items():
        # Properties have no parameters; the paginator base is written by hand (and checked
        # in test_pagination).
        if isinstance(member, (property, type(jbcrm.Jetbuilt.projects))) or hasattr(
            jbcrm.AsyncPaginator, name
        ):
            continue
        got, want = inspect.signature(theirs[name]), inspect.signature(member)
        assert list(got.parameters.values())[1:] == list(want.parameters.values())[1:], name
        assert got.return_annotation == _as_sync(want.return_annotation, cls), name
        assert inspect.getdoc(theirs[name]) is not None or inspect.getdoc(member) is None


THINGS = '''
    """A resource of a future shape: a write whose fields are one TypedDict."""

    from __future__ import annotations

    from typing import Any, TypedDict

    from typing_extensions import Unpack

    from jbcrm._core.resource import Resource


    class ThingFields(TypedDict, total=False):
        name: str
        budget: int


    class Things(Resource):
        """``jb.things``."""

        async def create(self, *, user_id: int, **fields: Unpack[ThingFields]) -> dict[str, Any]:
            """``POST /things``: make one."""
            return {"user_id": user_id, **fields}
'''


def _things(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, source: str) -> Any:
    """``source`` imported as a module of a name of its own."""
    name = "api_" + re.sub(r"\W", "_", tmp_path.name)
    (tmp_path / f"{name}.py").write_text(textwrap.dedent(source))
    monkeypatch.syspath_prepend(str(tmp_path))
    return importlib.import_module(name)


def test_a_write_declared_with_unpack_of_a_typed_dict_keeps_its_signature(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    things = _things(tmp_path, monkeypatch, THINGS)
    text = generator.ModuleWriter(things, generator.Names([things.Things])).render()
    assert "def create(self, *, user_id: int, **fields: Unpack[ThingFields])" in text
    assert "from typing_extensions import Unpack" in text
    assert f"from {things.__name__} import ThingFields" in text
    namespace: dict[str, Any] = {}
    exec(compile(text, "generated", "exec"), namespace)
    sync = namespace["SyncThings"](things.Things(None), process_loop())
    assert sync.create(user_id=7, name="x", budget=3) == {"user_id": 7, "name": "x", "budget": 3}
    assert str(inspect.signature(namespace["SyncThings"].create)) == str(
        inspect.signature(things.Things.create)
    )


ODD = """
from typing import Any

from jbcrm._core.pagination import AsyncPaginator
from jbcrm._core.resource import Resource


class Odd(Resource):
"""


@pytest.mark.parametrize(
    ("member", "refused"),
    [
        ("@staticmethod\ndef helper() -> int:\n    return 1", "decorators"),
        (
            "async def pages(self) -> AsyncPaginator[int]:\n    raise NotImplementedError",
            "async method returning a wrapped type",
        ),
        ("def count(self):\n    return 1", "no return annotation"),
    ],
)
def test_a_shape_the_generator_cannot_mirror_is_refused_by_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, member: str, refused: str
) -> None:
    source = ODD + textwrap.indent(member, "    ")
    odd = _things(tmp_path, monkeypatch, source)
    with pytest.raises(generator.GenerationError, match=refused) as raised:
        generator.ModuleWriter(odd, generator.Names([odd.Odd])).render()
    assert "Odd." in str(raised.value)


def test_check_names_stale_and_extra_files_and_a_run_brings_them_up_to_date(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "jbcrm" / "_blocking"
    shutil.copytree(generator.OUT, out)
    (out / "jetbuilt" / "resources" / "users.py").write_text("# edited by hand\n")
    (out / "jetbuilt" / "resources" / "gone.py").write_text("# its source was removed\n")
    monkeypatch.setattr(generator, "OUT", out)
    assert generator.main(["--check"]) == 1
    said = capsys.readouterr().err
    assert "out of date: jbcrm/_blocking/jetbuilt/resources/users.py" in said
    assert "out of date: jbcrm/_blocking/jetbuilt/resources/gone.py" in said
    assert generator.main([]) == 0
    assert not (out / "jetbuilt" / "resources" / "gone.py").exists()
    assert generator.main(["--check"]) == 0


def test_the_generator_runs_while_the_generated_modules_cannot_be_imported(
    tmp_path: Path,
) -> None:
    # A copy of the sources in which a generated client imports what no longer exists (as after
    # a namespace is renamed): importing jbcrm fails there, the generator must not.
    for folder in ("jbcrm", "scripts"):
        shutil.copytree(generator.ROOT / folder, tmp_path / folder)
    shutil.copy(generator.ROOT / "pyproject.toml", tmp_path)
    client = tmp_path / "jbcrm" / "_blocking" / "jetbuilt" / "client.py"
    fresh = client.read_text()
    client.write_text(fresh + "from jbcrm.jetbuilt.resources.renamed import SyncGone\n")
    script = [sys.executable, "scripts/generate_blocking.py"]
    imported = subprocess.run(
        [sys.executable, "-c", "import jbcrm"], cwd=tmp_path, capture_output=True, text=True
    )
    assert "ModuleNotFoundError" in imported.stderr
    ran = subprocess.run(script, cwd=tmp_path, capture_output=True, text=True)
    assert ran.returncode == 0, ran.stderr
    assert client.read_text() == fresh
    assert subprocess.run([*script, "--check"], cwd=tmp_path).returncode == 0


class Recorder:
    """Stands for an async namespace, client or paginator: records what is asked of it."""

    def __init__(self, path: str = "") -> None:
        self.path = path

    def __getattr__(self, name: str) -> Recorder:
        return Recorder(f"{self.path}.{name}")

    def __call__(self, *args: Any, **kwargs: Any) -> tuple[str, tuple[Any, ...], dict[str, Any]]:
        return (self.path, args, kwargs)


class RecordingLoop:
    def call(self, func: Recorder, /, *args: Any, **kwargs: Any) -> Any:
        return ("on the loop", func(*args, **kwargs))


def _arguments(signature: inspect.Signature) -> tuple[list[str], dict[str, str]]:
    """A value for every parameter but ``self``, as a call would pass them."""
    args, kwargs = [], {}
    for parameter in list(signature.parameters.values())[1:]:
        if parameter.kind in (parameter.POSITIONAL_ONLY, parameter.POSITIONAL_OR_KEYWORD):
            args.append(f"<{parameter.name}>")
        elif parameter.kind is parameter.KEYWORD_ONLY:
            kwargs[parameter.name] = f"<{parameter.name}>"
        elif parameter.kind is parameter.VAR_KEYWORD:
            kwargs["some_field"] = "<some_field>"
    return args, kwargs


def _sent(got: Any) -> Any:
    """What reached the async side: a value read, a call made on the loop, or the call a
    returned twin (namespace, paginator, client copy) wraps."""
    if isinstance(got, Recorder):
        return got.path
    if isinstance(got, tuple) and got[0] == "on the loop":
        return got[1]
    return got if isinstance(got, tuple) else _sent(got._async)


@pytest.mark.parametrize("cls", _mirrored(), ids=lambda cls: cls.__name__)
def test_every_sync_member_passes_its_arguments_on_to_its_async_twin(cls: type) -> None:
    twin = _sync_twin(cls)
    for name, member in _public(twin).items():
        if hasattr(jbcrm.SyncPaginator, name):
            continue  # the hand-written base, tested in test_pagination
        sync = object.__new__(twin)
        sync._async, sync._loop = Recorder("async"), RecordingLoop()  # type: ignore[attr-defined]
        if isinstance(member, property):
            assert _sent(getattr(sync, name)) == f"async.{name}", name
            continue
        args, kwargs = _arguments(inspect.signature(member))
        got = getattr(sync, name)(*args, **kwargs)
        assert _sent(got) == (f"async.{name}", tuple(args), kwargs), name


@pytest.mark.parametrize("cls", _mirrored(), ids=lambda c: c.__qualname__)
def test_every_sync_member_carries_its_async_twins_docstring_route_included(cls: type) -> None:
    twin = _sync_twin(cls)
    for name, member in _public(cls).items():
        if hasattr(BaseClient, name):
            continue  # written once, by hand, in SyncClient
        source = getattr(member, "fget", member)
        doc = inspect.getdoc(source)
        if not doc:
            continue
        copied = inspect.getdoc(getattr(getattr(twin, name), "fget", getattr(twin, name)))
        assert copied, f"{twin.__name__}.{name} has no docstring"
        route = re.match(r"``[A-Z]+ [^`]+``", doc)
        if route is not None:
            assert copied.startswith(route.group()), f"{twin.__name__}.{name}: {copied[:80]!r}"
        assert len(copied) >= len(doc) * 0.8, f"{twin.__name__}.{name} lost its text"
