#!/bin/sh
# Reproduces the speed figures of the README in one run; prints them to stdout.
# Parts: bench/run.sh [a] [b] [c] [t] (default all): a, b, c of issue 4 (SpeedBenchmark); t, issue 11's
# teacher-student right-hand side against numpy (StudentRhsBenchmark), in its own JVM with the flags of
# ./collapse (default GC; with -XX:+UseParallelGC it measured about 20 % slower per evaluation, cause
# not pinned down: probably where its small arrays sit relative to 64-byte lines for the vector loads).
# Needs: target/collapse.jar (mvn -q -B package -DskipTests), python3 with numpy and scipy.
# The scipy baseline runs with OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE removed from its environment.
set -e
cd "$(dirname "$0")/.."
parts="$*"
[ -n "$parts" ] || parts="a b c t"
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
