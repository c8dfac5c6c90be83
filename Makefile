# sensor-ingest: the user's entry points. `make` alone lists them.
# Every setting comes from .env; any of them can be overridden on the command line
# (make gen_csv_demo GEN_NUM_SENSORS=100 TARGET_FILE_DIR=/tmp/demo) or in the environment.

# .env supplies every setting that neither the command line nor the environment gives.
SETTINGS := $(shell sed -n 's/^\([A-Za-z_][A-Za-z0-9_]*\)=.*/\1/p' .env)
$(foreach s,$(SETTINGS),$(if $(filter environment,$(origin $(s))),$(eval FROM_ENV_$(s) := $$($(s)))))
include .env
$(foreach s,$(SETTINGS),$(if $(FROM_ENV_$(s)),$(eval $(s) := $$(FROM_ENV_$(s)))))
export $(SETTINGS)

# Java 25 builds and runs everything (scripts/jdk.sh: JAVA_HOME when it is a JDK 25 or newer,
# else the newest under /usr/lib/jvm); Maven, the tests and the processes they start use it
JDK := $(shell scripts/jdk.sh)
ifneq ($(JDK),)
export JAVA_HOME := $(JDK)
export PATH := $(JDK)/bin:$(PATH)
# Maven 3.8's Guava still calls sun.misc.Unsafe, which Java 25 warns of on every build
export MAVEN_OPTS := $(MAVEN_OPTS) --sun-misc-unsafe-memory-access=allow
endif
MVN ?= mvn -B -ntp
JAVA ?= java
# The one build command: make build runs it, and so does each image's build stage.
BUILD_JARS = mvn -B -ntp -q package -DskipTests -Djacoco.skip=true
COMPOSE ?= docker compose
# make up CLUSTER=true: a three-node RabbitMQ cluster (docker-compose.cluster.yml) in place of one broker
CLUSTER ?= false
ifeq ($(CLUSTER),true)
export COMPOSE_FILE := docker-compose.yml:docker-compose.cluster.yml
endif
# asked only by the targets that build or stop images: `docker info` takes 0.05 s or more of
# every make command where an engine runs
DOCKER_ENGINE = docker info >/dev/null 2>&1
PRODUCER_JAR := producer-app/target/producer-app.jar
CONSUMER_JAR := consumer-app/target/consumer-app.jar
CLI_JAR := ingest-cli/target/ingest-cli.jar
# every JVM starts one way: from its jar's extracted form with an AOT cache per command
# (scripts/start-jar.sh JAR [JVM OPTIONS] -- [ARGUMENTS]); the command line starts the apps so too
START = JAVA="$(JAVA)" scripts/start-jar.sh
INGEST = $(START) $(CLI_JAR) $(PRODUCER_JAVA_OPTS) --
JARS := $(PRODUCER_JAR) $(CONSUMER_JAR) $(CLI_JAR)
JAR_SOURCES := pom.xml $(shell find ingest-contract database boot-support producer-app consumer-app ingest-cli \
	-path '*/target' -prune -o -path '*/src/test' -prune -o -type f \( -name '*.java' -o -name '*.xml' \
	-o -name '*.yml' -o -name '*.sql' -o -name '*.properties' \) -print)

.DEFAULT_GOAL := help
.PHONY: help jdk show-settings build up down logs stats setup_test_env local_servers teardown_test_env gen_csv_demo generate_csv_end_to_end_test migrate produce consume run watch chaos status dlq-show dlq-replay bench bench-sweep test clean

help: ## list the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  make %-30s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

build: $(JARS) ## build the jars, and the images where a Docker engine answers
	@if $(DOCKER_ENGINE); then echo "$(COMPOSE) build" && $(COMPOSE) build; \
	else echo "no Docker engine answers: built the jars only"; fi

# what needs a JDK 25 says so in one line where there is none (make up and the Docker targets need none)
jdk:
ifeq ($(JDK),)
	@echo "no JDK 25 found (JAVA_HOME, /usr/lib/jvm): install Temurin 25 or openjdk-25-jdk, or set JAVA_HOME to one" >&2; exit 2
endif

$(JARS) &: $(JAR_SOURCES) | jdk
	$(BUILD_JARS)
	@touch $(JARS)

up: ## start the compose stack and wait until it is healthy (CONSUMER_REPLICAS consumers; PROFILES=observability adds Prometheus and Grafana; CLUSTER=true three RabbitMQ nodes)
	@scripts/stack-guard.sh
	COMPOSE_PROFILES=$(PROFILES) $(COMPOSE) up -d --build --wait
	@echo "the stack is up: make logs follows it, make status says what is stored, make down stops it"

