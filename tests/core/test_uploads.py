import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from gcmhub.core.uploads import check_upload


def docx_bytes(extra: dict[str, bytes] | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


def upload(name, data):
    return SimpleUploadedFile(name, data)


def test_a_real_pdf_passes():
    checked = check_upload(upload("report.PDF", b"%PDF-1.7\n..."), {"pdf"})
    assert (checked.extension, checked.size) == ("pdf", 12)


def test_a_real_docx_passes():
    assert check_upload(upload("plan.docx", docx_bytes()), {"docx"}).extension == "docx"


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("script.exe", b"MZ...", "file_type"),
        ("noextension", b"%PDF-1.7", "file_type"),
        ("empty.pdf", b"", "file_empty"),
        ("fake.pdf", b"<html>not a pdf</html>", "file_content"),
        ("fake.docx", b"%PDF-1.7 renamed", "file_content"),
        ("broken.docx", b"PK\x03\x04 this is not really a zip", "file_corrupt"),
        ("notes.txt", b"text with a \x00 NUL byte", "file_content"),
    ],
)
def test_bad_files_get_a_clear_error(name, data, code):
    with pytest.raises(ValidationError) as error:
        check_upload(upload(name, data), {"pdf", "docx", "txt"})
    assert error.value.code == code
    assert error.value.messages[0]


def test_a_file_over_the_limit_is_refused_with_both_sizes():
    with pytest.raises(ValidationError) as error:
        check_upload(upload("big.pdf", b"%PDF-" + b"0" * 2000), {"pdf"}, max_bytes=1000)
    assert error.value.code == "file_size"
    assert "limit" in error.value.messages[0]


def test_a_docx_zip_bomb_is_refused():
    bomb = docx_bytes({"word/media/zeros.bin": b"\0" * (30 * 1024 * 1024)})
    with pytest.raises(ValidationError) as error:
        check_upload(upload("bomb.docx", bomb), {"docx"})
    assert error.value.code == "file_bomb"


def test_a_zip_renamed_to_docx_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hi")
    with pytest.raises(ValidationError) as error:
        check_upload(upload("x.docx", buffer.getvalue()), {"docx"})
    assert error.value.code == "file_content"
