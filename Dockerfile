# The images of both apps, APP=producer-app or APP=consumer-app (docker-compose.yml passes it):
# built with the same Maven command as `make build`, run on a JRE as a non-root user from Spring
# Boot's layers, so a code change leaves the dependency layer cached.

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
ARG APP
RUN java -Djarmode=tools -jar ${APP}/target/${APP}.jar extract --layers --launcher --destination /layers

FROM eclipse-temurin:25-jre
RUN groupadd --system --gid 10001 app && useradd --system --uid 10001 --gid app --home-dir /app app \
	&& mkdir -p /app /state && chown app:app /state
WORKDIR /app
COPY --from=build /layers/dependencies/ ./
COPY --from=build /layers/spring-boot-loader/ ./
COPY --from=build /layers/snapshot-dependencies/ ./
COPY --from=build /layers/application/ ./
USER app
# size the heap from the container's memory limit, not the host's
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError"
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
