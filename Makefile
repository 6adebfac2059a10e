# Thin wrappers; the logic lives in scripts/. Pass CDK context with ARGS, e.g.
#   make synth ARGS='-c vod:mediaPackage=true'
.PHONY: synth test bench player picture integ
synth:
	@bash scripts/synth.sh $(ARGS)
test:
	@bash scripts/test.sh $(ARGS)
bench:
	@bash scripts/bench.sh
# The player page on this machine: make player ARGS='-media ./some/folder'
player:
	@bash scripts/player.sh $(ARGS)
# Each synthesized stack drawn with Graphviz: docs/architecture/<stack>.svg and .png
picture:
	@bash scripts/picture.sh $(ARGS)
# Deploy both stacks to your (sandbox) AWS account, check them end to end, destroy them
integ:
	@bash scripts/integ.sh
