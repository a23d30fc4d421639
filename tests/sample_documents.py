"""Small real documents for the upload tests, made in memory: a PDF, a DOCX
(Word's entry order and LibreOffice's), an ODT, and things that are not
documents (an ELF executable, a Windows .exe, a plain zip, an ODS)."""
import io
import zipfile

PDF = (b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
       b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
       b"trailer << /Root 1 0 R >>\n%%EOF\n")

DOCX_TYPES = (b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
              b'content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
              b'officedocument.wordprocessingml.document.main+xml"/></Types>')
DOCUMENT_XML = b'<?xml version="1.0"?><w:document xmlns:w="x"><w:body><w:p/></w:body></w:document>'


def _zip(entries, stored_first=False):
    """The same bytes every time: each entry has a fixed date."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for i, (name, data) in enumerate(entries):
            info = zipfile.ZipInfo(name, date_time=(2027, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_STORED if (stored_first and i == 0) else zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return buffer.getvalue()


def docx(word_order=True):
    """Word writes [Content_Types].xml first; some writers put docProps first."""
    entries = [("[Content_Types].xml", DOCX_TYPES), ("_rels/.rels", b"<Relationships/>"),
               ("word/document.xml", DOCUMENT_XML)]
    if not word_order:
        entries = [("docProps/app.xml", b"<Properties/>"), ("docProps/core.xml", b"<cp/>"),
                   ("customXml/item1.xml", b"<x/>"), ("customXml/item2.xml", b"<x/>"),
                   ("customXml/item3.xml", b"<x/>")] + entries
    return _zip(entries)


def odt(mime=b"application/vnd.oasis.opendocument.text"):
    return _zip([("mimetype", mime), ("content.xml", b"<office:document-content/>"),
                 ("META-INF/manifest.xml", b"<manifest/>")], stored_first=True)


ODS = odt(b"application/vnd.oasis.opendocument.spreadsheet")
ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 8 + b"\x02\x00\x3e\x00" + b"\x00" * 200
EXE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 52 + b"\x80\x00\x00\x00" + b"\x00" * 64 + b"PE\x00\x00" + b"\x00" * 100
PLAIN_ZIP = _zip([("notes.txt", b"hello")])
# a zip whose content types claim a Word document that is not there
FAKE_DOCX = _zip([("[Content_Types].xml", DOCX_TYPES), ("payload.exe", ELF)])
