"""The child's and the parent's views, tablet mode, pre-meeting material."""
from flask import Blueprint

bp = Blueprint("participation", __name__)
