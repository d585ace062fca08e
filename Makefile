# Retail Cloud: `make demo` runs the demo chain, `make test` the whole suite.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
VAR := var
SAO_VERSION ?= 8.0
DEMO_DB ?= retail_demo

.PHONY: demo test setup sao demo-db serve clean-demo

demo: setup sao demo-db serve

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	touch $@

sao: $(VAR)/sao/index.html

$(VAR)/sao/index.html:
	scripts/fetch-sao $(SAO_VERSION) $(VAR)/sao

demo-db: setup
	$(BIN)/python -m fixtures.demo --var $(VAR) --database $(DEMO_DB)

# The server and its scheduler (the counter's vouchers every minute, the
# near-expiry notices, the channel's retries), stopped together.  As in
# production, under python -O: without trytond's asserts, checks for its
# developers that cost the server a tenth of its time (README)
serve:
	@$(BIN)/python -m fixtures.demo --var $(VAR) --database $(DEMO_DB) --banner
	PYTHONOPTIMIZE=1 $(BIN)/trytond-cron -c $(VAR)/trytond.conf -n 1 \
		-d $(DEMO_DB) 2>$(VAR)/cron.log & \
	trap 'pkill -P $$!; kill $$! 2>/dev/null' EXIT INT TERM; \
	PYTHONOPTIMIZE=1 $(BIN)/trytond -c $(VAR)/trytond.conf -d $(DEMO_DB)

clean-demo:
	rm -f $(VAR)/db/$(DEMO_DB).sqlite $(VAR)/db/$(DEMO_DB).sqlite-wal $(VAR)/db/$(DEMO_DB).sqlite-shm

test: setup
	scripts/run-tests
