"""The language switcher, the footer's pages and the health check."""
from datetime import date
from urllib.parse import urlparse

from flask import Blueprint, current_app, jsonify, redirect, render_template, request, session, url_for

import config
from db import get_db
from web import throttle

bp = Blueprint("web", __name__)


def safe_next(target, fallback):
    """Only same-site relative paths are followed after a redirect."""
    if (target and target.startswith("/") and not target.startswith("//") and "\\" not in target
            and not any(ord(c) < 32 for c in target) and not urlparse(target).netloc):
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


# The wellbeing area's details on the accessibility statement and the privacy notice (config.py).
PAGE_SETTINGS = ("CONTROLLER", "ACCESSIBILITY_CONTACT", "PRIVACY_CONTACT", "DATA_PROTECTION_OFFICER",
                 "ACCESSIBILITY_STATEMENT_DATE")


def page_settings():
    return {key.lower(): str(current_app.config[key] or "").strip() for key in PAGE_SETTINGS}


@bp.get("/accessibility")
def accessibility():
    settings = page_settings()
    try:
        statement_date = date.fromisoformat(settings["accessibility_statement_date"])
    except ValueError:
        statement_date = date.fromisoformat(config.ACCESSIBILITY_STATEMENT_DATE)  # the default
    return render_template("pages/accessibility.html", statement_date=statement_date, **settings)


@bp.get("/privacy")
def privacy():
    # how long a failed attempt counts, as web/throttle.py deletes them
    minutes = {scope: throttle.minutes(window) for scope, window in throttle.windows(current_app.config).items()}
    return render_template("pages/privacy.html", throttle_minutes=minutes, **page_settings())


@bp.get("/healthz")
def healthz():
    try:
        get_db().execute("SELECT 1").fetchone()
    except Exception:
        return jsonify(status="unavailable"), 503
    return jsonify(status="ok")
