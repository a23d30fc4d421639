"""A drawing (a PNG made on a canvas or uploaded) with a text alternative."""
from questionnaire.answers import NOT_PNG, TOO_LARGE
from questionnaire.fields.base import register
from questionnaire.fields.text import TextLike

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
MAX_DRAWING_BYTES = 2 * 1024 * 1024


def check_png(data):
    """None when `data` is a PNG of at most 2 MB, else an error code."""
    if len(data) > MAX_DRAWING_BYTES:
        return TOO_LARGE
    if not data.startswith(PNG_MAGIC) or len(data) < 33 or data[12:16] != b"IHDR":
        return NOT_PNG
    return None


@register
class Drawing(TextLike):
    name = "drawing"
    accepts_drawing = True
