"""Drawings are decoded and stored re-encoded (issue 9, item 15): a PNG
signature followed by HTML, a picture larger than the canvas or a broken
file is refused; what is stored and served is a fresh PNG of the pixels."""
import io
import random
import re
import struct
import zlib
from importlib.metadata import version
from pathlib import Path

import pytest
from PIL import Image, PngImagePlugin

from participation import drawings
from participation import storage as views_storage
from participation.demo import demo_png
from tests.conftest import csrf_from
from tests.test_participation import consultation_id, start  # noqa: F401
from tests.test_tablet import case, started, tablet_csrf  # noqa: F401

DRAWING = demo_png(160, 100)
# the signature and a real IHDR chunk, then a web page
HTML_AFTER_SIGNATURE = DRAWING[:33] + b"<html><body><script>alert(document.cookie)</script></body></html>"


def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def blank_png(width, height):
    """A black-and-white PNG of any size made without decoding it: 20000 × 20000 is
    50 kB as a file and 400 megapixels (1.6 GB as RGBA) decoded."""
    row = b"\x00" + b"\x00" * ((width + 7) // 8)
    packer = zlib.compressobj(9)
    idat = b"".join(packer.compress(row * 500) for _ in range(height // 500)) + packer.compress(
        row * (height % 500)) + packer.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return drawings.PNG_SIGNATURE + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


BOMB = blank_png(20000, 20000)


def chunk_types(png):
    types, at = [], 8
    while at < len(png):
        length, = struct.unpack(">I", png[at:at + 4])
        types.append(png[at + 4:at + 8])
        at += 12 + length
    return types


def pixels(png):
    with Image.open(io.BytesIO(png)) as picture:
        return picture.convert("RGBA").tobytes()


# -- the pure check -------------------------------------------------------------------------

def test_a_drawing_is_stored_as_a_fresh_png_of_the_same_pixels():
    png, problem = drawings.clean_png(DRAWING)
    assert problem is None and pixels(png) == pixels(DRAWING)
    assert set(chunk_types(png)) == {b"IHDR", b"IDAT", b"IEND"}


def test_text_exif_and_colour_profile_of_an_upload_are_not_kept():
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", "<script>alert(1)</script>")
    info.add_itxt("Author", "Lapsen nimi")
    out = io.BytesIO()
    Image.new("RGB", (40, 30), "red").save(out, "PNG", pnginfo=info, exif=b"Exif\x00\x00MM\x00*", icc_profile=b"x" * 200)
    assert b"Lapsen nimi" in out.getvalue()
    png, problem = drawings.clean_png(out.getvalue())
    assert problem is None
    assert b"script" not in png and b"Lapsen nimi" not in png and b"Exif" not in png
    assert set(chunk_types(png)) == {b"IHDR", b"IDAT", b"IEND"}


@pytest.mark.parametrize("data", [HTML_AFTER_SIGNATURE, b"GIF89a" + b"\0" * 100, b"\xff\xd8\xff\xe0 jpeg", b"",
                                  drawings.PNG_SIGNATURE, DRAWING[:60], drawings.PNG_SIGNATURE + b"<html>" * 20,
                                  DRAWING.replace(b"IDAT", b"IDAX")])
def test_what_is_not_a_decodable_png_is_refused(data):
    assert drawings.clean_png(data) == (None, drawings.NOT_PNG)


@pytest.mark.parametrize("width, height", [(20000, 20000), (801, 500), (800, 501), (0, 10), (2**32 - 1, 1)])
def test_a_picture_larger_than_the_canvas_is_refused_before_decoding(width, height, monkeypatch):
    monkeypatch.setattr(Image, "open", lambda *a, **k: pytest.fail("decoded a picture that is too large"))
    header_only = drawings.PNG_SIGNATURE + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
    assert drawings.clean_png(header_only + chunk(b"IEND", b"")) == (None, drawings.TOO_MANY_PIXELS)


def test_a_real_20000_by_20000_picture_is_refused():
    assert len(BOMB) < drawings.MAX_BYTES
    assert drawings.clean_png(BOMB) == (None, drawings.TOO_MANY_PIXELS)


def test_the_largest_picture_the_canvas_makes_is_accepted():
    png, problem = drawings.clean_png(blank_png(800, 500))
    assert problem is None and Image.open(io.BytesIO(png)).size == (800, 500)


def test_a_file_over_2_mb_is_refused():
    assert drawings.clean_png(DRAWING + b"\0" * drawings.MAX_BYTES) == (None, drawings.TOO_LARGE)


def test_broken_pngs_never_raise():
    rng = random.Random(9)
    samples = [DRAWING[:n] for n in range(0, len(DRAWING), 7)]
    for _ in range(300):
        broken = bytearray(DRAWING)
        for _ in range(rng.randint(1, 5)):
            broken[rng.randrange(8, len(broken))] = rng.randrange(256)
        samples.append(bytes(broken))
    for data in samples:
        png, problem = drawings.clean_png(data)
        assert (png is None) != (problem is None)


def test_pillow_refuses_to_decode_pictures_larger_than_the_canvas_anywhere():
    assert Image.MAX_IMAGE_PIXELS == drawings.CANVAS_WIDTH * drawings.CANVAS_HEIGHT


def test_the_limit_is_the_canvas_size_of_the_drawing_question():
    source = Path("templates/questionnaire/fields/_parts.html").read_text()
    canvas = re.search(r"<canvas[^>]*>", source).group(0)
    assert f'width="{drawings.CANVAS_WIDTH}"' in canvas and f'height="{drawings.CANVAS_HEIGHT}"' in canvas


def test_pillow_is_pinned_at_the_installed_version():
    assert f"Pillow=={version('pillow')}" in Path("requirements.txt").read_text().splitlines()


# -- both upload paths ------------------------------------------------------------------------

@pytest.fixture(params=["worker", "tablet"])
def uploads(request, client, login_as, db, panel_id, users):
    """(drawing URL, form URL, form fields, headers, views id) of the worker's or the tablet's pages."""
    if request.param == "worker":
        login_as("social_worker")
        views_id = start(client, request.getfixturevalue("consultation_id"), "7-12")
        token = csrf_from(client.get(f"/views/{views_id}").get_data(as_text=True))
        return (f"/views/{views_id}/drawing", f"/views/{views_id}", {"csrf_token": token, "action": "save"},
                {"X-CSRFToken": token}, views_id)
    tablet = request.getfixturevalue("started")
    token = tablet_csrf(client, 1)
    return "/t/drawing", "/t/s/1", {"csrf_token": token, "nav": "next"}, {"X-CSRFToken": token}, tablet["views_id"]


@pytest.mark.parametrize("data", [HTML_AFTER_SIGNATURE, BOMB], ids=["html", "20000x20000"])
def test_the_canvas_upload_refuses_html_and_huge_pictures(client, db, uploads, data):
    url, _form_url, _fields, headers, views_id = uploads
    response = client.post(url, headers=headers, content_type="multipart/form-data",
                           data={"question": "q1", "drawing": (io.BytesIO(data), "d.png")})
    assert response.status_code == 400 and response.get_json()["error"]
    assert views_storage.get_drawing(db, views_id, "q1") is None


@pytest.mark.parametrize("data", [HTML_AFTER_SIGNATURE, BOMB], ids=["html", "20000x20000"])
def test_the_file_upload_without_javascript_refuses_html_and_huge_pictures(client, db, uploads, data):
    _url, form_url, fields, _headers, views_id = uploads
    response = client.post(form_url, content_type="multipart/form-data",
                           data={**fields, "q-q1-text": "Aurinko", "q-q1-drawing": (io.BytesIO(data), "d.png")})
    assert response.status_code == 400 and "Aurinko" in response.get_data(as_text=True)
    assert views_storage.get_drawing(db, views_id, "q1") is None


def test_what_is_stored_and_served_is_the_re_encoded_png(client, db, uploads):
    url, _form_url, _fields, headers, views_id = uploads
    upload = DRAWING[:-12] + chunk(b"tEXt", b"Comment\x00<html>") + DRAWING[-12:]
    response = client.post(url, headers=headers, content_type="multipart/form-data",
                           data={"question": "q1", "drawing": (io.BytesIO(upload), "d.png")})
    assert response.status_code == 200
    stored = views_storage.get_drawing(db, views_id, "q1")
    assert b"<html>" not in stored and pixels(stored) == pixels(DRAWING)
    served = client.get(response.get_json()["url"])
    assert served.data == stored and served.mimetype == "image/png"
