package io.warpengine.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** When each operation of an open loop is due, and which reporting window it falls in. */
interface RateSchedule {

    /** Seconds after the phase start at which operation {@code k} (0-based, over all threads) is due. */
    double dueSeconds(long k);

    /** Index into {@link #windows()} of the window containing time {@code t}. */
    int windowAt(double t);

    List<String> windows();

    /** Seconds spent in each window over a phase of {@code duration} seconds. */
    Map<String, Double> windowSeconds(double duration);

    /** Mean offered rate. */
    double offeredPerSecond();

    /** A fixed rate. */
    record Constant(double perSecond) implements RateSchedule {
        public Constant {
            if (!(perSecond > 0)) {
                throw new IllegalArgumentException("the offered rate must be positive, was " + perSecond);
            }
        }

        @Override
        public double dueSeconds(long k) {
            return k / perSecond;
        }

        @Override
        public int windowAt(double t) {
            return 0;
        }

        @Override
        public List<String> windows() {
            return List.of(PhaseResult.ALL);
        }

        @Override
        public Map<String, Double> windowSeconds(double duration) {
            return Map.of(PhaseResult.ALL, duration);
        }

        @Override
        public double offeredPerSecond() {
            return perSecond;
        }
    }

    /**
     * A base rate with periodic bursts: each period runs at the base rate, then at the burst rate for its last
     * {@code burstSeconds}.
     */
    record Burst(double basePerSecond, double burstPerSecond, double periodSeconds, double burstSeconds)
            implements RateSchedule {

        static final String BASE = "base";
        static final String BURST = "burst";

        public Burst {
            if (!(basePerSecond > 0) || !(burstPerSecond > 0) || !(burstSeconds > 0) || !(periodSeconds > burstSeconds)) {
                throw new IllegalArgumentException("a burst schedule needs positive rates and 0 < burst length < period;"
                        + " got base " + basePerSecond + "/s, burst " + burstPerSecond + "/s, burst " + burstSeconds
                        + " s every " + periodSeconds + " s");
            }
        }

        private double baseSeconds() {
            return periodSeconds - burstSeconds;
        }

        private double opsPerPeriod() {
            return basePerSecond * baseSeconds() + burstPerSecond * burstSeconds;
        }

        @Override
        public double dueSeconds(long k) {
            double perPeriod = opsPerPeriod();
            long period = (long) Math.floor(k / perPeriod);
            double rest = k - period * perPeriod;
            double baseOps = basePerSecond * baseSeconds();
            double within = rest < baseOps ? rest / basePerSecond : baseSeconds() + (rest - baseOps) / burstPerSecond;
            return period * periodSeconds + within;
        }

        @Override
        public int windowAt(double t) {
            return t % periodSeconds < baseSeconds() ? 0 : 1;
        }

        @Override
        public List<String> windows() {
            return List.of(BASE, BURST);
        }

        @Override
        public Map<String, Double> windowSeconds(double duration) {
            long whole = (long) Math.floor(duration / periodSeconds);
            double rest = duration - whole * periodSeconds;
            Map<String, Double> seconds = new LinkedHashMap<>();
            seconds.put(PhaseResult.ALL, duration);
            seconds.put(BASE, whole * baseSeconds() + Math.min(rest, baseSeconds()));
            seconds.put(BURST, whole * burstSeconds + Math.max(0, rest - baseSeconds()));
            return seconds;
        }

        @Override
        public double offeredPerSecond() {
            return opsPerPeriod() / periodSeconds;
        }
    }
}
