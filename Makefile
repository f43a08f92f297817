# A thin layer over CMake.  `make demo` and `make test` are all a user needs.
BUILD      ?= build
ASAN_BUILD ?= build-asan
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE_FLAGS ?=
ifneq ($(CI),)
CMAKE_FLAGS += -DEVTOP_WERROR=ON
endif

.PHONY: all deps build build-asan demo test test-plain test-asan screens bench clean

all: build

deps:
	@sh scripts/install-deps.sh

$(BUILD)/CMakeCache.txt: | deps
	cmake -S . -B $(BUILD) $(CMAKE_FLAGS)

$(ASAN_BUILD)/CMakeCache.txt: | deps
	cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DEVTOP_SANITIZE=ON $(CMAKE_FLAGS)

build: deps $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j $(JOBS)

build-asan: deps $(ASAN_BUILD)/CMakeCache.txt
	cmake --build $(ASAN_BUILD) -j $(JOBS)

demo: build
	$(BUILD)/bin/evtop --demo

test-plain: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

test-asan: build-asan
	cd $(ASAN_BUILD) && ctest --output-on-failure -j $(JOBS)

# Every test, once in the plain build and once under the sanitizers.
test: test-plain test-asan

# After an intended change to what evtop draws: the expected screens
# (tests/screens/) written again, and which files changed.
screens: build
	@sh scripts/update-screens.sh $(BUILD)

# Figures, not pass/fail: see bench/README.md.
bench: build
	@sh scripts/install-bench-deps.sh
	cmake --build $(BUILD) --target bench

clean:
	rm -rf $(BUILD) $(ASAN_BUILD)
