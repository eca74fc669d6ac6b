# bobra — see README.md. Every target works on a fresh clone with only the
# Go toolchain and the package registries.

GO ?= go

.PHONY: all build test report bench clean

all: build

build:
	$(GO) build -o bin/bobra ./cmd/bobra

# Runs the main job on the embedded sample data; outputs land in ./ut.
report: build
	./bin/bobra rapport --ut ut

test:
	$(GO) vet ./...
	$(GO) test ./...

clean:
	rm -rf bin ut
