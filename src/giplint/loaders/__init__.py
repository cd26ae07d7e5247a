"""Loaders turn a file's bytes into decoded text lines (one per source line)."""
