"""The start page of a session alone on a tablet, the same for the child's tablet
mode (participation/tablet_screens.py) and the family's feedback (surveys/tablet.py):
the language and the code the child or parent types, and one throttle for both.

The code is read only from the form's body, never from the address. Wrong codes
of either mode count in the same allowance (the throttle's "tablet" scope), and
a code is counted before it is checked.
"""
import time

from flask import current_app, g, request
from flask_babel import gettext as _

from db import immediate
from web import throttle


def client_address():
    return request.remote_addr or "unknown"


def read_start(try_code):
    """The start page's request: sets the page's language (?lang=, then the pressed
    language button) and, for a POST, tries the typed code.

    try_code(typed, lang) answers (the response that starts the session, 0),
    (None, seconds to wait) over a limit, or (None, 0) for a wrong code.
    Returns (the starting response or None, the typed code, the error or None, the status).
    """
    langs = current_app.config["LANGUAGES"]
    shown = request.args.get("lang")
    if shown in langs:
        g.forced_locale = shown
    typed = request.form.get("code", "")[:40]  # only ever from the form's body, never the address
    if request.method != "POST":
        return None, typed, None, 200
    lang = request.form.get("lang")
    if lang not in langs:
        lang = shown if shown in langs else None
    if lang:
        g.forced_locale = lang
    if not lang:
        return None, typed, _("Choose your language to start."), 400
    if not typed.strip():
        return None, typed, _("Write the code first. You got it from the adult."), 400
    started, wait = try_code(typed, lang)
    if started:
        return started, typed, None, 302
    if wait:
        return None, typed, _("Too many wrong codes. Please wait %(minutes)d minutes, or ask the adult for help.",
                              minutes=throttle.minutes(wait)), 429
    return None, typed, _("This code does not work. Check the code and try again, or ask the adult for help."), 400


def redeem_counted(db, code, redeem):
    """A typed code (normalised: None when it cannot be one), counted by the tablet's
    throttle before it is checked.

    redeem(code, now) -> the started session or None runs in the same transaction
    as the count: checking a code is quick, so a right code's attempt is taken back
    before any other attempt can count it. Returns (the session, 0), (None, seconds
    to wait) over a limit, or (None, 0) for a wrong code.
    """
    cfg = current_app.config
    now = time.time()
    limits = {"address": cfg["TABLET_MAX_FAILURES_PER_ADDRESS"], "network": cfg["TABLET_MAX_FAILURES_PER_NETWORK"]}
    with immediate(db):
        wait, attempt = throttle.begin_attempt(db, "tablet", throttle.keys_for(client_address()), limits,
                                               cfg["TABLET_THROTTLE_WINDOW_SECONDS"], now)
        if wait:
            return None, wait
        started = redeem(code, now) if code is not None else None
        if started is None:
            return None, 0
        throttle.forget_attempt(db, attempt)
    return started, 0
