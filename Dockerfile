# The images of both apps, APP=producer-app or APP=consumer-app (docker-compose.yml passes it):
# built with the same Maven command as `make build`, run on a JRE as a non-root user.

FROM maven:3.9-eclipse-temurin-25 AS build
WORKDIR /src
COPY pom.xml ./
COPY ingest-contract/pom.xml ingest-contract/
COPY database/pom.xml database/
COPY boot-support/pom.xml boot-support/
COPY producer-app/pom.xml producer-app/
COPY consumer-app/pom.xml consumer-app/
COPY ingest-cli/pom.xml ingest-cli/
COPY system-tests/pom.xml system-tests/
COPY coverage/pom.xml coverage/
RUN --mount=type=cache,target=/root/.m2 mvn -B -ntp -q dependency:go-offline -pl producer-app,consumer-app -am || true
COPY . .
RUN --mount=type=cache,target=/root/.m2 mvn -B -ntp -q package -DskipTests -Djacoco.skip=true
# everything above is the same for both images, and built once

FROM eclipse-temurin:25-jre
RUN groupadd --system --gid 10001 app && useradd --system --uid 10001 --gid app --home-dir /app app \
	&& mkdir -p /app /state && chown app:app /state
WORKDIR /app
ARG APP
COPY --from=build /src/${APP}/target/${APP}.jar app.jar
COPY --from=build /src/scripts/start-jar.sh ./
# size the heap from the container's memory limit, not the host's
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError"
# The app starts as every JVM of the project does (scripts/start-jar.sh): from the jar's
# extracted form (java -Djarmode=tools ... extract) with an AOT cache. The cache is made here,
# by the training run Spring Boot documents for images: the context is built and the JVM exits
# (-Dspring.context.exit=onRefresh). That run reaches no server (the consumer checks none and
# applies no migration in it), so stand-in credentials do; PRODUCER_WATCH makes the producer's
# the watch mode that the stack runs.
RUN RABBITMQ_USERNAME=training RABBITMQ_PASSWORD=training POSTGRES_USERNAME=training \
	POSTGRES_PASSWORD=training PRODUCER_WATCH=true bash start-jar.sh app.jar -Dspring.context.exit=onRefresh -- \
	&& test -s app.fast-*/app.aot
USER app
ENTRYPOINT ["bash", "/app/start-jar.sh", "/app/app.jar", "--"]
