package io.ovsworkers.api;

/** The ensure-single modes of the original. */
public enum Mode {
    /** One instance per task name; a duplicate is discarded, never queued. */
    DEFAULT,
    /** Identical arguments run one at a time with at most one waiting; different arguments run in parallel. */
    DEDUPED,
    /** One instance per task name at a time, in arrival order, with DEDUPED's per-argument limit. */
    CHAINED
}
