"""Safety limits that configuration can change (``max-file-size``, ``timeout``) and their defaults."""

DEFAULT_MAX_BYTES = 50 * 1024 * 1024  # 50 MB: the largest report file read
# Seconds one file may take. An ordinary report takes milliseconds and a 50 MB one a few seconds:
# the limit exists for a bug or a pathological input, not for any real report.
DEFAULT_TIMEOUT = 60.0
