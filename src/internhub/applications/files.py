"""CV uploads: PDF or DOCX, recognised by their content rather than by the name a browser sent."""

from __future__ import annotations

import hashlib
import io
import zipfile
from dataclasses import dataclass

from pypdf import PdfReader
from pypdf.errors import PyPdfError

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


# A ZIP a DOCX may be: bounded in entries, in what it unpacks to, and in how far one entry expands (a zip bomb
# is small on the wire and huge unpacked).
DOCX_MAX_ENTRIES = 2_000
DOCX_MAX_UNPACKED = 50 * 1024 * 1024
DOCX_MAX_RATIO = 100
# What makes a document act rather than be read: scripts and launched programs in a PDF, macros in a Word file.
ACTIVE_PDF = (b"/JavaScript", b"/JS", b"/Launch", b"/EmbeddedFile", b"/RichMedia")
# Markup a browser would run if it ever took the file for a page (a PDF/HTML polyglot puts it up front).
MARKUP = (b"<html", b"<script", b"<!doctype", b"<svg", b"<body", b"<iframe")


class NotACv(Exception):
    """Why the file is not a CV we accept (``kind`` is the field error's type)."""

    def __init__(self, message: str, kind: str = "file_type") -> None:
        super().__init__(message)
        self.kind = kind


def _check_pdf(data: bytes) -> None:
    head = data[:1024].lower()
    if any(tag in head for tag in MARKUP):
        raise NotACv("a PDF that carries web page markup")
    if any(token in data for token in ACTIVE_PDF):
        raise NotACv("a PDF with scripts, launched programs or embedded files", "active_content")
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        pages = len(reader.pages)
    except (PyPdfError, ValueError, KeyError, TypeError, IndexError, RecursionError) as exc:
        raise NotACv("not a readable PDF") from exc
    if pages < 1:
        raise NotACv("a PDF without pages")


def _check_docx(data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
            names = {entry.filename for entry in entries}
            if not {"[Content_Types].xml", "word/document.xml"} <= names:
                raise NotACv("not a Word document")
            if len(entries) > DOCX_MAX_ENTRIES or sum(e.file_size for e in entries) > DOCX_MAX_UNPACKED:
                raise NotACv("a document that unpacks to too much", "too_large")
            if any(e.file_size > DOCX_MAX_RATIO * max(e.compress_size, 1) + 1024 for e in entries):
                raise NotACv("a document that unpacks to too much", "too_large")
            if any(name.startswith("/") or ".." in name.split("/") for name in names):
                raise NotACv("not a Word document")
            if any(name.lower().endswith("vbaproject.bin") for name in names):
                raise NotACv("a document with macros", "active_content")
            if archive.testzip() is not None:  # every entry unpacks (bounded above) and matches its checksum
                raise NotACv("a damaged document")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, NotImplementedError) as exc:
        raise NotACv("not a readable Word document") from exc


def _sniff(data: bytes) -> str | None:
    """The type the content is, checked whole: a PDF must parse and have pages, a DOCX must be a sound ZIP with a
    Word document in it. Raises ``NotACv`` for a file of the right kind that is unsafe or damaged."""
    if data.startswith(b"%PDF-"):
        _check_pdf(data)
        return PDF
    if data.startswith(b"PK\x03\x04"):
        _check_docx(data)
        return DOCX
    return None


def check_cv(filename: str | None, data: bytes, max_bytes: int) -> CheckedFile:
    """The upload as a CV we accept, or a 413/422 naming the ``cv`` field."""
    if len(data) > max_bytes:
        raise PayloadTooLarge(
            f"The CV is larger than {max_bytes} bytes.",
            errors=_field_error("file too large", "too_large"),
            code="cv_too_large",
        )
    if not data:
        raise Unprocessable("The CV file is empty.", errors=_field_error("empty file", "empty"), code="cv_empty")
    try:
        content_type = _sniff(data)
    except NotACv as refused:
        raise Unprocessable(
            f"The CV is {refused}.", errors=_field_error(str(refused), refused.kind), code="cv_refused"
        ) from None
    name = (filename or "cv").replace("\\", "/").rsplit("/", 1)[-1].strip()[:200] or "cv"
    if content_type is None:
        raise Unprocessable(
            "The CV must be a PDF or DOCX document.",
            errors=_field_error("not a PDF or DOCX", "file_type"),
            code="cv_type",
        )
    if not name.lower().endswith(EXTENSION[content_type]):
        raise Unprocessable(
            f"The CV's name does not match its content ({EXTENSION[content_type]}).",
            errors=_field_error("extension does not match the content", "file_type"),
            code="cv_extension",
        )
    return CheckedFile(name, content_type, data)
