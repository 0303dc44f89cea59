# Build and run TaskMesh in a container (for docker-compose.yml). Not exercised by CI: CI machines have no Docker engine.
FROM eclipse-temurin:21-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -q -DskipTests -Dspotless.check.skip=true package -pl server -am

FROM eclipse-temurin:21-jre
# The attachment directory the nodes share: a new volume mounted on it takes the image's owner, so taskmesh can write.
RUN useradd --system --uid 10001 taskmesh \
    && mkdir -p /var/lib/taskmesh/attachments \
    && chown -R taskmesh:taskmesh /var/lib/taskmesh
USER taskmesh
COPY --from=build /src/server/target/taskmesh-server.jar /app/taskmesh-server.jar
# the API and /ws; Actuator on the management port
EXPOSE 8080 8081
ENTRYPOINT ["java", "-jar", "/app/taskmesh-server.jar"]
