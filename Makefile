# Kuulluksi. `make run` and `make test` are the whole set-up on a fresh machine.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app app
DB := instance/kuulluksi.sqlite
PO := $(wildcard translations/*/LC_MESSAGES/messages.po)
MO := $(PO:.po=.mo)

.PHONY: run test install translations compile db demo bench clean

$(BIN)/activate: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(BIN)/activate

install: $(BIN)/activate

%.mo: %.po $(BIN)/activate
	$(BIN)/pybabel --quiet compile -i $< -o $@

compile: $(MO)

$(DB): | install compile
	$(FLASK) init-db
	$(FLASK) demo-data

db: install compile $(DB)
	$(FLASK) init-db

run: db
	@$(BIN)/python -m scripts.print_demo_logins
	FLASK_SESSION_COOKIE_SECURE=false $(BIN)/gunicorn --bind 127.0.0.1:5000 --workers 2 --threads 4 "app:create_app()"

test: install compile
	$(BIN)/python -m pytest

# Extract every user-visible string and merge it into the fi, sv and en .po files.
translations: install
	$(BIN)/pybabel --quiet extract -F babel.cfg -k _l -k lazy_gettext -k N_ --no-location --sort-output -o translations/messages.pot .
	$(BIN)/pybabel --quiet update -i translations/messages.pot -d translations --no-fuzzy-matching --ignore-obsolete
	$(MAKE) compile

bench: install compile
	$(BIN)/python -m bench.run

clean:
	rm -rf $(VENV) $(MO)
