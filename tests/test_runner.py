"""A batch never loses a result: time limits, dead workers, odd paths, a closed pipe, any order."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from giplint import runner
from giplint.cli import main
from giplint.diagnostics import ERROR, Diagnostic, Message
from giplint.linter import select_rules
from giplint.model import Report
from giplint.reportgen import generate
from giplint.rule import Rule

PARENT = os.getpid()
HANG = "【测试：卡住】"
HANG_HARD = "【测试：屏蔽信号后卡住】"
DIE = "【测试：进程退出】"


class Misbehaves(Rule):
    """A plugin rule with bugs that a marker in the report sets off.

    Why: to test the runner. Source: none. Fails: never. Passes: always.
    """

    code = "XYZ010"
    name = "misbehaves"
    severity = ERROR
    message = Message(zh="不会出现", en="never shown")

    def check(self, report: Report) -> Iterator[Diagnostic]:
        text = "\n".join(line.text for line in report.lines)
        if HANG in text:
            while True:
                pass
        if HANG_HARD in text:
            # Like a regex stuck in C code: the interval timer's signal cannot get through.
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
            while True:
                pass
        if DIE in text and os.getpid() != PARENT:
            os.kill(os.getpid(), signal.SIGKILL)
        return iter(())


def _batch(tmp_path: Path, n: int, marked: dict[int, str]) -> list[Path]:
    paths = []
    for i in range(n):
        text = generate(i % 5).text
        if i in marked:
            text = text.replace("\n", f"\n{marked[i]}\n", 1)
        p = tmp_path / f"r{i:03d}.txt"
        p.write_text(text, encoding="utf-8")
        paths.append(p)
    return paths


def _run(paths: list[Path], jobs: int, timeout: float = 30.0) -> list:
    rules = [*select_rules(), Misbehaves()]
    return list(runner.lint_files(paths, lambda _p: (rules, None, 50 * 2**20, timeout), jobs=jobs))


def _codes(result) -> set[str]:
    return {d.code for d in result.diagnostics}


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_file_that_hangs_gets_gip014_and_the_others_are_checked(tmp_path: Path, jobs: int) -> None:
    paths = _batch(tmp_path, 20, {3: HANG})
    t0 = time.monotonic()
    results = _run(paths, jobs, timeout=0.5)
    assert time.monotonic() - t0 < 20
    assert [r.path for r in results] == [str(p) for p in paths]
    assert _codes(results[3]) == {"GIP014"}
    assert "0.5 s" in results[3].diagnostics[0].text("en")
    assert all("GIP014" not in _codes(r) and r.report is not None for i, r in enumerate(results) if i != 3)


def test_a_worker_the_timer_cannot_stop_is_killed_by_the_parent(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(runner, "GRACE_SECONDS", 0.5)
    paths = _batch(tmp_path, 20, {7: HANG_HARD})
    results = _run(paths, 2, timeout=0.5)
    assert [r.path for r in results] == [str(p) for p in paths]
    assert _codes(results[7]) == {"GIP014"}
    assert sum("GIP014" in _codes(r) for r in results) == 1


def test_a_killed_worker_costs_only_its_file(tmp_path: Path) -> None:
    paths = _batch(tmp_path, 24, {0: DIE, 11: DIE, 23: DIE})
    results = _run(paths, 2)
    assert [r.path for r in results] == [str(p) for p in paths]  # each path once, in order
    for i in (0, 11, 23):
        assert _codes(results[i]) == {"GIP015"}
        assert "SIGKILL" in results[i].diagnostics[0].text("en")
    assert all(r.report is not None for i, r in enumerate(results) if i not in (0, 11, 23))


def test_parallel_and_serial_results_agree(tmp_path: Path) -> None:
    paths = _batch(tmp_path, 20, {})
    one = [(r.path, [(d.code, d.span) for d in r.diagnostics]) for r in _run(paths, 1)]
    two = [(r.path, [(d.code, d.span) for d in r.diagnostics]) for r in _run(paths, 2)]
    assert one == two


def test_results_keep_only_the_lines_their_findings_point_at(tmp_path: Path) -> None:
    p = tmp_path / "r.txt"
    p.write_text(generate(2, defect="t4-group-total").text, encoding="utf-8")
    (result,) = _run([p], 1)
    assert result.report is not None
    lines = result.report.lines
    pointed = {d.span.line for d in result.diagnostics}
    assert pointed and all(lines[n - 1].number == n for n in pointed)
    unpointed = next(n for n in range(1, len(lines) + 1) if n not in pointed)
    with pytest.raises(IndexError):
        lines[unpointed - 1]


# --- the command ----------------------------------------------------------------------------------


def _cli(*args: str) -> tuple[int, list[dict]]:
    result = CliRunner().invoke(main, [*args, "--format", "json", "--lang", "en"])
    assert "Traceback" not in result.output
    return result.exit_code, json.loads(result.stdout)


def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    done = subprocess.run(
        [sys.executable, "-m", "giplint", str(fifo), "--lang", "en"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "GIP001" in done.stdout and "not a regular file (a FIFO)" in done.stdout


def test_a_directory_symlink_loop_ends_and_lists_each_file_once(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "r.txt").write_text(generate(1).text, encoding="utf-8")
    (tmp_path / "a" / "loop").symlink_to(tmp_path / "a", target_is_directory=True)
    (tmp_path / "a" / "up").symlink_to(tmp_path, target_is_directory=True)
    from giplint.session import collect_paths

    assert collect_paths((str(tmp_path),)) == [(tmp_path / "a" / "r.txt", False)]


def test_one_file_named_under_several_spellings_is_linted_once(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "r.txt").write_text(generate(1, defect="t4-group-total").text, encoding="utf-8")
    (tmp_path / "d" / "s.txt").write_text(generate(2).text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    from giplint.session import collect_paths

    spellings = ("d/r.txt", "./d/../d/r.txt", str(tmp_path / "d" / "r.txt"), "d")
    expected = [(Path("d/r.txt"), True), (Path("d/s.txt"), False)]
    assert collect_paths(spellings) == expected
    assert collect_paths(tuple(reversed(spellings))) == expected
    assert _cli(*spellings) == _cli("d/r.txt")  # each finding once, not once per spelling


def test_a_dangling_link_a_link_loop_and_a_missing_file_get_gip001(tmp_path: Path) -> None:
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    (tmp_path / "self.txt").symlink_to(tmp_path / "self.txt")
    status, out = _cli(str(tmp_path), str(tmp_path / "missing.txt"))
    assert status == 1
    found = {(Path(d["path"]).name, d["code"]) for d in out}
    assert found == {("gone.txt", "GIP001"), ("self.txt", "GIP001"), ("missing.txt", "GIP001")}
    reasons = " ".join(d["message"] for d in out)
    assert "No such file" in reasons and "Too many levels of symbolic links" in reasons


class Deletes(Rule):
    """Deletes the next report of the batch while the batch runs. Why: -. Source: -. Fails: -. Passes: -."""

    code = "XYZ011"
    name = "deletes"
    severity = ERROR
    message = Message(zh="不会出现", en="never shown")

    def check(self, report: Report) -> Iterator[Diagnostic]:
        victim = Path(report.path).with_name("r001.txt")
        if report.path.endswith("r000.txt") and victim.exists():
            victim.unlink()
        return iter(())


def test_a_file_that_vanishes_during_the_run_gets_gip001(tmp_path: Path) -> None:
    paths = _batch(tmp_path, 3, {})
    rules = [*select_rules(), Deletes()]
    results = list(runner.lint_files(paths, lambda _p: (rules, None, 50 * 2**20, 30.0), jobs=1))
    assert [r.path for r in results] == [str(p) for p in paths]
    assert _codes(results[1]) == {"GIP001"} and "No such file" in results[1].diagnostics[0].text("en")


def test_an_unreadable_file_gets_gip001(tmp_path: Path) -> None:
    p = tmp_path / "secret.txt"
    p.write_text(generate(1).text, encoding="utf-8")
    p.chmod(0)
    tmp_path.chmod(0o755)
    command = [sys.executable, "-m", "giplint", str(p), "--lang", "en", "--isolated"]
    if os.geteuid() == 0:
        # root reads any file: drop the capabilities that let it, so the permission bits count.
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root without setpriv: every file is readable")
        caps = "-dac_override,-dac_read_search"
        command = [setpriv, f"--inh-caps={caps}", f"--bounding-set={caps}", *command]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    done = subprocess.run(command, capture_output=True, text=True, timeout=60, env=env)
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == 1 and "GIP001" in done.stdout and "Permission denied" in done.stdout


def test_time_limit_and_dead_workers_exit_2_even_with_exit_zero(tmp_path: Path) -> None:
    from giplint.session import RUN_FAILURES

    assert {"GIP014", "GIP015", "GIP099"} <= RUN_FAILURES
    from giplint.diagnostics import Span
    from giplint.linter import FileResult
    from giplint.rules.input import TimeLimit
    from giplint.session import Options, exit_status

    timed = FileResult("a.txt", [TimeLimit().at_path("a.txt", Span(1), seconds="1")])
    assert exit_status([timed], Options(paths=("a.txt",), exit_zero=True)) == 2


def test_the_same_files_in_any_order_give_the_same_output(tmp_path: Path) -> None:
    for i in range(4):
        (tmp_path / f"{'zyxw'[i]}.txt").write_text(
            generate(i, defect="t4-group-total").text, encoding="utf-8"
        )
    names = [str(tmp_path / f"{c}.txt") for c in "zyxw"]
    a = CliRunner().invoke(main, [*names, "--lang", "en"]).output
    b = CliRunner().invoke(main, [*reversed(names), "--lang", "en"]).output
    c = CliRunner().invoke(main, [names[2], str(tmp_path), names[0], "--lang", "en"]).output
    assert a == b == c


def test_output_into_a_pipe_that_closes_early_ends_quietly(tmp_path: Path) -> None:
    for i in range(40):
        (tmp_path / f"r{i:02d}.txt").write_text(
            generate(i % 5, defect="t4-group-total").text, encoding="utf-8"
        )
    proc = subprocess.Popen(
        [sys.executable, "-m", "giplint", str(tmp_path), "--lang", "en", "-j", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.readline()
    proc.stdout.close()  # what `| head -1` does
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 141
    assert "Traceback" not in err and "Exception ignored" not in err, err


def _peak_mib(args: list[str]) -> float:
    probe = (
        "import resource, subprocess, sys; subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=False); "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    done = subprocess.run(
        [sys.executable, "-c", probe, *args], capture_output=True, text=True, env=env, check=True
    )
    return int(done.stdout) / 1024


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_memory_follows_the_largest_file_not_the_batch(tmp_path: Path, fmt: str) -> None:
    big = generate(3, size="large").text
    prose = "\n".join(ln for ln in big.split("\n") if len(ln) > 40 and "\t" not in ln)
    body = big.replace("六、其他需要报告的事项", prose * 40 + "\n六、其他需要报告的事项", 1)
    assert len(body.encode()) > 300_000
    for n in (5, 60):
        folder = tmp_path / str(n)
        folder.mkdir()
        for i in range(n):
            (folder / f"r{i:02d}.txt").write_text(body, encoding="utf-8")
    command = [sys.executable, "-m", "giplint", "--exit-zero", "-j", "1", "--format", fmt]
    few = _peak_mib([*command, str(tmp_path / "5")])
    many = _peak_mib([*command, str(tmp_path / "60")])
    # 55 more files of ~0.4 MB: had their lines been kept, about 10 MB of memory per file more.
    assert many < few * 1.25 + 5, (few, many)


def test_memory_of_a_long_pdf_does_not_grow_with_its_pages(tmp_path: Path) -> None:
    from pdfrender import to_pdf

    big = generate(3, size="large").text
    prose = "\n".join(ln for ln in big.split("\n") if len(ln) > 40 and "\t" not in ln)
    peaks = []
    for copies in (0, 5):  # about 25 and 95 pages
        body = big.replace("六、其他需要报告的事项", prose * copies + "\n六、其他需要报告的事项", 1)
        path = tmp_path / f"long-{copies}.pdf"
        path.write_bytes(to_pdf(body))
        peaks.append(_peak_mib([sys.executable, "-m", "giplint", str(path), "--exit-zero"]))
    # pdfplumber kept every parsed page until the file was closed: +140 MiB for the longer one.
    assert peaks[1] - peaks[0] < 30, peaks


def test_a_text_longer_than_any_report_gets_gip013_at_once(tmp_path: Path) -> None:
    from giplint.limits import MAX_TEXT_CHARS

    one = generate(1).text
    p = tmp_path / "joined.txt"
    p.write_text("\n".join([one] * (MAX_TEXT_CHARS // len(one) + 2)), encoding="utf-8")
    t0 = time.monotonic()
    status, out = _cli(str(p))
    assert time.monotonic() - t0 < 10
    assert status == 1 and [d["code"] for d in out] == ["GIP013"]
    assert "characters, over the 2,000,000 limit" in out[0]["message"]


def test_a_text_within_the_limit_is_checked(tmp_path: Path) -> None:
    p = tmp_path / "r.txt"
    p.write_text(generate(1, size="large").text, encoding="utf-8")
    _status, out = _cli(str(p))
    assert "GIP013" not in {d["code"] for d in out}


# --- what output still needs of a result ------------------------------------------------------------


@pytest.fixture(scope="module")
def web_pages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from giplint.reportgen import DEFECTS
    from htmlrender import to_html

    folder = tmp_path_factory.mktemp("pages")
    for i, defect in enumerate(sorted(DEFECTS) * 3):  # 16 files or more: workers at -j 2
        (folder / f"r{i:02d}.html").write_bytes(to_html(generate(i, defect=defect).text))
    return folder


@pytest.mark.parametrize("fmt", ["text", "sarif", "gitlab", "json", "csv", "junit", "github"])
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_web_pages_with_findings_render_in_every_format(web_pages: Path, fmt: str, jobs: str) -> None:
    result = CliRunner().invoke(main, [str(web_pages), "--format", fmt, "-j", jobs, "--lang", "en"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert result.exit_code == 1


def test_a_finding_over_hundreds_of_lines_keeps_them_all(tmp_path: Path) -> None:
    lines = generate(3, defect="fee-missing").text.split("\n")
    six = next(i for i, line in enumerate(lines) if line.startswith("六、"))
    lines[six + 1 : six + 1] = [f"第{i}条补充说明，本机关持续做好政务公开工作。" for i in range(300)]
    p = tmp_path / "long.txt"
    p.write_text("\n".join(lines), encoding="utf-8")
    (result,) = _run([p], 1)
    spans = [d.source_span for d in result.diagnostics if d.source_span.last_line - d.source_span.line > 200]
    assert spans, "the test needs a finding spanning more than 200 lines"
    for name in ("sarif", "gitlab", "text"):
        out = CliRunner().invoke(main, [str(p), "--format", name, "--lang", "en"])
        assert out.exit_code == 1, out.output


def test_results_drop_the_extracted_document(tmp_path: Path) -> None:
    from htmlrender import to_html

    p = tmp_path / "r.html"
    p.write_bytes(to_html(generate(1, defect="t4-group-total").text))
    (result,) = _run([p], 1)
    assert result.document is None and result.diagnostics


class Unpicklable(Rule):
    """A finding whose parameter cannot be pickled. Why: -. Source: -. Fails: -. Passes: -."""

    code = "XYZ012"
    name = "unpicklable"
    severity = ERROR
    message = Message(zh="{thing}", en="{thing}")

    def check(self, report: Report) -> Iterator[Diagnostic]:
        import threading

        if DIE in "\n".join(line.text for line in report.lines):
            yield self.at(report.lines[0].span(0, 1), thing=threading.Lock())


def test_a_result_that_cannot_be_sent_back_becomes_gip099(tmp_path: Path) -> None:
    paths = _batch(tmp_path, 20, {4: DIE})
    rules = [*select_rules(), Unpicklable()]
    results = list(runner.lint_files(paths, lambda _p: (rules, None, 50 * 2**20, 30.0), jobs=2))
    assert [r.path for r in results] == [str(p) for p in paths]
    assert _codes(results[4]) == {"GIP099"} and "XYZ012" in results[4].diagnostics[0].text("en")
    assert all("GIP099" not in _codes(r) for i, r in enumerate(results) if i != 4)


class ClosesItsPipe(Rule):
    """Closes every descriptor, then hangs where the timer cannot reach. Why: -. Source: -. Fails: -. Passes: -."""

    code = "XYZ013"
    name = "closes-its-pipe"
    severity = ERROR
    message = Message(zh="不会出现", en="never shown")

    def check(self, report: Report) -> Iterator[Diagnostic]:
        if HANG in "\n".join(line.text for line in report.lines) and os.getpid() != PARENT:
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
            os.closerange(3, 4096)
            time.sleep(60)
        return iter(())


def test_a_worker_that_closes_its_pipe_is_charged_at_once(tmp_path: Path) -> None:
    paths = _batch(tmp_path, 20, {2: HANG})
    rules = [*select_rules(), ClosesItsPipe()]
    t0 = time.monotonic()
    results = list(runner.lint_files(paths, lambda _p: (rules, None, 50 * 2**20, 30.0), jobs=2))
    assert time.monotonic() - t0 < 20
    assert [r.path for r in results] == [str(p) for p in paths]
    assert _codes(results[2]) == {"GIP015"}


def test_the_time_limit_puts_back_an_outer_timer() -> None:
    from giplint.timelimit import time_limit

    signal.signal(signal.SIGALRM, lambda *_: None)
    try:
        signal.setitimer(signal.ITIMER_REAL, 100)
        with time_limit(5):
            pass
        left = signal.getitimer(signal.ITIMER_REAL)[0]
        assert 90 < left <= 100
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, signal.SIG_DFL)


def test_a_folder_that_cannot_be_listed_gets_gip001(tmp_path: Path) -> None:
    (tmp_path / "ok").mkdir()
    (tmp_path / "ok" / "r.txt").write_text(generate(1).text, encoding="utf-8")
    (tmp_path / "locked").mkdir()
    (tmp_path / "locked" / "r.txt").write_text(generate(2).text, encoding="utf-8")
    (tmp_path / "locked").chmod(0)
    command = [sys.executable, "-m", "giplint", str(tmp_path), "--lang", "en", "--isolated"]
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root without setpriv: every folder is readable")
        caps = "-dac_override,-dac_read_search"
        command = [setpriv, f"--inh-caps={caps}", f"--bounding-set={caps}", *command]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=60, env=env)
    finally:
        (tmp_path / "locked").chmod(0o755)
    assert "Traceback" not in done.stderr, done.stderr
    assert "locked:1:1  GIP001" in done.stdout
    assert "a folder that cannot be listed: Permission denied" in done.stdout
    assert "Checked 2 file(s)" in done.stdout
