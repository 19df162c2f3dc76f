#!/bin/sh
# Reproduces the speed figures of the README in one run; prints them to stdout.
# Parts: bench/run.sh [a] [b] [c] [w] [t] (default all): a (in process, warm), b (reduced vs full,
# in process), c (rhs bandwidth) of issue 4; w (whole process, issue 19: ./collapse run and
# java -jar ... run on bench/case-a.yaml against scipy, recording overhead, reduced vs full and over
# N) (SpeedBenchmark); t, issue 11's teacher-student right-hand side against numpy
# (StudentRhsBenchmark), in its own JVM with the flags of ./collapse (default GC; with
# -XX:+UseParallelGC it measured about 20 % slower per evaluation, cause not pinned down).
# The stiff benchmark (d) is bench/stiff.sh.
# Needs: target/collapse.jar (mvn -q -B package -DskipTests), python3 with numpy and scipy.
# The scipy baseline runs with OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE removed from its environment.
set -e
cd "$(dirname "$0")/.."
parts="$*"
[ -n "$parts" ] || parts="a b c w t"
rest=""
student=0
for p in $parts; do
    if [ "$p" = t ]; then student=1; else rest="$rest $p"; fi
done
if [ -n "$rest" ]; then
    # shellcheck disable=SC2086
    java --add-modules jdk.incubator.vector -XX:+UseParallelGC -Xmx8g -cp target/collapse.jar org.repcollapse.bench.SpeedBenchmark $rest
fi
if [ "$student" = 1 ]; then
    java --add-modules jdk.incubator.vector -cp target/collapse.jar org.repcollapse.bench.StudentRhsBenchmark
fi
