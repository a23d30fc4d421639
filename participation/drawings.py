"""Drawings: every uploaded picture is decoded, checked and stored re-encoded.

Pure (no Flask). A drawing is accepted only when Pillow can decode it as a
PNG no larger than the drawing canvas makes (templates/
questionnaire/fields/_parts.html: <canvas width="800" height="500">), and what is stored is a
fresh PNG of its pixels alone: nothing else the file carried (HTML after the
signature, text chunks, EXIF, an ICC profile, more frames) is kept or served.
The size is read from the PNG header before Pillow decodes anything, so a
20000 × 20000 picture (1.1 MB as a file, 1.2 GB decoded) is never decoded.
"""
import functools
import io
import struct

CANVAS_WIDTH, CANVAS_HEIGHT = 800, 500
MAX_BYTES = 2 * 1024 * 1024
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@functools.cache
def _pillow():
    """Pillow's Image, loaded at the first drawing (not at every start of the app: ~15 ms).
    Nothing in Kuulluksi decodes a larger picture, so Pillow itself refuses
    bigger ones too (its default lets about 90 megapixels through)."""
    from PIL import Image
    Image.MAX_IMAGE_PIXELS = CANVAS_WIDTH * CANVAS_HEIGHT
    return Image


# Error codes; participation.api turns them into messages.
NOT_PNG = "not_png"
TOO_LARGE = "too_large"          # the file: more than MAX_BYTES
TOO_MANY_PIXELS = "too_many_pixels"  # the picture: larger than the canvas


def decode_errors():
    """What Pillow raises for a file it cannot decode (a broken chunk, a cut file, a bad header)."""
    return (OSError, SyntaxError, ValueError, EOFError, struct.error, _pillow().DecompressionBombError)


def header_size(data):
    """(width, height) from a PNG's IHDR chunk, or None when `data` does not start like a PNG."""
    if len(data) < 33 or not data.startswith(PNG_SIGNATURE) or data[12:16] != b"IHDR":
        return None
    return struct.unpack(">II", data[16:24])


def clean_png(data):
    """(a re-encoded PNG, None) for an acceptable drawing, else (None, error code)."""
    if len(data) > MAX_BYTES:
        return None, TOO_LARGE
    size = header_size(data)
    if size is None:
        return None, NOT_PNG
    width, height = size
    if not (0 < width <= CANVAS_WIDTH and 0 < height <= CANVAS_HEIGHT):
        return None, TOO_MANY_PIXELS
    Image = _pillow()
    try:
        with Image.open(io.BytesIO(data), formats=["PNG"]) as picture:
            if picture.size != size:
                return None, NOT_PNG
            picture.load()
            pixels = picture.convert("RGBA").tobytes()
    except decode_errors():
        return None, NOT_PNG
    out = io.BytesIO()
    # a new image from the bare pixels: no info (text, EXIF, ICC) of the upload comes along
    Image.frombytes("RGBA", size, pixels).save(out, "PNG")
    return out.getvalue(), None
