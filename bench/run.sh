#!/bin/sh
# Reproduces the speed figures of the README (issue 4; part t: issue 11's teacher-student right-hand
# side against numpy) in one run; prints them to stdout. Parts: bench/run.sh [a] [b] [c] [t] (default all).
# Needs: target/collapse.jar (mvn -q -B package -DskipTests), python3 with numpy and scipy.
# The scipy baseline runs with OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE removed from its environment.
set -e
cd "$(dirname "$0")/.."
exec java --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xmx8g -cp target/collapse.jar org.repcollapse.bench.SpeedBenchmark "$@"
