#!/usr/bin/env bash
# Apache Kafka as a single-node KRaft broker, built from the artifacts on Maven Central with the
# machine's Maven and run with its Java 17. Jars are cached in .local/kafka/libs (git-ignored),
# so only the first start downloads. Usage: kafka.sh install|start|stop|health
source "$(dirname "$0")/lib.sh"
KAFKA_DIR="$LOCAL_DIR/kafka"
KAFKA_LIBS="$KAFKA_DIR/libs"
KAFKA_DATA="$KAFKA_DIR/data"
KAFKA_PID="$KAFKA_DIR/kafka.pid"
KAFKA_CONF="$KAFKA_DIR/server.properties"
POM="$(dirname "$0")/kafka/pom.xml"

install() {
  need_pkg java openjdk-17-jre-headless
  need_pkg mvn maven
  mkdir -p "$KAFKA_DIR"
  local stamp="$KAFKA_LIBS/.pom-$(sha256sum "$POM" | cut -c1-16)"
  [ -f "$stamp" ] && return 0
  log "fetching Kafka jars with Maven (first start only)"
  rm -rf "$KAFKA_LIBS"
  mvn -B -q -f "$POM" dependency:copy-dependencies -DincludeScope=runtime \
    -DoutputDirectory="$KAFKA_LIBS" >"$KAFKA_DIR/maven.log" 2>&1 || { cat "$KAFKA_DIR/maven.log" >&2; return 1; }
  touch "$stamp"
}

write_config() {
  mkdir -p "$KAFKA_DATA"
  cat > "$KAFKA_CONF" <<CONF
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$KAFKA_DATA
num.partitions=3
auto.create.topics.enable=true
offsets.topic.replication.factor=1
offsets.topic.num.partitions=6
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
log.flush.interval.messages=1
CONF
  cat > "$KAFKA_DIR/log4j2.properties" <<CONF
rootLogger.level=WARN
rootLogger.appenderRef.file.ref=file
appender.file.type=File
appender.file.name=file
appender.file.fileName=$KAFKA_DIR/broker.log
appender.file.layout.type=PatternLayout
appender.file.layout.pattern=[%d] %p %m (%c)%n
CONF
}

java_run() { # java_run <main-class> args...
  java -Xms256m -Xmx768m -XX:+UseG1GC -Djava.awt.headless=true \
    -Dlog4j2.configurationFile="$KAFKA_DIR/log4j2.properties" -cp "$KAFKA_LIBS/*" "$@"
}

start() {
  install
  write_config
  if pid_alive "$KAFKA_PID"; then wait_for 90 kafka health; return; fi
  if [ ! -f "$KAFKA_DATA/meta.properties" ]; then
    log "formatting KRaft storage"
    java_run kafka.tools.StorageTool format -t "$(java_run kafka.tools.StorageTool random-uuid)" \
      -c "$KAFKA_CONF" >/dev/null
  fi
  log "starting on 127.0.0.1:$KAFKA_PORT"
  nohup java -Xms256m -Xmx768m -XX:+UseG1GC -Djava.awt.headless=true \
    -Dlog4j2.configurationFile="$KAFKA_DIR/log4j2.properties" -cp "$KAFKA_LIBS/*" \
    kafka.Kafka "$KAFKA_CONF" >"$KAFKA_DIR/stdout.log" 2>&1 &
  echo $! > "$KAFKA_PID"
  wait_for 90 kafka health || { tail -n 30 "$KAFKA_DIR/broker.log" "$KAFKA_DIR/stdout.log" >&2; return 1; }
}

stop() {
  pid_alive "$KAFKA_PID" || { rm -f "$KAFKA_PID"; return 0; }
  log "stopping"
  kill "$(cat "$KAFKA_PID")"
  wait_for 60 "kafka to stop" bash -c "! kill -0 $(cat "$KAFKA_PID")" || kill -9 "$(cat "$KAFKA_PID")" 2>/dev/null || true
  rm -f "$KAFKA_PID"
}

# Healthy = the process lives and the broker answers on its port.
health() { pid_alive "$KAFKA_PID" && port_open "$KAFKA_PORT"; }

"${1:?usage: kafka.sh install|start|stop|health}"
