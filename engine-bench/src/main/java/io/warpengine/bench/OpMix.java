package io.warpengine.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The share of each operation in a workload, in percent. Written {@code put=50,get=45,delete=5} (also
 * {@code quantumget=} and {@code batch=}), or one of {@code put}, {@code get}, {@code quantumget}, {@code batch}
 * (100% of it), {@code ycsb-a} (50% reads, 50% updates), {@code ycsb-b} (95/5), {@code ycsb-c} (reads only).
 * YCSB's updates are PUTs of existing keys here.
 */
record OpMix(String name, int putPercent, int getPercent, int deletePercent, int quantumPercent, int batchPercent) {

    static final String FORMS = "put, get, quantumget, batch, ycsb-a, ycsb-b, ycsb-c, or shares such as"
            + " put=50,get=45,delete=5 (also quantumget=, batch=)";

    OpMix {
        if (putPercent < 0 || getPercent < 0 || deletePercent < 0 || quantumPercent < 0 || batchPercent < 0
                || putPercent + getPercent + deletePercent + quantumPercent + batchPercent != 100) {
            throw new IllegalArgumentException("workload '" + name + "': the shares of put, get, delete, quantumget"
                    + " and batch must be non-negative and add up to 100");
        }
    }

    OpMix(String name, int putPercent, int getPercent, int deletePercent) {
        this(name, putPercent, getPercent, deletePercent, 0, 0);
    }

    /**
     * The workloads of a {@code --workload} option, in order: each value is one mix of shares ({@code put=50,get=50})
     * or a comma-separated list of named mixes ({@code put,get}).
     */
    static List<OpMix> parseAll(List<String> values) {
        List<OpMix> mixes = new ArrayList<>();
        for (String w : values) {
            for (String single : w.contains("=") ? new String[]{w} : w.split(",")) {
                mixes.add(parse(single));
            }
        }
        return mixes;
    }

    static OpMix parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        switch (t) {
            case "put": return new OpMix(t, 100, 0, 0);
            case "get": return new OpMix(t, 0, 100, 0);
            case "ycsb-a": return new OpMix(t, 50, 50, 0);
            case "ycsb-b": return new OpMix(t, 5, 95, 0);
            case "ycsb-c": return new OpMix(t, 0, 100, 0);
            case "quantumget": return new OpMix(t, 0, 0, 0, 100, 0);
            case "batch": return new OpMix(t, 0, 0, 0, 0, 100);
            default: return parseShares(t);
        }
    }

    private static OpMix parseShares(String t) {
        int put = 0;
        int get = 0;
        int delete = 0;
        int quantum = 0;
        int batch = 0;
        for (String part : t.split(",")) {
            String[] kv = part.split("=", 2);
            int share;
            try {
                share = kv.length == 2 ? Integer.parseInt(kv[1].trim()) : -1;
            } catch (NumberFormatException e) {
                share = -1;
            }
            if (share < 0) {
                throw new IllegalArgumentException("unknown workload '" + t + "'; expected " + FORMS);
            }
            switch (kv[0].trim()) {
                case "put": put = share; break;
                case "get": get = share; break;
                case "delete": delete = share; break;
                case "quantumget": quantum = share; break;
                case "batch": batch = share; break;
                default: throw new IllegalArgumentException("unknown operation '" + kv[0].trim() + "' in workload '"
                        + t + "'; expected " + FORMS);
            }
        }
        return new OpMix(t, put, get, delete, quantum, batch);
    }

    /** The next operation, drawn with these shares. */
    Op next(SplittableRandom rnd) {
        if (putPercent == 100) {
            return Op.PUT;
        }
        if (getPercent == 100) {
            return Op.GET;
        }
        int r = rnd.nextInt(100);
        if ((r -= putPercent) < 0) {
            return Op.PUT;
        }
        if ((r -= getPercent) < 0) {
            return Op.GET;
        }
        if ((r -= deletePercent) < 0) {
            return Op.DELETE;
        }
        return r < quantumPercent ? Op.QUANTUM_GET : Op.BATCH;
    }

    /** The operations this mix issues. */
    List<Op> ops() {
        List<Op> ops = new ArrayList<>();
        if (putPercent > 0) {
            ops.add(Op.PUT);
        }
        if (getPercent > 0) {
            ops.add(Op.GET);
        }
        if (deletePercent > 0) {
            ops.add(Op.DELETE);
        }
        if (quantumPercent > 0) {
            ops.add(Op.QUANTUM_GET);
        }
        if (batchPercent > 0) {
            ops.add(Op.BATCH);
        }
        return ops;
    }

    /** True when a GET may find no key (deletes remove keys). */
    boolean mayMiss() {
        return deletePercent > 0;
    }
}
