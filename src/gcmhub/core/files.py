"""Serving stored uploads. Files are never served from a public /media/ URL: each app's
download view checks the permission on the owning object, then calls ``file_response``."""

import mimetypes
import threading
from contextlib import contextmanager
from pathlib import PurePosixPath

from django.core.files.storage import FileSystemStorage
from django.db import transaction
from django.http import FileResponse, Http404

# Types a browser may show in the page; everything else is always a download.
INLINE_TYPES = {"application/pdf", "image/png", "image/jpeg", "image/gif", "image/webp"}


def file_response(field_file, filename: str | None = None) -> FileResponse:
    """The stored file as a response: its type from its name, shown inline only for PDF and
    raster images, never sniffed, never kept in a shared cache."""
    if not field_file:
        raise Http404
    try:
        handle = field_file.open("rb")
    except (FileNotFoundError, OSError) as error:
        raise Http404 from error
    name = filename or PurePosixPath(field_file.name).name
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    response = FileResponse(
        handle,
        as_attachment=content_type not in INLINE_TYPES,
        filename=name,
        content_type=content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=0"
    # A PDF or image opened in the browser runs no script and cannot be framed by others.
    response["Content-Security-Policy"] = (
        "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox"
    )
    return response


# --- Files written inside a transaction that fails are removed ----------------------------------

_written = threading.local()


class TrackedStorage(FileSystemStorage):
    """The default storage. Inside ``atomic_with_files`` it notes each file it writes, so that
    a failed transaction leaves no file behind."""

    def _save(self, name, content):
        name = super()._save(name, content)
        for frame in getattr(_written, "frames", []):
            frame.append((self, name))
        return name


@contextmanager
def atomic_with_files(using=None):
    """``transaction.atomic()`` that also removes the files written inside it when it fails
    (an invalid form, a constraint, an error while committing): bad input changes nothing, on
    disk either."""
    frames = _written.__dict__.setdefault("frames", [])
    frame: list = []
    frames.append(frame)
    try:
        with transaction.atomic(using=using):
            yield
    except BaseException:
        for storage, name in frame:
            storage.delete(name)
        raise
    finally:
        frames.remove(frame)
