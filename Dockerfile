# syntax=docker/dockerfile:1
#
# FormGate container image, built by `fly deploy` (see fly.toml) or by hand:
#   docker build -t formgate .
#   docker run -p 8080:8080 -v formgate_data:/data -e FLOTIQ_API_KEY=... formgate
#
# Stage 1 builds the shaded jar with Maven. Stage 2 cuts Temurin 25 down to the Java modules FormGate uses
# (jlink). Stage 3 is that runtime with the jar, the schemas and an AOT cache made at build time, sized for a
# 256 MB Fly machine.

FROM maven:3.9-eclipse-temurin-21 AS build
WORKDIR /build
# The pom alone first: the dependency layer is reused until pom.xml changes.
COPY pom.xml .
RUN mvn -B -ntp dependency:go-offline
COPY src ./src
RUN mvn -B -ntp -DskipTests package
# SQLite's native library, taken out of the jar once here. Without it, every start of the server copies it out of
# the jar into /tmp and compares the copy byte by byte (~100 ms of CPU in a cold start); the path is the one
# sqlite-jdbc uses for this machine's architecture (x86_64 or aarch64).
RUN mkdir -p /build/native && cd /build/native \
 && lib="org/sqlite/native/Linux/$(uname -m)/libsqlitejdbc.so" \
 && jar xf /build/target/formgate.jar "$lib" \
 && mv "$lib" libsqlitejdbc.so && rm -rf org && test -s libsqlitejdbc.so

# JDK 25 runs the release-17 jar and brings the AOT cache (JEP 483, JEP 514) and compact object
# headers (JEP 519). Going back to 21 means dropping -XX:AOTCache* and -XX:+UseCompactObjectHeaders.
# The runtime holds only these modules (what jdeps finds in the jar and its libraries, plus DNS for Redis
# host names and the extra charsets); RuntimeImageIT builds the same list with jlink and serves with it.
# Left out on purpose: jdk.localedata, the date and number formats of ~900 locales. With it, the JDK builds a
# list of every locale when Jetty and Jackson start (both ask for it); without it a cold start takes ~25 %
# less CPU and reaches its first answer ~100 ms sooner (bench/README.md). FormGate formats nothing by locale:
# answers are English, dates ISO 8601.
FROM eclipse-temurin:25-jdk AS runtime
RUN jlink --add-modules java.base,java.compiler,java.desktop,java.instrument,java.naming,java.net.http,java.rmi,java.scripting,java.security.jgss,java.sql,jdk.charsets,jdk.crypto.ec,jdk.jfr,jdk.management,jdk.management.jfr,jdk.naming.dns,jdk.net,jdk.unsupported \
      --strip-debug --no-header-files --no-man-pages --output /runtime

# The same Ubuntu release the Temurin 25 images are built on, with the runtime above.
FROM ubuntu:24.04

ENV JAVA_HOME=/opt/java/openjdk \
    PATH=/opt/java/openjdk/bin:$PATH \
    LANG=C.UTF-8 \
    PORT=8080 \
    MALLOC_ARENA_MAX=2 \
    FORMGATE_DATA=/data \
    FORMGATE_SCHEMAS=/app/schemas

RUN groupadd --system --gid 10001 formgate \
 && useradd --system --uid 10001 --gid formgate --home-dir /app --no-create-home \
      --shell /usr/sbin/nologin formgate \
 && mkdir -p /data \
 && chown formgate:formgate /data

COPY --from=runtime /runtime /opt/java/openjdk
WORKDIR /app
COPY --from=build /build/target/formgate.jar /app/formgate.jar
COPY --from=build /build/native/libsqlitejdbc.so /app/native/libsqlitejdbc.so
COPY schemas/ /app/schemas/
COPY --chmod=755 docker-entrypoint.sh /app/docker-entrypoint.sh

# Two jobs in one run of `check --exercise`, which loads and validates every schema and setting, then starts
# the server privately (loopback, a throwaway data directory, a CMS address that refuses connections) and sends
# every form sample traffic:
# 1. a broken schema or setting, or a server that cannot start or answers a sample with a 5xx, fails the build,
#    so it never reaches the running service;
# 2. it is the AOT training run: the classes it loads and links (Jetty, Javalin, Jackson, the JSON Schema
#    validator, the intake, SQLite, the outbox) and the method profiles it records are stored in
#    /app/formgate.aot, so the server starts and answers its first submission fast after a scale from zero.
# The JVM flags must match the ENTRYPOINT (DeploymentFilesTest checks it): a cache made with other
# flags, for instance without compact headers, is ignored at start.
# The data directory is a throwaway one so nothing is baked into /data.
RUN FORMGATE_DATA=/tmp/formgate-check java \
      -XX:+UseSerialGC \
      -XX:MinRAMPercentage=50 \
      -XX:MaxRAMPercentage=50 \
      -XX:InitialRAMPercentage=12.5 \
      -Xss512k \
      -XX:ReservedCodeCacheSize=32m \
      -XX:MaxMetaspaceSize=128m \
      -XX:+UseCompactObjectHeaders \
      -XX:TrimNativeHeapInterval=500 \
      -XX:CompileThresholdScaling=3 \
      -XX:CompileCommand=quiet \
      -XX:CompileCommand=MemLimit,*.*,24m \
      -XX:+UnlockDiagnosticVMOptions \
      -XX:-AOTReplayTraining \
      -XX:ArchiveRelocationMode=0 \
      -XX:+ExitOnOutOfMemoryError \
      -Dorg.sqlite.lib.path=/app/native \
      -Dorg.sqlite.lib.name=libsqlitejdbc.so \
      -XX:AOTCacheOutput=/app/formgate.aot \
      -jar /app/formgate.jar check --exercise \
 && rm -rf /tmp/formgate-check

