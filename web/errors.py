"""Error pages in the user's language."""
from flask import current_app, render_template, request
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

TITLES = {
    400: _l("The request could not be understood"),
    403: _l("You do not have access to this page"),
    404: _l("Page not found"),
    405: _l("This action is not allowed here"),
    413: _l("The file is too large"),
    429: _l("Too many attempts"),
    500: _l("Something went wrong"),
    503: _l("The service is temporarily unavailable"),
}

EXPLANATIONS = {
    400: _l("Please go back and try again. If you sent a form, your session may have expired: reload the page first."),
    403: _l("Your account does not have the role needed here. If you think you should have access, contact the panel's coordinator."),
    404: _l("The address may be mistyped, or the page has been removed."),
    405: _l("Please go back and use the buttons on the page."),
    413: _l("The largest file accepted is 2 MB. Please choose a smaller file."),
    429: _l("Please wait a moment and try again."),
    500: _l("The error has been logged. Please try again in a moment."),
    503: _l("Please try again in a moment."),
}


def render_error(code):
    code = code if code in TITLES else (400 if 400 <= (code or 500) < 500 else 500)
    try:
        return render_template("errors/error.html", code=code, title=TITLES[code],
                               explanation=EXPLANATIONS[code]), code
    except Exception:  # e.g. the database is gone: the layout cannot be drawn
        current_app.logger.exception("Error page failed")
        return f"{TITLES[code]}\n\n{EXPLANATIONS[code]}\n", code, {"Content-Type": "text/plain; charset=utf-8"}


def init_app(app):
    @app.errorhandler(HTTPException)
    def handle_http(exc):
        if isinstance(exc, CSRFError):
            return render_error(400)
        if request.blueprint == "healthz":
            return exc
        return render_error(exc.code or 500)

    @app.errorhandler(Exception)
    def handle_unexpected(exc):
        app.logger.exception("Unhandled error")
        return render_error(500)
