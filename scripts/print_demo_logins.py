"""Printed by `make run`: where to go and how to log in.

    python -m scripts.print_demo_logins [URL]
"""
import sys

from demo_data import DEMO_PASSWORD, DEMO_USERS


def main(url="http://127.0.0.1:5000"):
    print(f"\nKuulluksi: {url}")
    print(f"Demo logins (password for all: {DEMO_PASSWORD}):")
    for email, _name, roles in DEMO_USERS:
        print(f"  {email:34} {', '.join(roles)}")
    print("(Only in a database made by `make run` / `flask --app app demo-data`.)\n")


if __name__ == "__main__":
    main(*sys.argv[1:2])