down: ## stop the compose stack (volumes stay; docker compose down -v removes them)
	COMPOSE_PROFILES=observability $(COMPOSE) down --remove-orphans

logs: ## follow the logs of the whole stack
	$(COMPOSE) logs -f

stats: ## CPU and memory of the stack's containers
	docker stats $$($(COMPOSE) ps -q)

setup_test_env: ## the servers make run and make test need: those answering where .env points, else this machine's started, else compose's
	@scripts/local-servers.sh

# make run and make test first make sure of their servers (a no-op once done, and for
# servers on other hosts): never compose's while this machine's own answer (scripts/local-servers.sh)
local_servers:
	@scripts/local-servers.sh --quick

teardown_test_env: ## stop what setup_test_env started
	@if $(DOCKER_ENGINE); then echo "$(COMPOSE) stop postgres rabbitmq" && $(COMPOSE) stop postgres rabbitmq; \
	else echo "no Docker engine answers: nothing to stop (the local servers are the machine's own)"; fi

gen_csv_demo: $(CLI_JAR) ## write the demo data set (GEN_* settings) into TARGET_FILE_DIR
	$(START) $(CLI_JAR) -- generate $(ARGS)

generate_csv_end_to_end_test: $(CLI_JAR) ## write 10 sensors x 5 records, 1 s apart, into records_test/
	TARGET_FILE_DIR=records_test GEN_NUM_SENSORS=10 GEN_NUM_RECORDS=5 GEN_RECORD_INTERVAL=1 \
	GEN_START_DATE=2021-01-01 GEN_TIMEZONE=Asia/Shanghai $(START) $(CLI_JAR) -- generate

migrate: $(CONSUMER_JAR) ## apply the Flyway migrations to the database that .env names
	$(START) $(CONSUMER_JAR) -- migrate

produce: $(PRODUCER_JAR) ## publish TARGET_FILE_DIR (or ARGS="--force file-or-folder ...") to the queue
	$(START) $(PRODUCER_JAR) $(PRODUCER_JAVA_OPTS) -- $(ARGS)

consume: $(CONSUMER_JAR) ## run one consumer in the foreground (Ctrl-C stops it after the batch in hand)
	$(START) $(CONSUMER_JAR) $(CONSUMER_JAVA_OPTS) --

run: $(CLI_JAR) $(CONSUMER_JAR) local_servers ## the whole pipeline without Docker: migrate, CONSUMER_REPLICAS consumers, producer, summary
	$(INGEST) run $(ARGS)

watch: $(CLI_JAR) $(CONSUMER_JAR) local_servers ## the live pipeline without Docker: CONSUMER_REPLICAS consumers and a watching producer, until Ctrl-C
	$(INGEST) watch $(ARGS)

chaos: $(JARS) ## fault run (empties records and the ledger first): kill -9 consumers and producer, restart RabbitMQ and PostgreSQL, prove records equals the files
	$(INGEST) chaos $(ARGS)

status: $(CLI_JAR) ## is all my data in? rows per file: valid, confirmed, stored, rejected; queues; exit 0 when all stored (ARGS="--files")
	$(INGEST) status $(ARGS)

dlq-show: $(CLI_JAR) ## list the dead-lettered messages and why, leaving them in place (ARGS="--limit=N")
	$(INGEST) dlq show $(ARGS)

dlq-replay: $(CLI_JAR) ## move the dead-lettered messages back to the work queue once the cause is fixed
	$(INGEST) dlq replay $(ARGS)

bench: $(CLI_JAR) $(CONSUMER_JAR) ## throughput (empties records and the ledger first): psql \copy (the floor), steady state, the whole make run, pgloader; BENCH_RUNS times, medians
	$(INGEST) bench $(ARGS)

bench-sweep: $(CLI_JAR) $(CONSUMER_JAR) ## the grid of message sizes, transaction sizes and consumers into docs/benchmarks.md (empties records first)
	$(INGEST) bench --sweep $(ARGS)

test: local_servers | jdk ## unit and integration tests against real PostgreSQL and RabbitMQ, then the coverage report
	$(MVN) verify
	@echo "coverage report: $(CURDIR)/coverage/target/site/jacoco-aggregate/index.html"

show-settings: ## print every setting as make sees it (passwords and the cluster cookie masked)
	@$(foreach s,$(SETTINGS),echo "$(s)=$(if $(or $(findstring PASSWORD,$(s)),$(findstring COOKIE,$(s))),******,$($(s)))";)

clean: ## remove build output (generated CSV files stay)
	$(MVN) -q clean
