# Build and run TaskMesh in a container (for docker-compose.yml). Not exercised by CI: CI machines have no Docker engine.

# The web client, built with Node in a stage of its own (the JDK image has no Node)
FROM node:22-bookworm-slim AS web
WORKDIR /web
COPY web/package.json web/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY web/ ./
RUN npm run build

FROM eclipse-temurin:21-jdk AS build
WORKDIR /src
COPY . .
# the bundle goes where the web module's jar packs it; -DskipWebClient leaves out the module's own npm steps
COPY --from=web /web/target/classes/static web/target/classes/static
RUN ./mvnw -B -q -DskipTests -DskipWebClient -Dspotless.check.skip=true package -pl server -am

FROM eclipse-temurin:21-jre
# The attachment directory the nodes share: a new volume mounted on it takes the image's owner, so taskmesh can write.
RUN useradd --system --uid 10001 taskmesh \
    && mkdir -p /var/lib/taskmesh/attachments \
    && chown -R taskmesh:taskmesh /var/lib/taskmesh
USER taskmesh
COPY --from=build /src/server/target/taskmesh-server.jar /app/taskmesh-server.jar
# the API, /ws and the web client at /; Actuator on the management port
EXPOSE 8080 8081
ENTRYPOINT ["java", "-jar", "/app/taskmesh-server.jar"]
