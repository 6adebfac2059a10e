# Thin wrappers; the logic lives in scripts/.
.PHONY: synth test bench
synth:
	@bash scripts/synth.sh
test:
	@bash scripts/test.sh
bench:
	@bash scripts/bench.sh
