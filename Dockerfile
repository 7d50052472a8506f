# Prescal's images, built from a clean checkout: one build stage runs Maven once, then one small
# runtime stage per service (select it with --target, as docker-compose.yml does).
#
#   docker build --target proxy -t prescal/proxy .
#
# Base images are build arguments whose defaults are the public images; CI and machines without
# a registry pass locally built ones (scripts/build-images.sh):
#   --build-arg JDK_IMAGE=prescal/jdk:25 --build-arg JRE_IMAGE=prescal/jre:25
#
# When the jars were already built on the host (./prescal build), the build stage reuses them
# instead of running Maven again.
ARG JDK_IMAGE=eclipse-temurin:25-jdk
ARG JRE_IMAGE=eclipse-temurin:25-jre

FROM ${JDK_IMAGE} AS build
WORKDIR /src
COPY . /src
RUN set -e; \
    jars="prescal-proxy/target/prescal-proxy.jar prescal-event/target/prescal-event.jar prescal-dashboard/target/prescal-dashboard.jar prescal-traffic/target/prescal-traffic.jar"; \
    missing=""; for j in $jars; do [ -f "$j" ] || missing="$missing $j"; done; \
    if [ -n "$missing" ]; then \
      echo "building with Maven (missing:$missing)"; \
      ./mvnw -B -q package -DskipTests -Dspotless.check.skip=true; \
    else \
      echo "reusing the jars built on the host"; \
    fi; \
    mkdir -p /out; for j in $jars; do cp "$j" /out/; done

FROM ${JRE_IMAGE} AS runtime
# One unprivileged user for every service.
RUN useradd --system --uid 10001 --user-group --home-dir /app --shell /usr/sbin/nologin prescal \
    && mkdir -p /app && chown prescal:prescal /app
WORKDIR /app
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"

FROM runtime AS proxy
COPY --from=build /out/prescal-proxy.jar /app/prescal-proxy.jar
COPY deploy/docker/proxy-entrypoint.sh /app/proxy-entrypoint.sh
# No USER here: the entrypoint starts as root only to join the Docker socket's group, whatever its
# number on this host, then drops to prescal (uid 10001) before the JVM starts (see the script).
EXPOSE 8000 9900
# Netty reads and writes its buffers through sun.misc.Unsafe only when the JVM allows it; on Java
# 25 it otherwise falls back to ByteBuffer views (slower, and garbage per access). See docs/proxy.md.
ENTRYPOINT ["/app/proxy-entrypoint.sh", "java", "--sun-misc-unsafe-memory-access=allow", "-jar", "/app/prescal-proxy.jar"]

FROM runtime AS event
COPY --from=build /out/prescal-event.jar /app/prescal-event.jar
USER prescal
EXPOSE 8081
ENTRYPOINT ["java", "-jar", "/app/prescal-event.jar"]

FROM runtime AS dashboard
COPY --from=build /out/prescal-dashboard.jar /app/prescal-dashboard.jar
USER prescal
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/app/prescal-dashboard.jar"]

FROM runtime AS demo-backend
# C1 only, as in prescal-traffic/Dockerfile: less CPU to start when several start at once.
ENV JAVA_TOOL_OPTIONS="$JAVA_TOOL_OPTIONS -XX:TieredStopAtLevel=1"
COPY prescal-traffic/aot-cache.sh /tmp/aot-cache.sh
COPY --from=build /out/prescal-traffic.jar /app/prescal-traffic.jar
# The AOT cache (JDK 25+), as in prescal-traffic/Dockerfile: trained here, so that it matches this
# JVM, this jar and the entrypoint's JVM options (none; JAVA_TOOL_OPTIONS for both). /app/java.args
# holds -XX:AOTCache=... (empty on a JRE older than 25).
RUN bash /tmp/aot-cache.sh /app/prescal-traffic.jar /app/prescal-traffic.aot >/app/java.args \
    && rm /tmp/aot-cache.sh
USER prescal
EXPOSE 8080
STOPSIGNAL SIGTERM
ENTRYPOINT ["java", "@/app/java.args", "-jar", "/app/prescal-traffic.jar", "serve", "--port", "8080"]
