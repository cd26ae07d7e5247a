"""Safety limits that configuration can change (``max-file-size``, ``timeout``) and their defaults."""

DEFAULT_MAX_BYTES = 50 * 1024 * 1024  # 50 MB: the largest report file read
# Seconds one file may take. An ordinary report takes milliseconds and a 50 MB one a few seconds:
# the limit exists for a bug or a pathological input, not for any real report.
DEFAULT_TIMEOUT = 60.0
# Characters of text one file may hold once decoded: five times the longest real reports (a city's,
# with annexes, about 400,000). Checking holds about 90 bytes of memory per character, so this keeps
# any one file under about 200 MB and a few seconds; a 50 MB text of thousands of reports joined
# would otherwise take 2.3 GB and 40 s.
MAX_TEXT_CHARS = 2_000_000
