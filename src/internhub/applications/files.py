"""CV uploads: PDF or DOCX, recognised by their content rather than by the name a browser sent."""

from __future__ import annotations

import hashlib
import io
import zipfile
from dataclasses import dataclass

from internhub.errors import PayloadTooLarge, Unprocessable

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
EXTENSION = {PDF: ".pdf", DOCX: ".docx"}


@dataclass(frozen=True)
class CheckedFile:
    filename: str
    content_type: str
    data: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def _field_error(message: str, kind: str) -> list[dict[str, str]]:
    return [{"in": "body", "field": "cv", "message": message, "type": kind}]


def _sniff(data: bytes) -> str | None:
    if data.startswith(b"%PDF-"):
        return PDF
    if data.startswith(b"PK\x03\x04"):
        # A DOCX is a ZIP with a Word document part; only the directory is read, nothing is unpacked.
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, ValueError):
            return None
        if {"[Content_Types].xml", "word/document.xml"} <= names:
            return DOCX
    return None


def check_cv(filename: str | None, data: bytes, max_bytes: int) -> CheckedFile:
    """The upload as a CV we accept, or a 413/422 naming the ``cv`` field."""
    if len(data) > max_bytes:
        raise PayloadTooLarge(
            f"The CV is larger than {max_bytes} bytes.", errors=_field_error("file too large", "too_large")
        )
    if not data:
        raise Unprocessable("The CV file is empty.", errors=_field_error("empty file", "empty"))
    content_type = _sniff(data)
    name = (filename or "cv").replace("\\", "/").rsplit("/", 1)[-1].strip()[:200] or "cv"
    if content_type is None:
        raise Unprocessable(
            "The CV must be a PDF or DOCX document.", errors=_field_error("not a PDF or DOCX", "file_type")
        )
    if not name.lower().endswith(EXTENSION[content_type]):
        raise Unprocessable(
            f"The CV's name does not match its content ({EXTENSION[content_type]}).",
            errors=_field_error("extension does not match the content", "file_type"),
        )
    return CheckedFile(name, content_type, data)
