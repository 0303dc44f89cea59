# Build and run TaskMesh in a container (for docker-compose.yml). Not exercised by CI: CI machines have no Docker engine.
FROM eclipse-temurin:21-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -q -DskipTests -Dspotless.check.skip=true package -pl server -am

FROM eclipse-temurin:21-jre
RUN useradd --system --uid 10001 taskmesh
USER taskmesh
COPY --from=build /src/server/target/taskmesh-server.jar /app/taskmesh-server.jar
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/app/taskmesh-server.jar"]
