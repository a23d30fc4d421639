"""Login, logout, the home page by role and changing one's own password."""
import time

from flask import Blueprint, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required

from accounts import storage
from accounts.forms import ChangePasswordForm, LoginForm
from accounts.passwords import hash_password, verify_password
from accounts.users import end_session, start_session
from db import get_db, immediate
from web import throttle
from web.i18n import format_clock, local_time
from web.routes import safe_next

bp = Blueprint("accounts", __name__)

# Logout: the browser forgets this site's cookies, cache and storage.
CLEAR_SITE_DATA = '"cache", "cookies", "storage"'


def login_limits():
    """The login throttle's (limits, window) from config.py."""
    cfg = current_app.config
    return ({"account": cfg["LOGIN_MAX_FAILURES_PER_ACCOUNT"], "address": cfg["LOGIN_MAX_FAILURES_PER_ADDRESS"]},
            cfg["LOGIN_THROTTLE_WINDOW_SECONDS"])


def account_locked_until(db, email, now):
    """Unix seconds until which the account is locked by wrong passwords, or None."""
    limits, window = login_limits()
    wait = throttle.seconds_to_wait(db, "login", {"account": throttle.account_key(email)},
                                    {"account": limits["account"]}, window, now)
    return now + wait if wait else None


def wait_message(wait, now):
    """'Please wait 15 minutes and try again at 10.42' (the clock in config's TIMEZONE)."""
    return ngettext("Too many failed attempts. Please wait %(num)d minute and try again at %(time)s.",
                    "Too many failed attempts. Please wait %(num)d minutes and try again at %(time)s.",
                    throttle.minutes(wait), time=format_clock(local_time(now + wait)))


@bp.route("/login", methods=["GET", "POST"])
def login():
    # attempts that no longer count go at every request of this page, not only at the next attempt
    throttle.prune(get_db(), throttle.windows(current_app.config), time.time())
    if current_user.is_authenticated:
        return redirect(url_for("accounts.home"))
    form = LoginForm()
    error = None
    status = 200
    if form.validate_on_submit():
        db = get_db()
        email, address = form.email.data.strip(), request.remote_addr or "unknown"
        limits, window = login_limits()
        now = time.time()
        # checked and counted before the password is: parallel guesses cannot slip through
        wait, _attempt = throttle.begin_attempt(db, "login", throttle.keys_for(address, email), limits, window, now)
        if wait:
            error = wait_message(wait, now)
            status = 429
        else:
            row = storage.get_user_by_email(db, email)
            ok = verify_password(row["password_hash"] if row else None, form.password.data)
            if ok and row["active"]:
                with immediate(db):
                    throttle.forget_account(db, "login", email)
                    start_session(db, row)
                    storage.write_audit(db, row["id"], "login")
                return redirect(safe_next(request.args.get("next"), url_for("accounts.home")))
            # ids only: an unknown email is not written down at all
            storage.write_audit(db, row["id"] if row else None, "login.failed")
            # the same message for an unknown email, a wrong password and a deactivated account
            error = _("The email or password is incorrect.")
            status = 401
    return render_template("accounts/login.html", form=form, error=error,
                           logged_out=request.args.get("logged_out") == "1"), status


@bp.post("/logout")
@login_required
def logout():
    """End the login on the server too: a copy of the cookie opens nothing afterwards.

    Clear-Site-Data also drops any cookie set by this same response, so the
    message is carried by the address and the language is set again after it.
    """
    lang = session.get("lang")
    end_session(get_db())
    session.clear()
    target = url_for("accounts.login", logged_out=1)
    if lang in current_app.config["LANGUAGES"]:
        target = url_for("web.set_language", code=lang, next=target)
    response = redirect(target)
    response.headers["Clear-Site-Data"] = CLEAR_SITE_DATA
    return response


@bp.get("/home")
@login_required
def home():
    """Each role starts from its own most used page."""
    for role, endpoint in HOME_BY_ROLE:
        if current_user.has_role(role):
            return redirect(url_for(endpoint))
    return render_template("accounts/home.html")


# The first role the user holds decides the start page.
HOME_BY_ROLE = [
    ("coordinator", "panel.meetings"),
    ("social_worker", "panel.my_consultations"),
    ("expert", "panel.meetings"),
    ("admin", "accounts.users"),
]


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
def change_password():
    form = ChangePasswordForm()
    valid = form.validate_on_submit()
    if (form.is_submitted() and form.current_password.data and not form.current_password.errors
            and not form.csrf_token.errors):
        # a wrong current password is told at once, beside any other mistakes
        db = get_db()
        row = storage.get_user(db, current_user.id)
        if not verify_password(row["password_hash"], form.current_password.data):
            form.current_password.errors = list(form.current_password.errors) + [
                _("The current password is incorrect.")]
            valid = False
        if valid:
            with immediate(db):
                # every login of the user ends; this browser gets a new one
                storage.change_own_password(db, current_user.id, hash_password(form.new_password.data))
                start_session(db, storage.get_user(db, current_user.id))
            flash(_("Your password has been changed. You have been logged out on other devices."), "success")
            return redirect(url_for("accounts.home"))
    return render_template("accounts/change_password.html", form=form)