EXPOSE 8080
VOLUME /data

# JVM flags for a 256 MB machine with one shared CPU, measured in bench/README.md (peak RSS under load, cold start);
# bench/jvm.opts holds the same list (DeploymentFilesTest checks it). Extra ones: JDK_JAVA_OPTIONS at run time.
#   UseSerialGC               one CPU and a small heap: the least memory and CPU for GC bookkeeping
#   Min/MaxRAMPercentage=50   heap capped at half the machine (128 MB on 256 MB; on a machine this small the JVM
#                             takes MinRAMPercentage, so both are set); SerialGC grows it only as needed: ~22 MB
#                             under load (live set ~8 MB), the rest is headroom for a flood of distinct clients
#                             (100 000 remembered rate-limit buckets take ~55 MB)
#   InitialRAMPercentage=12.5 starts with a 32 MB heap instead of 4 MB: 1 young collection before the first answer
#                             instead of 7 (~19 ms of pauses), ~20 ms sooner; peak RSS under load +1 to 3 MiB
#   Xss512k                   half the default thread stack
#   ReservedCodeCacheSize=32m bounds JIT code (default 240m reserved; ~15 MB used under load); C2 stays on
#   MaxMetaspaceSize=128m     bounds class metadata so a leak fails loudly instead of swapping
#   UseCompactObjectHeaders   8-byte object headers: ~10-20% less heap for the same objects
#   TrimNativeHeapInterval    hands memory the JIT compilers freed back to the OS every 500 ms
#   CompileThresholdScaling=3 a method is compiled after 3x the usual calls: at start the JIT compilers took as much
#                             CPU as the server itself; the first answer comes ~60-100 ms sooner, hot paths still
#                             compile within seconds of load (same CPU per request after a 40 s warm-up)
#   CompileCommand MemLimit   caps one compilation's working memory at 24 MB (C2 took up to 28 MB at once). At 8 MB
#                             C2 gave up the request paths' outer methods, which then stayed C1 code: 20 s into
#                             load a submission took ~16 % more CPU, after 60 s 3 %; 24 MB costs ~19 MiB of
#                             peak RSS (bench/README.md, fourteenth landing)
#   AOTReplayTraining off     the cache's method profiles are not replayed at start: on a shared CPU, compiling
#                             them ahead competes with serving the first request (~80 ms later first answer)
#   ArchiveRelocationMode=0   maps the AOT cache where it was made, so its pages are not rewritten (fewer dirty pages)
#   (the last two are diagnostic flags of JDK 25, hence UnlockDiagnosticVMOptions)
#   ExitOnOutOfMemoryError    exit and let Fly restart the machine; stored submissions are in the outbox
#   org.sqlite.lib.path/name  SQLite's native library as extracted at build time (stage 1), loaded in place
#   AOTCache                  classes loaded and linked at build time (see the check --exercise run above)
# MALLOC_ARENA_MAX=2: the JVM's and SQLite's native allocations share two arenas instead of one per thread.
# docker-entrypoint.sh hands the Fly volume to the formgate user and drops root before java starts.
ENTRYPOINT ["/app/docker-entrypoint.sh", "java", \
    "-XX:+UseSerialGC", \
    "-XX:MinRAMPercentage=50", \
    "-XX:MaxRAMPercentage=50", \
    "-XX:InitialRAMPercentage=12.5", \
    "-Xss512k", \
    "-XX:ReservedCodeCacheSize=32m", \
    "-XX:MaxMetaspaceSize=128m", \
    "-XX:+UseCompactObjectHeaders", \
    "-XX:TrimNativeHeapInterval=500", \
    "-XX:CompileThresholdScaling=3", \
    "-XX:CompileCommand=quiet", \
    "-XX:CompileCommand=MemLimit,*.*,24m", \
    "-XX:+UnlockDiagnosticVMOptions", \
    "-XX:-AOTReplayTraining", \
    "-XX:ArchiveRelocationMode=0", \
    "-XX:+ExitOnOutOfMemoryError", \
    "-Dorg.sqlite.lib.path=/app/native", \
    "-Dorg.sqlite.lib.name=libsqlitejdbc.so", \
    "-XX:AOTCache=/app/formgate.aot", \
    "-jar", "/app/formgate.jar"]
