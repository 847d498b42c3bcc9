"""Serving stored uploads. Files are never served from a public /media/ URL: each app's
download view checks the permission on the owning object, then calls ``file_response``."""

import mimetypes
from pathlib import PurePosixPath

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
