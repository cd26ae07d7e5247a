"""Zip-bomb guard for zip-based formats (DOCX), run before anything is extracted.

Two checks, because the central directory's sizes are written by whoever made the file and can
lie: first the declared sizes (cheap, catches honest bombs at once), then every member is inflated
as a stream, counting the bytes that really come out and stopping at the first byte past a limit.
Nothing is kept: the check needs memory for one chunk, whatever the archive says.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

from giplint.loaders.document import LoadError

# Defaults for the DOCX loader: a real annual report is well under 5 MB uncompressed, and Office
# XML compresses about 5-15 times; these leave room for embedded images while refusing bombs.
MAX_TOTAL = 200 * 1024 * 1024  # bytes, all members uncompressed
MAX_RATIO = 100.0  # uncompressed / compressed, per member and for the whole archive
MAX_MEMBERS = 10_000

# Below this size a high ratio is harmless (a 30 KB run of spaces compresses 100:1 on its own).
_RATIO_FLOOR = 1024 * 1024
_CHUNK = 64 * 1024
_LOCAL_HEADER = struct.Struct("<4sHHHHHIIIHH")
_LOCAL_MAGIC = b"PK\x03\x04"


def _limit(what_zh: str, what_en: str) -> LoadError:
    return LoadError(
        "GIP013",
        f"压缩包超出安全限制（{what_zh}），疑似压缩炸弹，未解压",
        f"the archive exceeds a safety limit ({what_en}); it looks like a zip bomb and was not extracted",
    )


def _damaged(detail: str) -> LoadError:
    return LoadError(
        "GIP001",
        f"文件已损坏，不是有效的压缩包（{detail}）；请用 Word 重新另存为 .docx",
        f"the file is damaged: not a valid zip archive ({detail}); re-save it from Word as .docx",
    )


def check_zip(data: bytes, *, max_total: int, max_ratio: float, max_members: int) -> None:
    """Raise LoadError GIP013 if extracting ``data`` would exceed a limit, GIP001 if it is no zip."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
    except Exception as exc:  # zipfile also raises NotImplementedError, struct.error, UnicodeDecodeError...
        raise _damaged(str(exc) or type(exc).__name__) from exc
    if len(infos) > max_members:
        raise _limit(f"{len(infos)} 个成员，上限 {max_members}", f"{len(infos)} members, limit {max_members}")
    declared = sum(i.file_size for i in infos)
    if declared > max_total:
        raise _limit(
            f"解压后 {declared} 字节，上限 {max_total}", f"{declared} bytes uncompressed, limit {max_total}"
        )
    for info in infos:
        _check_ratio(info.file_size, info.compress_size, max_ratio, info.filename)
    _check_ratio(declared, sum(i.compress_size for i in infos), max_ratio, None)
    total = 0
    for info in infos:
        total = _inflate_counting(data, info, total, max_total, max_ratio)


def _check_ratio(size: int, compressed: int, max_ratio: float, name: str | None) -> None:
    if size > _RATIO_FLOOR and size > max_ratio * max(compressed, 1):
        ratio = size / max(compressed, 1)
        where_zh = f"成员 {name} " if name else "整个压缩包"
        where_en = f"member {name}" if name else "whole archive"
        raise _limit(
            f"{where_zh}压缩比 {ratio:.0f}，上限 {max_ratio:g}",
            f"{where_en}: compression ratio {ratio:.0f}, limit {max_ratio:g}",
        )


def _inflate_counting(
    data: bytes, info: zipfile.ZipInfo, total: int, max_total: int, max_ratio: float
) -> int:
    """Inflate one member from the raw bytes without keeping the output; return the running total."""
    start = info.header_offset
    header = data[start : start + _LOCAL_HEADER.size]
    if len(header) < _LOCAL_HEADER.size or header[:4] != _LOCAL_MAGIC:
        raise _damaged(f"bad local header for {info.filename}")
    fields = _LOCAL_HEADER.unpack(header)
    begin = start + _LOCAL_HEADER.size + fields[9] + fields[10]
    # The central directory's compressed size bounds what is read; a lie there only shortens input.
    raw = memoryview(data)[begin : begin + info.compress_size]
    if info.flag_bits & 0x1:
        raise _damaged(f"{info.filename} is encrypted")
    if info.compress_type == zipfile.ZIP_STORED:
        out = len(raw)
        total += out
        _check_actual(info, out, total, max_total, len(raw), max_ratio)
        return total
    if info.compress_type != zipfile.ZIP_DEFLATED:
        raise _damaged(f"{info.filename} uses compression method {info.compress_type}")
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    out = 0
    consumed = 0
    try:
        for pos in range(0, len(raw), _CHUNK):
            chunk = bytes(raw[pos : pos + _CHUNK])
            consumed += len(chunk)
            while chunk and not inflater.eof:
                piece = inflater.decompress(chunk, _CHUNK)
                out += len(piece)
                _check_actual(info, out, total + out, max_total, consumed, max_ratio)
                if not piece and len(inflater.unconsumed_tail) == len(chunk):
                    break  # no progress: damaged input zlib neither accepts nor rejects
                chunk = inflater.unconsumed_tail
            if inflater.eof:
                break
    except zlib.error as exc:
        raise _damaged(f"{info.filename}: {exc}") from exc
    return total + out


def _check_actual(
    info: zipfile.ZipInfo, out: int, total: int, max_total: int, consumed: int, max_ratio: float
) -> None:
    if out > info.file_size:
        raise _limit(
            f"成员 {info.filename} 实际大于声明的 {info.file_size} 字节",
            f"member {info.filename} inflates to more than its declared {info.file_size} bytes",
        )
    if total > max_total:
        raise _limit(f"解压后超过 {max_total} 字节", f"more than {max_total} bytes uncompressed")
    _check_ratio(out, consumed, max_ratio, info.filename)
