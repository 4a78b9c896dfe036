# The two commands of the README:
#   make demo   set up, build, run the main job on the embedded sample org, then serve the model on 127.0.0.1:8080
#   make test   set up and run the whole test suite
SHELL := /bin/bash
export PATH := $(PATH):/opt/swift/usr/bin

.PHONY: setup demo test bench clean

setup:
	@bash scripts/setup

demo: setup
	swift build -c release --product leadscore
	.build/release/leadscore demo --dir var/demo
	bash scripts/demo-serve

# PostgreSQL from Debian's packages backs the store tests' second run (LEADSCORE_TEST_POSTGRES_URL).
test: setup
	swift build --build-tests
	url="$${LEADSCORE_TEST_POSTGRES_URL:-$$(bash scripts/setup-postgres)}" && LEADSCORE_TEST_POSTGRES_URL="$$url" swift test --skip-build --disable-xctest

bench: setup
	bash scripts/bench

clean:
	rm -rf .build var
