# The two commands of the README: `make run` and `make test`. Both set up what is missing first.
BUILD ?= build
SANITIZE_BUILD ?= build-sanitize
PORT ?= 8080
DB ?= var/khet.db

FUZZ_SECONDS ?= 600
FUZZ_TARGETS ?=

.PHONY: setup build web run test test-unit test-sanitize sanitize-build fuzz format clean bench

setup:
	@tools/setup

$(BUILD)/build.ninja: CMakeLists.txt
	cmake -S . -B $(BUILD) -G Ninja

build: setup $(BUILD)/build.ninja
	cmake --build $(BUILD)

web: setup
	@if [ -f web/package.json ]; then cd web && npm run --silent build; fi

run: build web
	@mkdir -p var
	$(BUILD)/khet demo --db $(DB) --if-empty
	$(BUILD)/khet plan import --db $(DB) --skip-existing data/frameworks data/plans
	$(BUILD)/khet serve --db $(DB) --port $(PORT)

test: build web
	tools/check_layers
	tools/check_format
	ctest --test-dir $(BUILD) --output-on-failure -j2
	@if [ -f web/package.json ]; then cd web && npm test --silent; fi
	@if [ -f web/package.json ]; then tools/e2e $(BUILD)/khet; fi
	$(MAKE) test-sanitize

# The whole C++ suite again under AddressSanitizer and UBSan (a signed overflow once made a
# prototype loop forever), built by clang so that the same build holds the fuzz targets, whose
# seeds and kept crashes are replayed with it (label fuzz); any report fails the run. The kill -9
# trials (label slow) ran above; under the sanitizers they would only be slower.
sanitize-build: setup
	@grep -qs 'CMAKE_CXX_COMPILER:.*clang++-16' $(SANITIZE_BUILD)/CMakeCache.txt || rm -rf $(SANITIZE_BUILD)
	cmake -S . -B $(SANITIZE_BUILD) -G Ninja -DCMAKE_CXX_COMPILER=clang++-16 \
	  -DKHET_SANITIZE=ON -DKHET_FUZZ=ON -DCMAKE_BUILD_TYPE=Debug
	cmake --build $(SANITIZE_BUILD)

test-sanitize: sanitize-build
	LSAN_OPTIONS=suppressions=$(CURDIR)/tools/lsan.supp \
	UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
	ctest --test-dir $(SANITIZE_BUILD) --output-on-failure -j2 -LE slow

# Fuzzes every target of fuzz/ for FUZZ_SECONDS each (or FUZZ_TARGETS="csv xlsx"); docs/SECURITY.md
# says how long they have run and what they found.
fuzz: sanitize-build
	tools/fuzz run $(SANITIZE_BUILD) $(FUZZ_SECONDS) $(FUZZ_TARGETS)

test-unit: build
	ctest --test-dir $(BUILD) --output-on-failure -j2 -L unit

# The benchmarks of docs/BENCHMARKS.md (about 5 minutes); not tests, so not part of `make test`.
bench: build
	bench/run_all.sh

format:
	git ls-files '*.cpp' '*.hpp' | xargs clang-format -i

clean:
	rm -rf $(BUILD) $(SANITIZE_BUILD) web/dist
