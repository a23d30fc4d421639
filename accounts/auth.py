"""Access rules for routes: login, roles and panel membership.

What each role may see of a consultation is in accounts/access.py."""
from functools import wraps

from flask import abort
from flask_login import current_user, login_required

from accounts import access


def roles_required(*roles):
    """Anonymous users go to the login page; users without any of `roles` get 403.

    No role passes for another: an admin passes only checks that name "admin".
    """
    def decorator(view):
        @wraps(view)
        @login_required
        def wrapped(*args, **kwargs):
            if not current_user.has_role(*roles):
                abort(403)
            return view(*args, **kwargs)
        return wrapped
    return decorator


def require_panel(panel_id, user=None):
    """Other panels' data answers 404: its existence is not revealed."""
    if not (user or current_user).can_see_panel(panel_id):
        abort(404)


def found_in_my_panels(row, user=None):
    """`row` (any dict with panel_id) when it exists and is in the user's
    panels; a missing row and another panel's row both answer 404."""
    if row is None:
        abort(404)
    require_panel(row["panel_id"], user)
    return row


def require_consultations_worker(consultation):
    """May the user work on this consultation (its child's and parents' words, its tablet codes)?

    The one rule is access.is_consultations_worker; the one answer: a missing
    consultation or another panel's is 404, someone else of the panel 403.
    """
    user = current_user._get_current_object()  # once: each use of the proxy looks the user up again
    consultation = found_in_my_panels(consultation, user)
    if not access.is_consultations_worker(user, consultation):
        abort(403)
    return consultation


def require_case_reader(consultation):
    """The consultation's own page (questions, background; access.sees_case),
    or 404 for everyone else: the case's existence is not revealed."""
    user = current_user._get_current_object()
    consultation = found_in_my_panels(consultation, user)
    if not access.sees_case(user, consultation):
        abort(404)
    return consultation
