# sensor-ingest: the user's entry points. `make` alone lists them.
# Every setting comes from .env; any of them can be overridden on the command line
# (make gen_csv_demo GEN_NUM_SENSORS=100 TARGET_FILE_DIR=/tmp/demo) or in the environment.

# .env supplies every setting that neither the command line nor the environment gives.
SETTINGS := $(shell sed -n 's/^\([A-Za-z_][A-Za-z0-9_]*\)=.*/\1/p' .env)
$(foreach s,$(SETTINGS),$(if $(filter environment,$(origin $(s))),$(eval FROM_ENV_$(s) := $$($(s)))))
include .env
$(foreach s,$(SETTINGS),$(if $(FROM_ENV_$(s)),$(eval $(s) := $$(FROM_ENV_$(s)))))
export $(SETTINGS)

MVN ?= mvn -B -ntp
JAVA ?= java
PRODUCER_JAR := producer-app/target/producer-app.jar
CONSUMER_JAR := consumer-app/target/consumer-app.jar
JAR_SOURCES := pom.xml $(shell find ingest-contract database producer-app consumer-app \
	-path '*/target' -prune -o -path '*/src/test' -prune -o -type f \( -name '*.java' -o -name '*.xml' \
	-o -name '*.yml' -o -name '*.sql' -o -name '*.properties' \) -print)

.DEFAULT_GOAL := help
.PHONY: help show-settings build gen_csv_demo generate_csv_end_to_end_test migrate produce consume run bench bench-sweep test clean

help: ## list the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  make %-30s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

build: $(PRODUCER_JAR) $(CONSUMER_JAR) ## build the producer and consumer jars (tests are make test)

$(PRODUCER_JAR) $(CONSUMER_JAR) &: $(JAR_SOURCES)
	$(MVN) -q package -DskipTests -Djacoco.skip=true
	@touch $(PRODUCER_JAR) $(CONSUMER_JAR)

gen_csv_demo: $(PRODUCER_JAR) ## write the demo data set (GEN_* settings) into TARGET_FILE_DIR
	$(JAVA) -jar $(PRODUCER_JAR) generate

generate_csv_end_to_end_test: $(PRODUCER_JAR) ## write 10 sensors x 5 records, 1 s apart, into records_test/
	TARGET_FILE_DIR=records_test GEN_NUM_SENSORS=10 GEN_NUM_RECORDS=5 GEN_RECORD_INTERVAL=1 \
	GEN_START_DATE=2021-01-01 GEN_TIMEZONE=Asia/Shanghai $(JAVA) -jar $(PRODUCER_JAR) generate

migrate: $(CONSUMER_JAR) ## apply the Flyway migrations to the database that .env names
	$(JAVA) -jar $(CONSUMER_JAR) migrate

produce: $(PRODUCER_JAR) ## publish TARGET_FILE_DIR (or ARGS="--force file-or-folder ...") to the queue
	$(JAVA) $(PRODUCER_JAVA_OPTS) -jar $(PRODUCER_JAR) publish $(ARGS)

consume: $(CONSUMER_JAR) ## run one consumer in the foreground (Ctrl-C stops it after the batch in hand)
	$(JAVA) $(CONSUMER_JAVA_OPTS) -jar $(CONSUMER_JAR)

run: $(PRODUCER_JAR) $(CONSUMER_JAR) ## the whole pipeline without Docker: migrate, CONSUMER_REPLICAS consumers, producer, summary
	$(JAVA) $(PRODUCER_JAVA_OPTS) -jar $(PRODUCER_JAR) run --consumer-jar=$(CONSUMER_JAR) $(ARGS)

bench: $(PRODUCER_JAR) $(CONSUMER_JAR) ## throughput: psql \copy (the floor) against make run, BENCH_RUNS times, medians and ratio
	$(JAVA) $(PRODUCER_JAVA_OPTS) -jar $(PRODUCER_JAR) bench --consumer-jar=$(CONSUMER_JAR)

bench-sweep: $(PRODUCER_JAR) $(CONSUMER_JAR) ## the grid of message sizes, transaction sizes and consumers into docs/benchmarks.md
	$(JAVA) $(PRODUCER_JAVA_OPTS) -jar $(PRODUCER_JAR) bench --sweep --consumer-jar=$(CONSUMER_JAR)

test: ## unit and integration tests against real PostgreSQL and RabbitMQ, then the coverage report
	$(MVN) verify
	@echo "coverage report: $(CURDIR)/coverage/target/site/jacoco-aggregate/index.html"

show-settings: ## print every setting as make sees it (passwords masked)
	@$(foreach s,$(SETTINGS),echo "$(s)=$(if $(findstring PASSWORD,$(s)),******,$($(s)))";)

clean: ## remove build output (generated CSV files stay)
	$(MVN) -q clean
