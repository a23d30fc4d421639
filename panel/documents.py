"""Case documents: which files are accepted, recognised from their content
(never from the name or the browser's word). Pure: no Flask, no SQL.

The kind comes from the `filetype` library's magic-number matchers. PDF is
its own signature; DOCX and ODT are zip containers, so filetype's guess is
confirmed by reading the container itself: an ODT's first entry `mimetype`
names the OpenDocument text type, a DOCX has `[Content_Types].xml` declaring
a WordprocessingML main document and that document present. Anything else,
an executable renamed .pdf included, is refused.
"""
import hashlib
import io
import zipfile


MAX_BYTES = 10 * 1024 * 1024
KINDS = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "odt": "application/vnd.oasis.opendocument.text",
}
MAX_TITLE = 200
DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
# a content-types or mimetype entry is a few kB; reading more than this is not a document's
INNER_READ_LIMIT = 256 * 1024

EMPTY, TOO_LARGE, NOT_ALLOWED = "empty", "too_large", "not_allowed"


class DocumentError(ValueError):
    def __init__(self, code):
        super().__init__(code)
        self.code = code


def _zip_entry(archive, name):
    try:
        with archive.open(name) as entry:
            return entry.read(INNER_READ_LIMIT)
    except KeyError:
        return None


def _is_odt(content):
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = archive.namelist()
            return (bool(names) and names[0] == "mimetype"
                    and (_zip_entry(archive, "mimetype") or b"").strip() == KINDS["odt"].encode()
                    and "content.xml" in names)
    except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError, EOFError):
        return False


def _is_docx(content):
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            types = _zip_entry(archive, "[Content_Types].xml") or b""
            return DOCX_MAIN.encode() in types and "word/document.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError, EOFError):
        return False


def kind_of(content):
    """'pdf', 'docx' or 'odt' from the bytes; raises DocumentError otherwise."""
    if not content:
        raise DocumentError(EMPTY)
    if len(content) > MAX_BYTES:
        raise DocumentError(TOO_LARGE)
    import filetype  # loaded at the first upload, not at every start of the app (~10 ms)
    guess = filetype.guess(content)
    mime = guess.mime if guess else None
    if mime == KINDS["pdf"] and content.startswith(b"%PDF-"):
        return "pdf"
    if mime == KINDS["odt"] and _is_odt(content):
        return "odt"
    # filetype reads only the first entries' names; a DOCX may also be
    # reported as a plain zip when Word wrote its entries in another order
    if mime in (KINDS["docx"], "application/zip") and _is_docx(content):
        return "docx"
    raise DocumentError(NOT_ALLOWED)


def sha256(content):
    return hashlib.sha256(content).hexdigest()


def is_late(on_day, documents_due):
    """An upload after the due day (the day itself is in time)."""
    return on_day > documents_due


def download_name(case_code, document_id, kind):
    """The saved file's name: the case code and the document's number, never
    the uploader's file name (it may hold a child's name)."""
    return f"{case_code}-{document_id}.{kind}"


def check_title(title):
    title = (title or "").strip()
    if not title or len(title) > MAX_TITLE:
        raise DocumentError("bad_title")
    return title
