package io.warpengine.bench;

/** The operations a workload issues. */
enum Op { PUT, GET, DELETE }
