#!/bin/sh
# Reproduces the speed figures of the README (issue 4) in one run; prints them to stdout.
# Needs: target/collapse.jar (mvn -q -B package -DskipTests), python3 with numpy and scipy.
# The scipy baseline runs with OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE removed from its environment.
set -e
cd "$(dirname "$0")/.."
exec java --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xmx8g -cp target/collapse.jar org.repcollapse.bench.SpeedBenchmark "$@"
