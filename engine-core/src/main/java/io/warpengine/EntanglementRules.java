package io.warpengine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Pattern rules that derive entanglements from the shape of keys, without anyone declaring each pair: a rule
 * {@code user:*->profile:*,settings:*} entangles {@code user:42} with {@code profile:42} and {@code settings:42} at
 * {@link #STRENGTH}. The part of a key after its first {@code ':'} replaces the {@code *} of each target. Derived
 * entanglements are not stored: they follow the rules in force, so removing a rule removes them.
 *
 * <p>Text form (the {@code entangle.rules} setting): rules separated by {@code ';'}, each
 * {@code name:*->target,target...}, where a rule's source is a name without {@code ':'} or {@code '*'} followed by
 * {@code :*}, and each target holds exactly one {@code *}; or {@code off} for no rules.
 */
public final class EntanglementRules {

    /** The strength of every derived entanglement, as the original engine gave them. */
    public static final float STRENGTH = 0.8f;

    /** No rules. */
    public static final EntanglementRules OFF = new EntanglementRules(Map.of());

    private static final Pattern SOURCE = Pattern.compile("[^:*\\s]+:\\*");

    /** Source name (the part before ':') to the targets' parts before and after their '*'. */
    private final Map<String, List<String[]>> targetsBySource;

    private EntanglementRules(Map<String, List<String[]>> targetsBySource) {
        this.targetsBySource = targetsBySource;
    }

    /**
     * Reads the text form.
     *
     * @throws IllegalArgumentException naming the first bad rule and what is wrong with it
     */
    public static EntanglementRules parse(String text) {
        String trimmed = text == null ? "" : text.strip();
        if (trimmed.equals("off")) {
            return OFF;
        }
        Map<String, List<String[]>> rules = new LinkedHashMap<>();
        for (String raw : trimmed.split(";", -1)) {
            String rule = raw.strip();
            if (rule.isEmpty()) {
                throw bad(rule, "it is empty (a stray ';'?)");
            }
            int arrow = rule.indexOf("->");
            if (arrow < 0) {
                throw bad(rule, "it has no '->'");
            }
            String source = rule.substring(0, arrow).strip();
            if (!SOURCE.matcher(source).matches()) {
                throw bad(rule, "its pattern '" + source + "' is not a name followed by ':*'");
            }
            List<String[]> targets = new ArrayList<>();
            for (String t : rule.substring(arrow + 2).split(",", -1)) {
                String target = t.strip();
                if (target.isEmpty() || target.indexOf('*') != target.lastIndexOf('*') || target.indexOf('*') < 0
                        || target.chars().anyMatch(Character::isWhitespace)) {
                    throw bad(rule, "its target '" + target + "' does not hold exactly one '*' (and no spaces)");
                }
                int star = target.indexOf('*');
                targets.add(new String[]{target.substring(0, star), target.substring(star + 1)});
            }
            String name = source.substring(0, source.length() - 2);
            if (rules.put(name, List.copyOf(targets)) != null) {
                throw bad(rule, "another rule has the pattern '" + source + "'");
            }
        }
        return new EntanglementRules(Map.copyOf(rules));
    }

    private static IllegalArgumentException bad(String rule, String why) {
        return new IllegalArgumentException("entanglement rule '" + rule + "' is invalid: " + why
                + "; write rules as name:*->target:*,target:* separated by ';', or 'off'");
    }

    /**
     * The keys {@code key} is entangled with by the rules (at {@link #STRENGTH}), in the rule's order, itself
     * left out: one map lookup on the key's name before its first ':', then the targets built from the rest.
     */
    public List<String> derive(String key) {
        if (targetsBySource.isEmpty()) {
            return List.of();
        }
        int colon = key.indexOf(':');
        if (colon <= 0) {
            return List.of();
        }
        List<String[]> targets = targetsBySource.get(key.substring(0, colon));
        if (targets == null) {
            return List.of();
        }
        String id = key.substring(colon + 1);
        List<String> derived = new ArrayList<>(targets.size());
        for (String[] target : targets) {
            String related = target[0] + id + target[1];
            if (!related.equals(key)) {
                derived.add(related);
            }
        }
        return derived;
    }

    /** Whether there are no rules. */
    public boolean isOff() {
        return targetsBySource.isEmpty();
    }

    /** The text form, which {@link #parse} reads back. */
    @Override
    public String toString() {
        if (isOff()) {
            return "off";
        }
        List<String> rules = new ArrayList<>();
        targetsBySource.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> rules.add(
                e.getKey() + ":*->" + String.join(",", e.getValue().stream().map(t -> t[0] + "*" + t[1]).toList())));
        return String.join(";", rules);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EntanglementRules r && r.toString().equals(toString());
    }

    @Override
    public int hashCode() {
        return toString().hashCode();
    }
}
