# Kuulluksi. `make run` and `make test` are the whole set-up on a fresh machine
# (Python 3.11+; the browser tests use Debian's chromium at /usr/bin/chromium).
#   make run [PORT=5001]   set up, create demo data if there is no database, serve with gunicorn
#   make test              the same set-up, then the whole test suite (browser tests included)
#   make translations      extract strings and update the fi/sv/en .po files, compile them
#   make constraints       re-pin every package (after changing requirements*.txt)
#   make bench             hello-world vs. real pages on a real server
PYTHON ?= python3
HOST ?= 127.0.0.1
PORT ?= 5000
WORKERS ?= 2
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app app
DB := instance/kuulluksi.sqlite
PO := $(wildcard translations/*/LC_MESSAGES/messages.po)
MO := $(PO:.po=.mo)

.PHONY: run test install translations constraints compile db bench clean python-version

python-version:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Kuulluksi needs Python 3.11 or newer (set PYTHON=python3.x)")'

# Every package, the dependencies of the dependencies too, at the version in
# constraints.txt: a fresh machine gets the same Werkzeug, Jinja2 and WTForms as CI.
$(BIN)/activate: requirements.txt requirements-dev.txt constraints.txt | python-version
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet -c constraints.txt pip
	$(BIN)/pip install --quiet -r requirements-dev.txt -c constraints.txt
	touch $(BIN)/activate

install: $(BIN)/activate

%.mo: %.po $(BIN)/activate
	$(BIN)/pybabel --quiet compile -i $< -o $@

compile: $(MO)

# The database with demo data is made only when the file does not exist yet;
# an existing one is only upgraded (init-db is safe to run any number of times).
# It is built beside and moved in place at the end, so a failed run leaves none.
$(DB): | install compile
	rm -f $(DB).new $(DB).new-wal $(DB).new-shm
	FLASK_DATABASE=$(abspath $(DB)).new $(FLASK) init-db
	FLASK_DATABASE=$(abspath $(DB)).new $(FLASK) demo-data
	mv $(DB).new $(DB)

db: install compile $(DB)
	$(FLASK) init-db

run: db
	@$(BIN)/python -m scripts.print_demo_logins http://$(HOST):$(PORT)
	FLASK_SESSION_COOKIE_SECURE=false $(BIN)/gunicorn --bind $(HOST):$(PORT) --workers $(WORKERS) --threads 4 \
		--access-logfile - "app:create_app()"

test: db
	$(BIN)/python -m pytest -p no:cacheprovider

# Extract every user-visible string (keywords and contexts: babel.cfg), merge it
# into each language's .po and compile them.
translations: install
	$(BIN)/python -m scripts.po_update

# Re-pin: a throwaway venv takes the newest versions requirements*.txt allow, and
# its `pip freeze` becomes constraints.txt. Then `make test` and commit both.
CONSTRAINTS_VENV := .constraints-venv
constraints: | python-version
	rm -rf $(CONSTRAINTS_VENV)
	$(PYTHON) -m venv $(CONSTRAINTS_VENV)
	$(CONSTRAINTS_VENV)/bin/pip install --quiet --upgrade pip
	$(CONSTRAINTS_VENV)/bin/pip install --quiet -r requirements-dev.txt
	{ echo "# Exact versions of every package, made by \`make constraints\` (see the README); do not edit."; \
	  $(CONSTRAINTS_VENV)/bin/pip freeze --all --exclude setuptools --exclude wheel; } > constraints.txt
	rm -rf $(CONSTRAINTS_VENV)

bench: install compile
	$(BIN)/python -m bench.run

clean:
	rm -rf $(VENV) $(MO)
