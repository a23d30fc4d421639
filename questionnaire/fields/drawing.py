"""A drawing (a PNG made on a canvas or uploaded) with a text alternative."""
from questionnaire.fields.base import register
from questionnaire.fields.text import TextLike

# The picture itself is checked and re-encoded by participation/drawings.py
# (Pillow) before it is stored; this type owns the text alternative.


@register
class Drawing(TextLike):
    name = "drawing"
    accepts_drawing = True
