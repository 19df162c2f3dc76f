#!/bin/sh
# Reproduces the speed figures of the README (issues 4 and 19) in one run; prints them to stdout.
# Parts: a (in process, warm), b (reduced vs full, in process), c (rhs bandwidth), w (whole process:
# ./collapse run and java -jar ... run on bench/case-a.yaml against scipy, recording overhead, reduced
# vs full and over N); bench/run.sh w runs one part.
# Needs: target/collapse.jar (mvn -q -B package -DskipTests), python3 with numpy and scipy.
# The scipy baseline runs with OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE removed from its environment.
set -e
cd "$(dirname "$0")/.."
exec java --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xmx8g -cp target/collapse.jar org.repcollapse.bench.SpeedBenchmark "$@"
