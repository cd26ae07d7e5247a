"""The real pre-commit, running the hook this checkout declares in .pre-commit-hooks.yaml.

A temporary git repository holds generated reports; ``pre-commit try-repo`` installs giplint from
this checkout into its own virtualenv (pip fetches the runtime dependencies from the package index)
and runs the hook over the files. ``try-repo`` rather than a ``.pre-commit-config.yaml`` with a
``rev``: it snapshots uncommitted changes of a local repository, so the test checks the working
tree, not the last commit. The first run builds the hook's virtualenv (about half a minute); the
cache lives in the test's temporary directory, so every run is a first run.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from giplint.reportgen import generate

CHECKOUT = Path(__file__).resolve().parents[1]


def _pre_commit() -> list[str]:
    # The test environment's own pre-commit first, so that a venv that was not activated still works.
    if importlib.util.find_spec("pre_commit") is not None:
        return [sys.executable, "-m", "pre_commit"]
    found = shutil.which("pre-commit")
    if found is None:
        pytest.skip("pre-commit is not installed (pip install 'pre-commit>=3.5')")
    return [found]


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


@pytest.fixture
def report_repo(tmp_path: Path) -> Path:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    if not (CHECKOUT / ".git").exists():
        pytest.skip(f"{CHECKOUT} is not a git checkout; pre-commit installs hooks from a repository")
    repo = tmp_path / "reports"
    repo.mkdir()
    _git(repo, "init", "--quiet")
    _git(repo, "config", "user.email", "tester@example.org")
    _git(repo, "config", "user.name", "giplint tests")
    _git(repo, "config", "commit.gpgsign", "false")
    return repo


def _run_hook(repo: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        "PRE_COMMIT_COLOR": "never",
        "NO_COLOR": "1",
    }
    # A hook venv must not inherit the test process's module path.
    env.pop("PYTHONPATH", None)
    env.pop("VIRTUAL_ENV", None)
    return subprocess.run(
        [*_pre_commit(), "try-repo", str(CHECKOUT), "giplint", "--all-files", "--verbose"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=600,
    )


def test_hook_fails_on_a_defective_report_and_passes_on_a_clean_one(
    report_repo: Path, tmp_path: Path
) -> None:
    clean = generate(11)
    defective = generate(12, defect="t4-group-total")
    assert defective.expected_code == "GIP220"
    (report_repo / "clean-2024.txt").write_text(clean.text, encoding="utf-8")
    (report_repo / "defective-2024.txt").write_text(defective.text, encoding="utf-8")
    # The hook must hand over reports in every encoding giplint reads, not only what looks like text.
    (report_repo / "defective-utf16.txt").write_text(defective.text, encoding="utf-16")
    _git(report_repo, "add", ".")

    failed = _run_hook(report_repo, tmp_path)
    output = failed.stdout + failed.stderr
    assert failed.returncode == 1, output
    assert "giplint" in output and "Failed" in output, output
    assert "GIP220" in output, output
    assert f"defective-2024.txt:{defective.defect_line}:" in output, output
    assert f"defective-utf16.txt:{defective.defect_line}:" in output, output
    assert "clean-2024.txt:" not in output, output

    _git(report_repo, "rm", "--quiet", "--force", "defective-2024.txt", "defective-utf16.txt")
    passed = _run_hook(report_repo, tmp_path)
    output = passed.stdout + passed.stderr
    assert passed.returncode == 0, output
    assert "Passed" in output, output
