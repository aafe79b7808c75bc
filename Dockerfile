# The service's image: built from source in a Maven stage, run on a JRE as a non-root user.
#   docker build -t daas-docker-builder .                 (official base images)
#   scripts/image.sh                                       (this machine: the local stand-ins)
# Needs BuildKit (Docker 23+ by default; DOCKER_BUILDKIT=1 on 20.10) for the Maven cache mount.
ARG BUILD_IMAGE=maven:3.9-eclipse-temurin-17
ARG RUNTIME_IMAGE=eclipse-temurin:17-jre

FROM ${BUILD_IMAGE} AS build
WORKDIR /src
COPY pom.xml ./
COPY src/main ./src/main
# Dependencies come from Maven Central into a cache kept between builds, never into a layer.
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -q package -Dmaven.test.skip=true -Dspotless.check.skip=true \
 && java -Djarmode=tools -jar target/daas-builder.jar extract --layers --launcher --destination /out

FROM ${RUNTIME_IMAGE}
ARG VERSION=unknown
ARG REVISION=unknown
ARG SOURCE=unknown
LABEL org.opencontainers.image.title="DAAS Builder" \
      org.opencontainers.image.description="Turns source bundles into container images on a Docker engine" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.source="${SOURCE}"
# A fixed numeric user, so Kubernetes' runAsNonRoot can check it; /data holds the database (H2)
# and the build folders, and is the only place the service writes besides /tmp.
RUN groupadd --system --gid 10001 daas \
 && useradd --system --uid 10001 --gid daas --home-dir /data --no-create-home --shell /usr/sbin/nologin daas \
 && mkdir -p /data/builds && chown -R 10001:10001 /data
WORKDIR /app
# Spring Boot's layers, least to most often changed, so a code change ships one small layer.
COPY --from=build /out/dependencies/ ./
COPY --from=build /out/spring-boot-loader/ ./
COPY --from=build /out/snapshot-dependencies/ ./
COPY --from=build /out/application/ ./
ENV PORT=3001 DATA_DIR=/data DOCKER_BUILD_DIR=/data/builds
USER 10001:10001
EXPOSE 3001
# No curl or wget in a JRE image: bash's /dev/tcp asks the liveness probe and reads the status line.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${PORT:-3001} && printf 'GET /actuator/health/liveness HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q '^HTTP/1\\.[01] 200'"]
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-cp", "/app", "org.springframework.boot.loader.launch.JarLauncher"]
