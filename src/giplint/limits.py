"""Safety limits that configuration can change (``max-file-size``) and their defaults."""

DEFAULT_MAX_BYTES = 50 * 1024 * 1024  # 50 MB: the largest report file read
