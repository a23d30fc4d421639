"""The app on a fresh database with demo data, for the benchmark and the screenshots."""
from pathlib import Path


def demo_app(folder, **config):
    """create_app() on `folder`/demo.sqlite, migrated and filled with demo data."""
    from app import create_app
    from db import connect, migrate
    from demo_data import fill

    path = str(Path(folder) / "demo.sqlite")
    app = create_app({"DATABASE": path, "SECRET_KEY": "demo-only", "SESSION_COOKIE_SECURE": False, **config})
    db = connect(path)
    migrate(db)
    fill(db)
    db.conn.close()
    return app
