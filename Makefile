# `make run` and `make test` are the README's two commands.
.PHONY: run test bench translations
run:
	bash scripts/run.sh
test:
	bash scripts/test.sh
bench:
	bash scripts/bench.sh
translations:
	bash scripts/translations.sh compile
