"""The language switcher, the footer's pages and the health check."""
from urllib.parse import urlparse

from flask import Blueprint, current_app, jsonify, redirect, render_template, request, session, url_for

from db import get_db

bp = Blueprint("web", __name__)


def safe_next(target, fallback):
    """Only same-site relative paths are followed after a redirect."""
    if target and target.startswith("/") and not target.startswith("//") and not urlparse(target).netloc:
        return target
    return fallback


@bp.get("/")
def index():
    return redirect(url_for("accounts.home"))


@bp.route("/language/<code>", methods=["GET", "POST"])
def set_language(code):
    if code in current_app.config["LANGUAGES"]:
        session["lang"] = code
    return redirect(safe_next(request.values.get("next"), url_for("web.index")))


@bp.get("/accessibility")
def accessibility():
    return render_template("pages/accessibility.html")


@bp.get("/privacy")
def privacy():
    return render_template("pages/privacy.html")


@bp.get("/healthz")
def healthz():
    try:
        get_db().execute("SELECT 1").fetchone()
    except Exception:
        return jsonify(status="unavailable"), 503
    return jsonify(status="ok")
