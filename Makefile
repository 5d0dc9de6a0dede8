# The two Quick start commands (README) are `make run` and `make test`.
.PHONY: setup run test lint bench eval clean

setup:
	@scripts/bootstrap

run: setup
	.venv/bin/clerkbot chat

test: setup
	scripts/test

lint: setup
	.venv/bin/ruff check bench bot knowledge testing workflows tests
	.venv/bin/ruff format --check bench bot knowledge testing workflows tests
	.venv/bin/mypy

# The published figures were measured on ../shared's dev set; the requests part measures
# PostgreSQL at CLERKBOT_DATABASE_URL, by default this machine's (as the tests use it).
BENCH_QUESTIONS ?= ../shared/eval/dev.jsonl
CLERKBOT_DATABASE_URL ?= postgresql://postgres@127.0.0.1:5432/test
bench: setup
	CLERKBOT_DATABASE_URL=$(CLERKBOT_DATABASE_URL) .venv/bin/python -m bench --questions $(BENCH_QUESTIONS)

eval: setup
	@echo "== ../shared/eval/dev.jsonl"; .venv/bin/clerkbot eval ../shared/eval/dev.jsonl
	@for set in tests/eval/*.jsonl; do echo "== $$set"; .venv/bin/clerkbot eval $$set || exit 1; done
	@echo "== ../shared/onboarding (two councils, imported from their published text)"
	.venv/bin/python scripts/eval_councils.py --onboarding ../shared/onboarding

clean:
	rm -rf .venv .mypy_cache .ruff_cache .pytest_cache bench-results

# Teams without Azure: the bot and Microsoft's Agents Playground (http://localhost:56150).
.PHONY: playground
playground: setup
	scripts/playground
