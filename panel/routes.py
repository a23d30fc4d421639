"""The panel's meetings calendar, consultations, experts and statements."""
from flask import Blueprint

bp = Blueprint("panel", __name__)
