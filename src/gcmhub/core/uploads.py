"""Checks every uploaded file passes before anything is stored: size, extension, and that the
bytes really are of the type the extension claims (magic numbers, zip contents for office files)."""

import codecs
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

# extension -> (magic prefixes, or None for text, and a label)
KINDS = {
    "pdf": ((b"%PDF-",), "PDF"),
    "docx": ((b"PK\x03\x04",), "Word (DOCX)"),
    "xlsx": ((b"PK\x03\x04",), "Excel (XLSX)"),
    "pptx": ((b"PK\x03\x04",), "PowerPoint (PPTX)"),
    "odt": ((b"PK\x03\x04",), "OpenDocument text"),
    "png": ((b"\x89PNG\r\n\x1a\n",), "PNG image"),
    "jpg": ((b"\xff\xd8\xff",), "JPEG image"),
    "jpeg": ((b"\xff\xd8\xff",), "JPEG image"),
    "gif": ((b"GIF87a", b"GIF89a"), "GIF image"),
    "webp": ((b"RIFF",), "WebP image"),
    "txt": (None, "plain text"),
    "md": (None, "Markdown text"),
    "csv": (None, "CSV"),
    "html": (None, "HTML"),
    "htm": (None, "HTML"),
}
OFFICE_MARKERS = {
    "docx": "word/document.xml",
    "xlsx": "xl/workbook.xml",
    "pptx": "ppt/presentation.xml",
    "odt": "content.xml",
}
# A DOCX that inflates beyond this is refused as a zip bomb.
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
MAX_COMPRESSION_RATIO = 100


@dataclass(frozen=True)
class CheckedUpload:
    name: str
    extension: str
    size: int


def extension_of(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def check_upload(uploaded, allowed: set[str], max_bytes: int | None = None) -> CheckedUpload:
    """Raise ValidationError with a message a person can act on, or return what was checked."""
    max_bytes = max_bytes or settings.GCMHUB_MAX_UPLOAD_BYTES
    name = uploaded.name or ""
    ext = extension_of(name)
    if ext not in allowed:
        raise ValidationError(
            _("Files of type “%(ext)s” are not accepted here. Accepted: %(allowed)s.")
            % {"ext": ext or "?", "allowed": ", ".join(sorted(allowed))},
            code="file_type",
        )
    if uploaded.size == 0:
        raise ValidationError(_("The file is empty."), code="file_empty")
    if uploaded.size > max_bytes:
        raise ValidationError(
            _("The file is %(size)s; the limit is %(limit)s.")
            % {"size": filesizeformat(uploaded.size), "limit": filesizeformat(max_bytes)},
            code="file_size",
        )
    uploaded.seek(0)
    head = uploaded.read(2048)
    uploaded.seek(0)
    magics, label = KINDS[ext]
    if magics is None:
        if b"\x00" in head and not _is_utf16_text(head):
            raise ValidationError(
                _("The file says it is %(label)s but holds binary data.") % {"label": label},
                code="file_content",
            )
    elif not head.startswith(magics):
        raise ValidationError(
            _("The file's content is not %(label)s; check that the extension is right.")
            % {"label": label},
            code="file_content",
        )
    if ext in OFFICE_MARKERS:
        _check_zip(uploaded, OFFICE_MARKERS[ext], label)
    return CheckedUpload(name=name, extension=ext, size=uploaded.size)


def _is_utf16_text(head: bytes) -> bool:
    """Text saved as UTF-16 (with its byte-order mark, as Windows editors write it) has NUL
    bytes but is text: it must decode, and hold no NUL or other control characters."""
    if not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    try:
        text = codecs.getincrementaldecoder("utf-16")().decode(head, final=False)
    except UnicodeDecodeError:
        return False
    return not any(ord(ch) < 32 and ch not in "\t\n\r\f" for ch in text)


def _check_zip(uploaded, marker: str, label: str) -> None:
    try:
        with zipfile.ZipFile(uploaded) as archive:
            infos = archive.infolist()
            names = {info.filename for info in infos}
            total = sum(info.file_size for info in infos)
            packed = sum(info.compress_size for info in infos) or 1
    except zipfile.BadZipFile as exc:
        raise ValidationError(
            _("The file is not a valid %(label)s file (it is damaged).") % {"label": label},
            code="file_corrupt",
        ) from exc
    finally:
        uploaded.seek(0)
    if marker not in names:
        raise ValidationError(
            _("The file is not a valid %(label)s file.") % {"label": label}, code="file_content"
        )
    if total > MAX_UNCOMPRESSED_BYTES or total / packed > MAX_COMPRESSION_RATIO:
        raise ValidationError(
            _("The file expands to far more than its size (a possible zip bomb) and was refused."),
            code="file_bomb",
        )
