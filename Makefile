# The two Quick start commands (README) are `make run` and `make test`.
.PHONY: setup run test lint bench eval clean

setup:
	@scripts/bootstrap

run: setup
	.venv/bin/clerkbot chat

test: setup
	scripts/test

lint: setup
	.venv/bin/ruff check bot knowledge workflows tests
	.venv/bin/ruff format --check bot knowledge workflows tests
	.venv/bin/mypy

bench: setup
	.venv/bin/clerkbot bench

eval: setup
	@echo "== ../shared/eval/dev.jsonl"; .venv/bin/clerkbot eval ../shared/eval/dev.jsonl
	@for set in tests/eval/*.jsonl; do echo "== $$set"; .venv/bin/clerkbot eval $$set || exit 1; done

clean:
	rm -rf .venv .mypy_cache .ruff_cache .pytest_cache bench-results

# Teams without Azure: the bot and Microsoft's Agents Playground (http://localhost:56150).
.PHONY: playground
playground: setup
	scripts/playground
