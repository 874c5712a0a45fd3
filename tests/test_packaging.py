"""Issue 17.6-17.10: what a user installs, and the dependency floors CI keeps true."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest
from packaging.version import Version

tomllib = pytest.importorskip("tomllib")  # Python 3.11; 3.10 skips this file

ROOT = Path(__file__).parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
README = (ROOT / "README.md").read_text(encoding="utf-8")
CI = (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def floors() -> dict[str, str]:
    found = {}
    for requirement in PYPROJECT["project"]["dependencies"]:
        match = re.fullmatch(r"([A-Za-z0-9_.-]+)>=([0-9.]+)", requirement)
        assert match, f"{requirement}: a dependency is written name>=floor"
        found[match.group(1).lower()] = match.group(2)
    return found


def test_fava_floor_is_the_oldest_that_works() -> None:
    # 1.30.0-1.30.1: every page 500; < 1.30.5: no /api/journal; < 1.30.8: no
    # --diff-red/--diff-green (test_browser checks every colour the tab uses).
    assert floors()["fava"] == "1.30.8"


def test_ci_tests_the_floors() -> None:
    oldest = (ROOT / ".ci" / "oldest.txt").read_text(encoding="utf-8")
    pins = dict(re.findall(r"^([A-Za-z0-9_.-]+)==([0-9.]+)$", oldest, re.MULTILINE))
    # 3.2 and 3.2.0 are one version.
    pinned = {name.lower(): Version(version) for name, version in pins.items()}
    assert pinned == {name: Version(floor) for name, floor in floors().items()}
    assert "-c .ci/oldest.txt" in CI
    assert ".venv-oldest/bin/python -m pytest" in CI


def test_the_readme_test_command_is_the_one_ci_runs() -> None:
    [command] = re.findall(r"^python3 -m venv \.venv && .*pytest$", README, re.MULTILINE)
    assert command in CI.splitlines()
    assert "chromium-driver" not in README + CI


def test_python_dateutil_is_used() -> None:
    # A declared dependency that nothing imports is dead weight.
    imports = set()
    for path in [*ROOT.glob("beancount_plugins/**/*.py"), *ROOT.glob("fava_clienthealth/*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                imports.add(node.module.split(".")[0])
            elif isinstance(node, ast.Import):
                imports.update(alias.name.split(".")[0] for alias in node.names)
    assert "python-dateutil" in floors()
    assert "dateutil" in imports


def test_no_test_writes_the_tracked_screenshot() -> None:
    for path in ROOT.glob("tests/*.py"):
        if path.name == Path(__file__).name:
            continue
        assert '"screenshot.png"' not in path.read_text(encoding="utf-8"), path
    assert (ROOT / "scripts" / "screenshot.py").exists()


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    code = (
        "import sys; from hatchling.build import build_sdist, build_wheel; "
        "build_wheel(sys.argv[1]); build_sdist(sys.argv[1])"
    )
    subprocess.run([sys.executable, "-c", code, str(out)], cwd=ROOT, check=True, timeout=300)
    return out


def test_wheel_and_sdist_carry_the_licence(dist: Path) -> None:
    licence = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert "GNU GENERAL PUBLIC LICENSE" in licence
    assert "Version 2, June 1991" in licence
    [wheel] = dist.glob("*.whl")
    with zipfile.ZipFile(wheel) as archive:
        [name] = [n for n in archive.namelist() if n.endswith("dist-info/licenses/LICENSE")]
        assert archive.read(name).decode() == licence
    [sdist] = dist.glob("*.tar.gz")
    with tarfile.open(sdist) as archive:
        names = archive.getnames()
    assert any(n.endswith("/LICENSE") for n in names)
    assert any(n.endswith("/.ci/oldest.txt") for n in names)


def test_the_pypi_page_has_no_relative_links(dist: Path) -> None:
    [wheel] = dist.glob("*.whl")
    with zipfile.ZipFile(wheel) as archive:
        [name] = [n for n in archive.namelist() if n.endswith("dist-info/METADATA")]
        metadata = archive.read(name).decode()
    description = metadata.split("\n\n", 1)[1]
    # Every Markdown link or image is absolute there; the clone's are relative.
    targets = re.findall(r"\]\(([^)]+)\)", description)
    assert all(re.match(r"https?://", target) for target in targets), targets
    assert re.search(r"\]\(docs/", README)
    assert "the SPEC (`docs/SPEC.md` in the source distribution)" in description
    assert "Requires-Dist: fava>=1.30.8" in metadata


def test_the_performance_notes_speak_to_users() -> None:
    part = README.split("## Performance", 1)[1].split("\n## ", 1)[0]
    for note in ("this session", "for the project's owner", "working notes"):
        assert note not in part
    assert "bean-check --no-cache" in part
