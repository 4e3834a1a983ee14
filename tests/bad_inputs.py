"""Bad input files made on the spot: encrypted PDFs, broken and bomb DOCX, links, UTF-16, a menu page."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

GOOD_TEXT = "The minister said the talks would resume on Monday."


def pdf_bytes(text: str = GOOD_TEXT, title: str | None = "Pdf briefing") -> bytes:
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    if title:
        c.setTitle(title)
    c.drawString(72, 720, text)
    c.save()
    return buf.getvalue()


def encrypted_pdf(user_password: str) -> bytes:
    """An AES-256 PDF; with an empty user password anyone may open it."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(pdf_bytes())).pages:
        writer.add_page(page)
    writer.encrypt(user_password=user_password, owner_password="owner-secret", algorithm="AES-256")
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def docx_bytes(*paragraphs: str, title: str | None = None) -> bytes:
    import docx

    d = docx.Document()
    if title is not None:
        d.core_properties.title = title
    for p in paragraphs or (GOOD_TEXT,):
        d.add_paragraph(p)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _replace_member(data: bytes, name: str, content: bytes | None, declared_mb: int = 0) -> bytes:
    """``data`` (a zip) with member ``name`` replaced by ``content`` or by ``declared_mb`` MB of one letter."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename != name:
                dst.writestr(info, src.read(info))
            elif content is not None:
                dst.writestr(name, content)
            else:
                with dst.open(name, "w", force_zip64=True) as f:
                    f.write(
                        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                    )
                    f.write(b"<w:body><w:p><w:r><w:t>")
                    block = b"A" * 1_000_000
                    for _ in range(declared_mb):
                        f.write(block)
                    f.write(b"</w:t></w:r></w:p></w:body></w:document>")
    return out.getvalue()


def malformed_docx() -> bytes:
    """A DOCX whose main part is not well-formed XML."""
    return _replace_member(docx_bytes(), "word/document.xml", b"<w:document><w:body><w:p>unclosed")


def bomb_docx(unpacked_mb: int = 400) -> bytes:
    """A DOCX of about 0.4 MB whose one text run unpacks to ``unpacked_mb`` MB."""
    return _replace_member(docx_bytes(), "word/document.xml", None, declared_mb=unpacked_mb)


def utf16_text() -> bytes:
    return ("\ufeff" + "title Accord urges restraint\n\n" + GOOD_TEXT + "\n").encode("utf-16-le")


NAV_ONLY_HTML = b"<html><head><title>News</title></head><body><nav><a href='/'>Home</a></nav></body></html>"


def write_mixed_folder(folder: Path) -> tuple[list[str], dict[str, str]]:
    """A folder of good and bad files: (good file names, bad file name -> expected reason)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "aes-empty-password.pdf").write_bytes(encrypted_pdf(""))
    (folder / "utf16.txt").write_bytes(utf16_text())
    (folder / "good.docx").write_bytes(docx_bytes("A good paragraph, the minister said on Monday."))
    (folder / "good.md").write_text("# Ferry talks\n\nThe ferry talks resumed, an official said.\n", "utf-8")
    (folder / "locked.pdf").write_bytes(encrypted_pdf("secret"))
    (folder / "malformed.docx").write_bytes(malformed_docx())
    (folder / "bomb.docx").write_bytes(bomb_docx())
    (folder / "menu.html").write_bytes(NAV_ONLY_HTML)
    os.symlink("loop-b.txt", folder / "loop-a.txt")
    os.symlink("loop-a.txt", folder / "loop-b.txt")
    os.symlink("nowhere.txt", folder / "dangling.txt")
    good = ["aes-empty-password.pdf", "utf16.txt", "good.docx", "good.md"]
    bad = {
        "locked.pdf": "is a password-protected PDF",
        "malformed.docx": "could not read the DOCX file",
        "bomb.docx": "over the 50 MB limit (a zip bomb?",
        "menu.html": "no article text found in the HTML page",
        "loop-a.txt": "is a symbolic link loop",
        "loop-b.txt": "is a symbolic link loop",
        "dangling.txt": "is a dangling link (to nowhere.txt",
    }
    return good, bad
