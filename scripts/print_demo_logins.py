"""Printed by `make run`: where to go and how to log in."""
from demo_data import DEMO_PASSWORD, DEMO_USERS

print("\nKuulluksi: http://127.0.0.1:5000")
print(f"Demo logins (password for all: {DEMO_PASSWORD}):")
for email, _name, roles in DEMO_USERS:
    print(f"  {email:34} {', '.join(roles)}")
print()
