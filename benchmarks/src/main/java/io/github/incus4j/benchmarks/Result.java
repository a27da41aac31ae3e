package io.github.incus4j.benchmarks;

/**
 * One line of the report.
 *
 * @param id the case, such as {@code B1}
 * @param description what was measured
 * @param client the client's figure, with its unit
 * @param baseline the baseline's figure, with its unit ("-" when there is none)
 * @param ratio client relative to baseline, in the direction the target is stated
 * @param target the target, as stated in the issue
 * @param met whether the target is met in this run
 * @param load the 1-minute load average of the machine when the case started
 */
record Result(String id, String description, String client, String baseline, String ratio, String target,
        boolean met, String load) {

    Result(String id, String description, String client, String baseline, String ratio, String target, boolean met) {
        this(id, description, client, baseline, ratio, target, met, "");
    }

    /** The same result with the load average of the machine when its case started. */
    Result withLoad(String loadAverage) {
        return new Result(id, description, client, baseline, ratio, target, met, loadAverage);
    }

    /** The target of a row that measures a reference point rather than the client. */
    static final String REFERENCE = "reference";
}
