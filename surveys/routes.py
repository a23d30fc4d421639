"""Feedback surveys after each meeting (a later issue builds them)."""
from flask import Blueprint

bp = Blueprint("surveys", __name__, url_prefix="/feedback")
