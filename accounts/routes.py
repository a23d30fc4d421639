"""Login, logout, the home page by role and changing one's own password."""
import math

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required, login_user, logout_user

from accounts import storage, throttle
from accounts.forms import ChangePasswordForm, LoginForm
from accounts.passwords import hash_password, verify_password
from accounts.users import User
from db import get_db
from web.routes import safe_next

bp = Blueprint("accounts", __name__)


@bp.route("/login", methods=["GET", "POST"])
def login():
    if current_user.is_authenticated:
        return redirect(url_for("accounts.home"))
    form = LoginForm()
    error = None
    status = 200
    if form.validate_on_submit():
        db = get_db()
        email, address = form.email.data.strip(), request.remote_addr or "unknown"
        # checked and counted before the password is: parallel guesses cannot slip through
        wait = throttle.begin_attempt(db, email, address)
        if wait:
            minutes = max(1, math.ceil(wait / 60))
            error = ngettext("Too many failed attempts. Please wait %(num)d minute and try again.",
                             "Too many failed attempts. Please wait %(num)d minutes and try again.", minutes)
            status = 429
        else:
            row = storage.get_user_by_email(db, email)
            ok = verify_password(row["password_hash"] if row else None, form.password.data)
            if ok and row["active"]:
                throttle.clear_failures(db, email)
                login_user(User(row))
                return redirect(safe_next(request.args.get("next"), url_for("accounts.home")))
            # the same message for an unknown email, a wrong password and a deactivated account
            error = _("The email or password is incorrect.")
            status = 401
    return render_template("accounts/login.html", form=form, error=error), status


@bp.post("/logout")
@login_required
def logout():
    logout_user()
    flash(_("You have logged out."), "info")
    return redirect(url_for("accounts.login"))


@bp.get("/home")
@login_required
def home():
    """Each role starts from its own most used page."""
    for role, endpoint in HOME_BY_ROLE:
        if current_user.has_role(role) and endpoint in current_app.view_functions:
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
            storage.set_password(db, current_user.id, hash_password(form.new_password.data))
            # keep this session, end the others
            login_user(User(storage.get_user(db, current_user.id)))
            flash(_("Your password has been changed. You have been logged out on other devices."), "success")
            return redirect(url_for("accounts.home"))
    return render_template("accounts/change_password.html", form=form)
