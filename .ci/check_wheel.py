"""Run by a fresh venv's python, outside the clone, once the built wheel is installed there:
the installed jbcrm is the wheel's, it ships py.typed, it names its extras, and it imports
with nothing but its own dependencies."""

from __future__ import annotations

import importlib.metadata
import importlib.resources
import sys
import zipfile

(wheel,) = sys.argv[1:]
names = zipfile.ZipFile(wheel).namelist()
assert "jbcrm/py.typed" in names, "py.typed is not in the wheel"
strays = sorted(
    {n.split("/")[0] for n in names}
    - {"jbcrm", *(n.split("/")[0] for n in names if ".dist-info/" in n)}
)
assert not strays, f"the wheel holds more than the package: {strays}"

import jbcrm  # noqa: E402

assert "site-packages" in jbcrm.__file__, f"imported from {jbcrm.__file__}, not the wheel"
assert importlib.resources.files("jbcrm").joinpath("py.typed").is_file()
# httpcore's per-checkout lookup of the async library must be a cached import, not a failed one.
importlib.import_module("sniffio")
extras = set(importlib.metadata.metadata("jbcrm").get_all("Provides-Extra") or [])
assert {"cli", "sandbox", "redis"} <= extras, f"extras: {sorted(extras)}"
print(
    f"jbcrm {jbcrm.__version__} installed from {wheel}: py.typed shipped, extras {sorted(extras)}"
)
