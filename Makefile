# A thin layer over CMake.  `make demo` and `make test` are all a user needs.
BUILD      ?= build
ASAN_BUILD ?= build-asan
FUZZ_BUILD ?= build-fuzz
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE_FLAGS ?=
ifneq ($(CI),)
CMAKE_FLAGS += -DEVTOP_WERROR=ON
endif

.PHONY: all deps build build-asan build-fuzz demo test test-plain test-asan test-fuzz screens bench clean

all: build

deps:
	@sh scripts/install-deps.sh

$(BUILD)/CMakeCache.txt: | deps
	cmake -S . -B $(BUILD) $(CMAKE_FLAGS)

$(ASAN_BUILD)/CMakeCache.txt: | deps
	cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DEVTOP_SANITIZE=ON $(CMAKE_FLAGS)

# The fuzz targets, built with clang's libFuzzer and the sanitizers.
$(FUZZ_BUILD)/CMakeCache.txt: | deps
	CC=clang cmake -S . -B $(FUZZ_BUILD) -DEVTOP_FUZZ=ON -DEVTOP_SANITIZE=ON $(CMAKE_FLAGS)

build: deps $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS)

build-asan: deps $(ASAN_BUILD)/CMakeCache.txt
	cmake --build $(ASAN_BUILD) -j $(JOBS)

build-fuzz: deps $(FUZZ_BUILD)/CMakeCache.txt
	cmake --build $(FUZZ_BUILD) -j $(JOBS) --target fuzz

demo: build
	$(BUILD)/bin/evtop --demo

test-plain: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

test-asan: build-asan
	cd $(ASAN_BUILD) && ctest --output-on-failure -j $(JOBS)

# Each fuzz target explores for a few seconds beyond its saved corpus.
test-fuzz: build-fuzz
	cd $(FUZZ_BUILD) && ctest --output-on-failure -j $(JOBS) -L fuzz-run

# Every test, once in the plain build and once under the sanitizers, then
# a few seconds of fuzzing per decoder.
test: test-plain test-asan test-fuzz

# After an intended change to what evtop draws: the expected screens
# (tests/screens/) written again, and which files changed.
screens: build
	@sh scripts/update-screens.sh $(BUILD)

# Figures, not pass/fail: see bench/README.md.
bench: build
	@sh scripts/install-bench-deps.sh
	cmake --build $(BUILD) --target bench

clean:
	rm -rf $(BUILD) $(ASAN_BUILD) $(FUZZ_BUILD)
