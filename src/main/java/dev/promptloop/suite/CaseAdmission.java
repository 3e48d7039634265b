package dev.promptloop.suite;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Keeps a regression suite bounded as cases arrive. Cases arriving together with near-duplicate inputs are merged; a
 * new case replaces the one of the same kind with near-duplicate
 * inputs (they share an id); a fixed case also drops the keep case of its inputs, whose output people have since
 * criticised. Beyond {@link #MAX_KEEP} keep cases, and then beyond {@link #MAX_CASES} cases, the oldest cases the
 * suite learned on its own are dropped; the owner's cases are never dropped for room.
 */
public final class CaseAdmission {

    public static final int MAX_CASES = 200;
    public static final int MAX_KEEP = 50;
    /** The owner's share, so the cases learned from feedback always have room. */
    public static final int MAX_OWNER_CASES = 50;

    private CaseAdmission() {
    }

    public static SuiteChange admit(List<RegressionCase> suite, List<RegressionCase> cases) {
        if (cases.isEmpty()) {
            return SuiteChange.NONE;
        }
        List<RegressionCase> arriving = distinct(suite, cases);
        Map<String, RegressionCase> after = new LinkedHashMap<>();
        suite.forEach(c -> after.put(c.caseId(), c));
        Set<String> arrivingIds = arriving.stream().map(RegressionCase::caseId).collect(Collectors.toSet());
        List<String> deletes = new ArrayList<>();
        for (RegressionCase c : arriving) {
            after.put(c.caseId(), c);
            // a keep case of these inputs cannot be arriving too: distinct left it out
            String kept = RegressionCase.id(RegressionCase.Kind.KEEP, c.variables());
            if (c.kind() == RegressionCase.Kind.FIXED && after.remove(kept) != null) {
                deletes.add(kept);
            }
        }
        List<RegressionCase> oldestFirst = after.values().stream().filter(c -> c.kind() != RegressionCase.Kind.OWNER)
                .sorted(Comparator.comparing(RegressionCase::createdAt)).toList();
        long keep = oldestFirst.stream().filter(c -> c.kind() == RegressionCase.Kind.KEEP).count();
        for (RegressionCase c : oldestFirst) {
            boolean over = c.kind() == RegressionCase.Kind.KEEP && keep > MAX_KEEP || after.size() > MAX_CASES;
            if (over && !arrivingIds.contains(c.caseId())) {
                after.remove(c.caseId());
                deletes.add(c.caseId());
                keep -= c.kind() == RegressionCase.Kind.KEEP ? 1 : 0;
            }
        }
        return new SuiteChange(arriving, deletes);
    }

    /**
     * Arriving cases with near-duplicate inputs become one, which learned from all their feedback; a keep case whose
     * inputs have a fixed case, stored or arriving, does not arrive: people criticised an output for them.
     */
    private static List<RegressionCase> distinct(List<RegressionCase> suite, List<RegressionCase> cases) {
        Map<String, RegressionCase> byId = new LinkedHashMap<>();
        cases.forEach(c -> byId.merge(c.caseId(), c, RegressionCase::alsoFrom));
        Set<String> criticised = Stream.concat(suite.stream(), cases.stream())
                .filter(c -> c.kind() == RegressionCase.Kind.FIXED)
                .map(c -> RegressionCase.id(RegressionCase.Kind.KEEP, c.variables())).collect(Collectors.toSet());
        return byId.values().stream().filter(c -> c.kind() != RegressionCase.Kind.KEEP
                || !criticised.contains(c.caseId())).toList();
    }
}
